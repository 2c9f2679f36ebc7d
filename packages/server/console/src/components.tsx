import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiFailure } from './api.js';

type Listener = (message: string, kind: 'ok' | 'error') => void;
let listener: Listener = () => {};

/** Says something in the page's live region (read out by screen readers). */
export function announce(message: string, kind: 'ok' | 'error' = 'ok'): void {
  listener(message, kind);
}

export const messageOf = (error: unknown) =>
  error instanceof ApiFailure ? `${error.status} ${error.errorCode}: ${error.message}` : String(error);

export function StatusRegion() {
  const [status, setStatus] = useState<{ message: string; kind: 'ok' | 'error' } | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    listener = (message, kind) => {
      setStatus({ message, kind });
      clearTimeout(timer);
      // Errors stay until the next message; confirmations go after a while.
      if (kind === 'ok') timer = setTimeout(() => setStatus(null), 6000);
    };
    return () => clearTimeout(timer);
  }, []);
  return (
    <div class={`status ${status?.kind ?? ''}`} role="status" aria-live="polite">
      {status?.message}
    </div>
  );
}

/** Runs `action`, announcing `done` or the error. */
export async function act(action: () => Promise<unknown>, done: string): Promise<boolean> {
  try {
    await action();
    announce(done);
    return true;
  } catch (error) {
    announce(messageOf(error), 'error');
    return false;
  }
}

export function useLoad<T>(load: () => Promise<T>, deps: unknown[] = [], everyMsecs = 0) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    try {
      setData(await load());
      setError(null);
    } catch (failure) {
      setError(messageOf(failure));
    }
  }, deps);
  useEffect(() => {
    void reload();
    if (everyMsecs <= 0) return undefined;
    const timer = setInterval(() => void reload(), everyMsecs);
    return () => clearInterval(timer);
  }, [reload, everyMsecs]);
  return { data, error, reload };
}

/** A page: its heading takes the focus when it opens, so screen readers start there. */
export function Page({ title, children }: { title: string; children: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Cohesity stand-in`;
    heading.current?.focus();
  }, [title]);
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1} ref={heading}>
        {title}
      </h1>
      {children}
    </section>
  );
}

export function LoadError({ error }: { error: string | null }) {
  return error ? (
    <p class="error" role="alert">
      {error}
    </p>
  ) : null;
}

export interface Column<T> {
  label: string;
  cell: (row: T) => ComponentChildren;
}

/**
 * A table; on narrow screens each row becomes a card of labelled cells (CSS). The explicit
 * roles (redundant to a linter) keep it a table for screen readers, which drop a table's
 * semantics when CSS displays its parts as blocks.
 */
export function Table<T>({
  caption,
  columns,
  rows,
  rowKey,
}: {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string | number;
}) {
  return (
    <div class="table-wrap">
      <table role="table">
        <caption>{caption}</caption>
        <thead role="rowgroup">
          <tr role="row">
            {columns.map((column) => (
              <th scope="col" role="columnheader" key={column.label}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup">
          {rows.length === 0 ? (
            <tr role="row">
              <td role="cell" colSpan={columns.length}>
                None
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr role="row" key={rowKey(row)}>
                {columns.map((column) => {
                  const value = column.cell(row);
                  const empty = value === '' || value === null || value === undefined;
                  return (
                    <td role="cell" data-label={column.label} key={column.label} class={empty ? 'empty' : undefined}>
                      {value}
                    </td>
                  );
                })}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

export function Field({ label, hint, children }: { label: string; hint?: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the child
    <label class="field">
      <span>{label}</span>
      {children}
      {hint ? <small>{hint}</small> : null}
    </label>
  );
}

export const formatTime = (msecs: number | null | undefined) =>
  msecs === null || msecs === undefined ? '–' : new Date(msecs).toISOString().replace('T', ' ').slice(0, 19);

/** The values of a submitted form's named fields. */
export function formValues(event: Event): Record<string, string> {
  event.preventDefault();
  const form = event.currentTarget as HTMLFormElement;
  return Object.fromEntries([...new FormData(form).entries()].map(([k, v]) => [k, String(v)]));
}

export interface FilterState {
  text: string;
  setText: (text: string) => void;
  live: boolean;
  setLive: (live: boolean) => void;
}

/** A search box over what is shown, a Live switch for the polling, and `children` before them. */
export function Filters({
  label,
  hint,
  state,
  children,
}: {
  label: string;
  hint?: string;
  state: FilterState;
  children?: ComponentChildren;
}) {
  return (
    <search class="filters" aria-label={label}>
      {children}
      <Field label="Contains" {...(hint ? { hint } : {})}>
        <input value={state.text} onInput={(e) => state.setText((e.currentTarget as HTMLInputElement).value)} />
      </Field>
      <label class="check">
        <input
          type="checkbox"
          checked={state.live}
          onChange={(e) => state.setLive((e.currentTarget as HTMLInputElement).checked)}
        />{' '}
        Live
      </label>
    </search>
  );
}

export function useFilters(): FilterState {
  const [text, setText] = useState('');
  const [live, setLive] = useState(true);
  return { text, setText, live, setLive };
}

/** Rows whose JSON contains the filter's text, case-insensitively. */
export const matching = <T,>(rows: T[], text: string, fields: (row: T) => unknown = (row) => row) => {
  const needle = text.toLowerCase();
  return needle ? rows.filter((row) => JSON.stringify(fields(row)).toLowerCase().includes(needle)) : rows;
};

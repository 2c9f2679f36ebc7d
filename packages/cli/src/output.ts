import { styleText } from 'node:util';

type Format = Parameters<typeof styleText>[0];

/** Colours only when `stream` is a terminal that takes them (Node checks NO_COLOR, FORCE_COLOR and TERM). */
export function paint(format: Format, text: string, stream: NodeJS.WriteStream = process.stdout): string {
  return styleText(format, text, { stream, validateStream: true });
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

const cell = (value: unknown): string => {
  if (value === null || value === undefined) return '-';
  if (Array.isArray(value)) return value.join(',');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
};

/** Rows as aligned columns under a bold header; `(none)` when there are no rows. */
export function printTable(rows: readonly object[], columns: readonly string[]): void {
  if (rows.length === 0) {
    process.stdout.write('(none)\n');
    return;
  }
  const cells = rows.map((row) => columns.map((column) => cell((row as Record<string, unknown>)[column])));
  const widths = columns.map((column, i) => Math.max(column.length, ...cells.map((line) => line[i]?.length ?? 0)));
  const format = (line: readonly string[]) =>
    line
      .map((text, i) => text.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const header = paint('bold', format(columns));
  process.stdout.write(`${[header, ...cells.map(format)].join('\n')}\n`);
}

/** One object as `key  value` lines, nested objects flattened with dots. */
export function printRecord(record: object): void {
  const rows: { key: string; value: unknown }[] = [];
  const walk = (value: object, prefix: string) => {
    for (const [key, inner] of Object.entries(value)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (inner !== null && typeof inner === 'object' && !Array.isArray(inner)) walk(inner, path);
      else rows.push({ key: path, value: inner });
    }
  };
  walk(record, '');
  const width = Math.max(...rows.map((row) => row.key.length));
  const lines = rows.map((row) => `${paint('bold', row.key.padEnd(width))}  ${cell(row.value)}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** A status line for people, on stderr so that stdout stays clean for scripts. */
export function note(message: string): void {
  process.stderr.write(`${paint('green', message, process.stderr)}\n`);
}

export function warn(message: string): void {
  process.stderr.write(`${paint('yellow', message, process.stderr)}\n`);
}

import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api.js';
import { Filters, formatTime, matching, messageOf, Page, Table, useFilters } from '../components.js';

interface Entry {
  seq: number;
  timeMsecs: number;
  method: string;
  path: string;
  status: number;
  principal: string | null;
  scheme: string;
  latencyMsecs: number;
  error: string | null;
  fault: string | null;
}

const KEPT = 300;

/** What clients did, as the server saw it: newest first, polled every second. */
export function RequestsPage() {
  const [entries, setEntries] = useState<Entry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const filters = useFilters();
  const last = useRef(0);
  useEffect(() => {
    if (!filters.live) return undefined;
    const poll = async () => {
      try {
        const { entries: fresh } = await api<{ entries: Entry[] }>('GET', `/_stand-in/requests?after=${last.current}`);
        if (fresh.length) {
          last.current = fresh[fresh.length - 1]?.seq ?? last.current;
          setEntries((old) => [...fresh.reverse(), ...old].slice(0, KEPT));
        }
        setError(null);
      } catch (failure) {
        setError(messageOf(failure));
      }
    };
    void poll();
    const timer = setInterval(poll, 1000);
    return () => clearInterval(timer);
  }, [filters.live]);
  const rows = matching(entries, filters.text);
  return (
    <Page title="Requests">
      <Filters label="Filter the requests" hint="path, status, user, error…" state={filters} />
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      <Table
        caption="Requests, newest first"
        rowKey={(e) => e.seq}
        rows={rows}
        columns={[
          { label: 'Time', cell: (e) => formatTime(e.timeMsecs).slice(11) },
          { label: 'Method', cell: (e) => e.method },
          { label: 'Path', cell: (e) => <code>{e.path}</code> },
          { label: 'Status', cell: (e) => <span class={`http s${String(e.status)[0]}`}>{e.status || 'hung up'}</span> },
          { label: 'Principal', cell: (e) => e.principal ?? '–' },
          { label: 'Scheme', cell: (e) => e.scheme },
          { label: 'Latency', cell: (e) => `${e.latencyMsecs} ms` },
          { label: 'Error sent', cell: (e) => e.error ?? '' },
          { label: 'Fault', cell: (e) => e.fault ?? '' },
        ]}
      />
    </Page>
  );
}

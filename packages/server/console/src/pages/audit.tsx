import type { AuditLogs } from 'cohesity-sdk/models';
import { useState } from 'preact/hooks';
import { api, query } from '../api.js';
import { Field, Filters, formatTime, LoadError, matching, Page, Table, useFilters, useLoad } from '../components.js';

export function AuditPage() {
  const [action, setAction] = useState('');
  const filters = useFilters();
  const { data, error } = useLoad(
    () => api<AuditLogs>('GET', `/v2/audit-logs${query({ limit: 200, action })}`),
    [action],
    filters.live ? 2000 : 0,
  );
  const rows = matching(data?.auditLogs ?? [], filters.text, (e) => [e.actorName, e.target, e.outcome, e.details]);
  return (
    <Page title="Audit log">
      <Filters label="Filter the audit log" state={filters}>
        <Field label="Action" hint="exact, e.g. login or user.update">
          <input value={action} onChange={(e) => setAction((e.currentTarget as HTMLInputElement).value.trim())} />
        </Field>
      </Filters>
      <LoadError error={error} />
      <Table
        caption="Audit log, newest first"
        rowKey={(e) => e.id}
        rows={rows}
        columns={[
          { label: 'Time', cell: (e) => formatTime(e.timeMsecs) },
          { label: 'Action', cell: (e) => e.action },
          { label: 'Outcome', cell: (e) => <span class={`outcome ${e.outcome}`}>{e.outcome}</span> },
          { label: 'Actor', cell: (e) => e.actorName ?? '–' },
          { label: 'Target', cell: (e) => e.target ?? '–' },
          { label: 'Details', cell: (e) => <code class="details">{JSON.stringify(e.details)}</code> },
        ]}
      />
    </Page>
  );
}

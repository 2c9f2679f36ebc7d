import type { SessionsCount, Users } from 'cohesity-sdk/models';
import { api, query } from '../api.js';
import { act, LoadError, Page, Table, useLoad } from '../components.js';

export function SessionsPage() {
  const { data, error, reload } = useLoad(async () => {
    const [counts, users] = await Promise.all([
      api<SessionsCount>('GET', '/v2/users/sessions'),
      api<Users>('GET', '/v2/users'),
    ]);
    const names = new Map(users.users.map((u) => [u.sid, `${u.domain}\\${u.username}`]));
    return { counts, names };
  });
  const end = (sid?: string) =>
    act(
      () => api('DELETE', `/v2/users/sessions${query({ sid })}`),
      sid ? 'Sessions ended' : 'Every session ended',
    ).then(reload);
  return (
    <Page title="Sessions">
      <p>
        {data ? `${data.counts.totalSessionsCount} active sessions.` : ''}{' '}
        <button type="button" class="danger" onClick={() => end()}>
          End every session
        </button>
      </p>
      <LoadError error={error} />
      <Table
        caption="Sessions per user"
        rowKey={(row) => row.sid}
        rows={data?.counts.sessionsPerUser ?? []}
        columns={[
          { label: 'User', cell: (row) => data?.names.get(row.sid) ?? row.sid },
          { label: 'Sessions', cell: (row) => row.sessionsCount },
          {
            label: 'Actions',
            cell: (row) => (
              <button
                type="button"
                aria-label={`End the sessions of ${data?.names.get(row.sid) ?? row.sid}`}
                onClick={() => end(row.sid)}
              >
                End
              </button>
            ),
          },
        ]}
      />
    </Page>
  );
}

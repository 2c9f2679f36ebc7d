import type { User, Users } from 'cohesity-sdk/models';
import { api } from '../api.js';
import { act, Field, formatTime, formValues, LoadError, Page, Table, useLoad } from '../components.js';

const ROLES = [
  'COHESITY_ADMIN',
  'COHESITY_VIEWER',
  'COHESITY_OPERATOR',
  'COHESITY_DATA_SECURITY',
  'COHESITY_SUPER_ADMIN',
];

function UserActions({ user, reload }: { user: User; reload: () => Promise<void> }) {
  const update = (body: object, done: string) =>
    act(() => api('PUT', `/v2/users/${user.sid}`, body), done).then(reload);
  const label = (what: string) => `${what} ${user.username}`;
  return (
    <div class="actions">
      {user.locked ? (
        <button
          type="button"
          aria-label={label('Unlock')}
          onClick={() => update({ locked: false }, `Unlocked ${user.username}`)}
        >
          Unlock
        </button>
      ) : (
        <button
          type="button"
          aria-label={label('Lock')}
          onClick={() => update({ locked: true }, `Locked ${user.username}`)}
        >
          Lock
        </button>
      )}
      <button
        type="button"
        aria-label={label('Set roles of')}
        onClick={() => {
          const roles = prompt(
            `Roles of ${user.username} (comma-separated: ${ROLES.join(', ')})`,
            user.roles.join(','),
          );
          if (roles) void update({ roles: roles.split(',').map((r) => r.trim()) }, `Roles of ${user.username} set`);
        }}
      >
        Roles
      </button>
      <button
        type="button"
        aria-label={label('Reset password of')}
        onClick={() => {
          const password = prompt(`New password for ${user.username}`);
          if (password) void update({ localUserParams: { password } }, `Password of ${user.username} reset`);
        }}
      >
        Reset password
      </button>
      <button
        type="button"
        class="danger"
        aria-label={label('Delete')}
        onClick={() => {
          if (confirm(`Delete ${user.username}?`)) {
            void act(() => api('DELETE', `/v2/users/${user.sid}`), `Deleted ${user.username}`).then(reload);
          }
        }}
      >
        Delete
      </button>
    </div>
  );
}

export function UsersPage() {
  const { data, error, reload } = useLoad(() => api<Users>('GET', '/v2/users'));
  return (
    <Page title="Users">
      <form
        class="inline-form"
        aria-label="Create a user"
        onSubmit={(event) => {
          const form = event.currentTarget as HTMLFormElement;
          const { username = '', password = '', role = 'COHESITY_VIEWER', description = '' } = formValues(event);
          const body = [{ username, domain: 'LOCAL', roles: [role], description, localUserParams: { password } }];
          void act(() => api('POST', '/v2/users', body), `Created ${username}`).then((ok) => {
            if (ok) form.reset();
            return reload();
          });
        }}
      >
        <h2>Create a user</h2>
        <Field label="Username">
          <input name="username" required autoComplete="off" />
        </Field>
        <Field label="Password">
          <input name="password" type="password" required autoComplete="new-password" />
        </Field>
        <Field label="Role">
          <select name="role">
            {ROLES.map((role) => (
              <option key={role} selected={role === 'COHESITY_VIEWER'}>
                {role}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Description">
          <input name="description" />
        </Field>
        <button type="submit">Create</button>
      </form>
      <LoadError error={error} />
      <Table
        caption="Users"
        rowKey={(user) => user.sid}
        rows={data?.users ?? []}
        columns={[
          { label: 'Username', cell: (u) => `${u.domain}\\${u.username}` },
          { label: 'Roles', cell: (u) => u.roles.join(', ') },
          { label: 'Locked', cell: (u) => (u.locked ? `yes${u.lockedReason ? ` (${u.lockedReason})` : ''}` : 'no') },
          { label: 'Last login', cell: (u) => formatTime(u.lastLoginTimeMsecs) },
          { label: 'SID', cell: (u) => <code>{u.sid}</code> },
          { label: 'Actions', cell: (u) => <UserActions user={u} reload={reload} /> },
        ]}
      />
    </Page>
  );
}

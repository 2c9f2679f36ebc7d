import type { CreatedUserApiKey, UserApiKey, UserApiKeys } from 'cohesity-sdk/models';
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { act, Field, formatTime, formValues, LoadError, Page, Table, useLoad } from '../components.js';
import type { Me } from './sign-in.js';

const keyPath = (key: UserApiKey) => `/v2/users/${key.userSid}/api-keys/${key.id}`;

export function ApiKeysPage({ me }: { me: Me }) {
  const { data, error, reload } = useLoad(() => api<UserApiKeys>('GET', '/v2/api-keys'));
  // A secret is shown once, right after it is made, and forgotten when the page closes.
  const [secret, setSecret] = useState<CreatedUserApiKey | null>(null);
  const made = (key: CreatedUserApiKey) => {
    setSecret(key);
    return reload();
  };
  return (
    <Page title="API keys">
      <form
        class="inline-form"
        aria-label="Create an API key"
        onSubmit={(event) => {
          const { name = '' } = formValues(event);
          void act(
            async () => made(await api('POST', `/v2/users/${me.sid}/api-keys`, { name })),
            `Created key ${name}`,
          );
        }}
      >
        <h2>Create a key for {me.name}</h2>
        <Field label="Name">
          <input name="name" required />
        </Field>
        <button type="submit">Create</button>
      </form>
      {secret ? (
        <div class="secret" role="alert">
          <p>
            The secret of <strong>{secret.name}</strong>, shown this once:
          </p>
          <code>{secret.apiKey}</code>
          <button type="button" onClick={() => setSecret(null)}>
            Hide
          </button>
        </div>
      ) : null}
      <LoadError error={error} />
      <Table
        caption="API keys"
        rowKey={(key) => key.id}
        rows={data?.apiKeys ?? []}
        columns={[
          { label: 'Name', cell: (k) => k.name },
          { label: 'Owner', cell: (k) => <code>{k.userSid}</code> },
          { label: 'State', cell: (k) => (k.isExpired ? 'expired' : k.isActive ? 'active' : 'inactive') },
          { label: 'Created', cell: (k) => formatTime(k.createdTimeMsecs) },
          { label: 'Expires', cell: (k) => formatTime(k.expiryTimeMsecs) },
          {
            label: 'Actions',
            cell: (k) => (
              <div class="actions">
                <button
                  type="button"
                  aria-label={`${k.isActive ? 'Deactivate' : 'Activate'} ${k.name}`}
                  onClick={() =>
                    act(() => api('PUT', keyPath(k), { isActive: !k.isActive }), `Updated ${k.name}`).then(reload)
                  }
                >
                  {k.isActive ? 'Deactivate' : 'Activate'}
                </button>
                <button
                  type="button"
                  aria-label={`Rotate ${k.name}`}
                  onClick={() => act(async () => made(await api('POST', `${keyPath(k)}/rotate`)), `Rotated ${k.name}`)}
                >
                  Rotate
                </button>
                <button
                  type="button"
                  class="danger"
                  aria-label={`Delete ${k.name}`}
                  onClick={() => act(() => api('DELETE', keyPath(k)), `Deleted ${k.name}`).then(reload)}
                >
                  Delete
                </button>
              </div>
            ),
          },
        ]}
      />
    </Page>
  );
}

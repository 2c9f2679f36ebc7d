import type { FaultsState } from 'cohesity-sdk/models';
import { ApiFailure, api } from '../api.js';
import { act, Field, formatTime, formValues, LoadError, Page, Table, useLoad } from '../components.js';

const FAULTS = '/_stand-in/faults';

/** The scope fields a form filled in, by the names the API takes. */
function scopeOf(values: Record<string, string>): Record<string, string> {
  const { scope = 'all', scopeValue = '', method = '' } = values;
  if (scope === 'all' || !scopeValue) return {};
  return { [scope]: scopeValue, ...(scope === 'route' && method ? { method } : {}) };
}

function ScopeFields({ routes = true }: { routes?: boolean }) {
  return (
    <>
      <Field label="Scope">
        <select name="scope">
          <option value="all">All requests</option>
          <option value="user">One user</option>
          <option value="credential">One credential</option>
          {routes ? <option value="route">One route</option> : null}
        </select>
      </Field>
      <Field
        label={routes ? 'User, credential or route' : 'User or credential'}
        hint={routes ? 'e.g. alice, a token, /v2/clusters' : 'e.g. alice, or a token'}
      >
        <input name="scopeValue" autoComplete="off" />
      </Field>
      {routes ? (
        <Field label="Method (with a route)">
          <select name="method">
            <option value="">any</option>
            {['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </Field>
      ) : null}
    </>
  );
}

const numberOr = (value: string | undefined) => (value ? Number(value) : undefined);

export function FaultsPage() {
  const { data, error, reload } = useLoad(async () => {
    try {
      return await api<FaultsState>('GET', FAULTS);
    } catch (failure) {
      if (failure instanceof ApiFailure && failure.status === 404) return null;
      throw failure;
    }
  });
  const change = (method: string, path: string, body: unknown, done: string) =>
    act(() => api(method, `${FAULTS}${path}`, body), done).then(reload);

  if (data === null) {
    return (
      <Page title="Faults">
        <p>
          Fault injection is off. Start the server with <code>--faults</code> to use it.
        </p>
      </Page>
    );
  }
  return (
    <Page title="Faults">
      <LoadError error={error} />
      <form
        class="inline-form"
        aria-label="Inject a request fault"
        onSubmit={(event) => {
          const values = formValues(event);
          const answer = /^\d+$/.test(values.answer ?? '') ? Number(values.answer) : values.answer;
          const body = {
            answer,
            ...scopeOf(values),
            ...(values.count ? { count: Number(values.count) } : {}),
            ...(values.share ? { share: Number(values.share) } : {}),
            ...(values.latencyMsecs ? { latencyMsecs: numberOr(values.latencyMsecs) } : {}),
          };
          void change('POST', '/requests', body, `Injected ${String(answer)}`);
        }}
      >
        <h2>Failing requests</h2>
        <Field label="Answer">
          <select name="answer">
            {['503', '429', '500', '502', 'hang-up', 'delay'].map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </Field>
        <Field label="Count" hint="the next N requests">
          <input name="count" type="number" min="1" defaultValue="1" />
        </Field>
        <Field label="Share" hint="or this share, 0–1">
          <input name="share" type="number" min="0" max="1" step="0.05" />
        </Field>
        <Field label="Latency (ms)">
          <input name="latencyMsecs" type="number" min="0" />
        </Field>
        <ScopeFields />
        <button type="submit">Inject</button>
      </form>
      <form
        class="inline-form"
        aria-label="Expire credentials"
        onSubmit={(event) => {
          const values = formValues(event);
          const kinds = ['tokens', 'sessions', 'cookies', 'apiKeys'].filter((kind) => values[kind] === 'on');
          void change('POST', '/expire', { ...scopeOf(values), kinds }, `Expired ${kinds.join(', ')}`);
        }}
      >
        <h2>Expire credentials now</h2>
        <fieldset>
          <legend>Kinds</legend>
          {['tokens', 'sessions', 'cookies', 'apiKeys'].map((kind) => (
            <label class="check" key={kind}>
              <input type="checkbox" name={kind} defaultChecked /> {kind}
            </label>
          ))}
        </fieldset>
        <ScopeFields routes={false} />
        <button type="submit">Expire</button>
      </form>
      {data ? (
        <>
          <h2>Modes and clock</h2>
          <div class="actions">
            <button
              type="button"
              aria-pressed={data.modes.sessionManagement}
              onClick={() =>
                change(
                  'PUT',
                  '/modes',
                  { sessionManagement: !data.modes.sessionManagement },
                  'Session-management mode switched',
                )
              }
            >
              Session-management mode: {data.modes.sessionManagement ? 'on' : 'off'}
            </button>
            <span>
              Server time {formatTime(data.clock.nowMsecs)} (offset {Math.round(data.clock.offsetMsecs / 60_000)} min)
            </span>
            {[1, 24, 25].map((hours) => (
              <button
                type="button"
                key={hours}
                onClick={() => change('POST', '/clock', { advanceMsecs: hours * 3_600_000 }, `Clock moved ${hours} h`)}
              >
                +{hours} h
              </button>
            ))}
            <button type="button" class="danger" onClick={() => change('DELETE', '', undefined, 'Every fault removed')}>
              Reset everything
            </button>
          </div>
          <Table
            caption="Request faults"
            rowKey={(f) => f.id}
            rows={data.requestFaults}
            columns={[
              { label: 'Answer', cell: (f) => String(f.answer) },
              { label: 'Scope', cell: (f) => Object.values(f.scope).filter(Boolean).join(' ') },
              { label: 'Left', cell: (f) => f.remaining ?? `share ${f.share}` },
              { label: 'Latency', cell: (f) => `${f.latencyMsecs} ms` },
              { label: 'Hits', cell: (f) => f.hits },
              {
                label: 'Actions',
                cell: (f) => (
                  <button
                    type="button"
                    aria-label={`Remove the ${String(f.answer)} fault`}
                    onClick={() => change('DELETE', `/requests/${f.id}`, undefined, 'Fault removed')}
                  >
                    Remove
                  </button>
                ),
              },
            ]}
          />
          <Table
            caption="Expiries"
            rowKey={(e) => `${e.atMsecs}-${JSON.stringify(e.scope)}`}
            rows={data.expiries}
            columns={[
              { label: 'At', cell: (e) => formatTime(e.atMsecs) },
              { label: 'Kinds', cell: (e) => e.kinds.join(', ') },
              { label: 'Scope', cell: (e) => Object.values(e.scope).filter(Boolean).join(' ') },
            ]}
          />
        </>
      ) : null}
    </Page>
  );
}

import type { SecurityConfig } from 'cohesity-sdk/models';
import { api } from '../api.js';
import { act, Field, formValues, LoadError, Page, useLoad } from '../components.js';

type Section = Exclude<keyof SecurityConfig, 'authTokenTimeoutMinutes'>;
const SECTIONS: Section[] = ['accountLockout', 'sessionConfiguration', 'passwordStrength'];

/** Form values back into the config's shape and types: `section.field` names, as the config has them. */
function toConfig(values: Record<string, string>, current: SecurityConfig): SecurityConfig {
  const next = structuredClone(current) as unknown as Record<string, unknown>;
  for (const [name, raw] of Object.entries(values)) {
    const [section, field] = name.split('.');
    const holder = (field ? next[section as string] : next) as Record<string, unknown>;
    const key = (field ?? section) as string;
    holder[key] = typeof holder[key] === 'boolean' ? raw === 'on' : Number(raw);
  }
  // Unchecked boxes send nothing.
  for (const section of SECTIONS) {
    const holder = next[section] as Record<string, unknown>;
    for (const key of Object.keys(holder)) {
      if (typeof holder[key] === 'boolean' && values[`${section}.${key}`] === undefined) holder[key] = false;
    }
  }
  return next as unknown as SecurityConfig;
}

function Input({ name, value }: { name: string; value: unknown }) {
  const label = name.split('.').pop() ?? name;
  return typeof value === 'boolean' ? (
    <label class="check">
      <input type="checkbox" name={name} defaultChecked={value} /> {label}
    </label>
  ) : (
    <Field label={label}>
      <input name={name} type="number" min="0" defaultValue={String(value)} />
    </Field>
  );
}

export function SecurityPage() {
  const { data, error, reload } = useLoad(() => api<SecurityConfig>('GET', '/v2/security-config'));
  return (
    <Page title="Security config">
      <LoadError error={error} />
      {data ? (
        <form
          aria-label="Security config"
          onSubmit={(event) => {
            const body = toConfig(formValues(event), data);
            void act(() => api('PUT', '/v2/security-config', body), 'Security config saved').then(reload);
          }}
        >
          <fieldset>
            <legend>tokens</legend>
            <Input name="authTokenTimeoutMinutes" value={data.authTokenTimeoutMinutes} />
          </fieldset>
          {SECTIONS.map((section) => (
            <fieldset key={section}>
              <legend>{section}</legend>
              {Object.entries(data[section]).map(([field, value]) => (
                <Input key={field} name={`${section}.${field}`} value={value} />
              ))}
            </fieldset>
          ))}
          <button type="submit">Save</button>
        </form>
      ) : null}
    </Page>
  );
}

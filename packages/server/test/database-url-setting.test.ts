import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, resolveConfig } from '../src/config.js';

describe('--database-url', () => {
  it('takes postgres:// and postgresql:// URLs', () => {
    for (const url of ['postgres://u:p@db:5432/x', 'postgresql://u@10.0.0.1/x?sslmode=require']) {
      expect(resolveConfig({ 'database-url': url }, {}).databaseUrl).toBe(url);
    }
    expect(resolveConfig({}, {}).databaseUrl).toBeUndefined();
  });

  it('refuses any other scheme, or no URL at all, without quoting it (it may hold a password)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('mysql', 'http', 'sqlite', 'mongodb', 'postgress'),
        fc.stringMatching(/^[a-z0-9]{1,12}$/).map((s) => `Pw9${s}`),
        (scheme, secret) => {
          const url = `${scheme}://user:${secret}@db/x`;
          expect(() => resolveConfig({ 'database-url': url }, {})).toThrow(ConfigError);
          try {
            resolveConfig({ 'database-url': url }, {});
          } catch (error) {
            expect((error as Error).message).toContain('must be a PostgreSQL URL');
            expect((error as Error).message).not.toContain(secret);
          }
        },
      ),
    );
    expect(() => resolveConfig({ 'database-url': 'db.internal:5432' }, {})).toThrow(/PostgreSQL URL|not a URL/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../helpers/identity.js';
import { postgresReachable } from '../helpers/postgres.js';
import { STORES, type StoreServer, startOnStore } from '../helpers/store-server.js';

// A time no `Date` holds (1e300 ms) is a client's mistake: 400 naming the field, on either
// store, never the 500 of a number that does not fit PostgreSQL's BIGINT.
const reachable = await postgresReachable('times beyond a Date on PostgreSQL');
const BEYOND = 1e300;

describe.each(STORES)('a *TimeMsecs beyond any Date, on %s', (_store, onPostgres) => {
  let s: StoreServer;
  let auth: Record<string, string>;
  let sid: string;
  beforeAll(async () => {
    if (onPostgres && !reachable) return;
    s = await startOnStore(onPostgres);
    auth = bearer(await s.t.login());
    const me = await s.t.send<{ sid: string }>('GET', '/irisservices/api/v1/public/sessionUser', { headers: auth });
    sid = me.body.sid;
  });
  afterAll(() => s?.close());

  it.skipIf(onPostgres && !reachable)('is refused with 400 KValidationError, and no key is made', async () => {
    const writes = [
      ['POST', `/v2/users/${sid}/api-keys`, { name: 'far', expiryTimeMsecs: BEYOND }, 'expiryTimeMsecs'],
      [
        'POST',
        `/irisservices/api/v1/public/users/${sid}/apiKeys`,
        { name: 'far', expiringTimeMsecs: BEYOND },
        'expiringTimeMsecs',
      ],
    ] as const;
    for (const [method, path, body, field] of writes) {
      const answer = await s.t.send<{ errorCode: string; message: string }>(method, path, { headers: auth, body });
      expect(answer.status, answer.text).toBe(400);
      expect(answer.body.errorCode).toBe('KValidationError');
      expect(answer.body.message).toContain(field);
    }
    const keys = await s.t.send<{ apiKeys?: unknown[] }>('GET', `/v2/users/${sid}/api-keys`, { headers: auth });
    expect(keys.body.apiKeys ?? []).toEqual([]);
  });
});

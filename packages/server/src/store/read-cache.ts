import type { Store } from './store.js';
import { WriteGenerationMemo } from './write-generation-memo.js';

/** Reads made on every authenticated request: their answers are kept until the next write. */
const HOT_READS = new Set<PropertyKey>([
  'getUser',
  'findApiKeyBySecretHash',
  'findSession',
  'getSetting',
] satisfies (keyof Store)[]);

/** Reads that are passed through as they are. Any method not named here or above is a write. */
const OTHER_READS = new Set<PropertyKey>([
  'findUser',
  'listUsers',
  'getApiKey',
  'listApiKeys',
  'countSessions',
  'listSigningKeys',
  'getLoginFailures',
  'listAudit',
  'getRecord',
  'listRecords',
  'ping',
] satisfies (keyof Store)[]);

/** Bounds each method's memo; past it the memo starts afresh. */
const MAX_ENTRIES_PER_READ = 10_000;

type Method = (...args: unknown[]) => Promise<unknown>;

/**
 * Keeps the answers of the per-request reads (user, API key, session, settings) in memory,
 * so a token check costs no query, until any write (see WriteGenerationMemo). That is exact
 * only for a store with a single writer: the embedded SQLite store, which its server process
 * claims for itself. Several nodes share PostgreSQL uncached, so a revocation on one holds
 * on every other from the next request.
 */
export function withReadCache(store: Store): Store {
  const memo = new WriteGenerationMemo(MAX_ENTRIES_PER_READ);
  const cachedRead =
    (name: string, read: Method): Method =>
    (key) =>
      memo.read(name, key, () => read(key));
  const write =
    (run: Method): Method =>
    (...args) =>
      memo.write(() => run(...args));

  const wrapped = new Map<PropertyKey, Method>();
  return new Proxy(store, {
    get(target, name) {
      const member: unknown = Reflect.get(target, name, target);
      if (typeof member !== 'function') return member;
      let wrapper = wrapped.get(name);
      if (wrapper === undefined) {
        // Bound to the store itself: its private fields are not reachable through a Proxy.
        const method = member.bind(target) as Method;
        if (HOT_READS.has(name)) wrapper = cachedRead(String(name), method);
        else wrapper = OTHER_READS.has(name) ? method : write(method);
        wrapped.set(name, wrapper);
      }
      return wrapper;
    },
  });
}

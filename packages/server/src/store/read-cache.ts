import { deepFreeze } from './deep-freeze.js';
import type { Store } from './store.js';

/**
 * Reads made on every authenticated request (a session's web-login state is a record):
 * their answers, absent ones too, are kept until the next write.
 */
const HOT_READS = new Set<PropertyKey>([
  'getUser',
  'findApiKeyBySecretHash',
  'findSession',
  'getSetting',
  'getRecord',
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
  'listRecords',
  'ping',
] satisfies (keyof Store)[]);

/** Bounds each method's memo; past it the memo starts afresh. */
const MAX_ENTRIES_PER_READ = 10_000;

type Method = (...args: unknown[]) => Promise<unknown>;

/** What the memo keeps for an answer that was undefined (nothing found). */
const ABSENT = Symbol('absent');

/** One memo key per arguments: `getRecord(kind, id)` joins its two (a kind is a fixed name, never with NUL). */
const memoKey = (args: unknown[]): unknown => (args.length === 1 ? args[0] : args.join('\0'));

/**
 * Keeps the answers of the per-request reads (user, API key, session, settings) in memory,
 * so a token check costs no query, and forgets all of them whenever any write begins or
 * ends. That is exact only for a store with a single writer: the embedded SQLite store,
 * which its server process claims for itself. Several nodes share PostgreSQL uncached, so
 * a revocation on one holds on every other from the next request.
 *
 * A read that a write overlaps is answered but not kept, so no answer older than the
 * latest write survives. Kept records are frozen: every caller shares them.
 */
export function withReadCache(store: Store): Store {
  const memos = new Map<PropertyKey, Map<unknown, unknown>>();
  let generation = 0;
  const forget = () => {
    generation++;
    memos.clear();
  };

  const cachedRead =
    (name: PropertyKey, read: Method): Method =>
    async (...args) => {
      const key = memoKey(args);
      let memo = memos.get(name);
      const kept = memo?.get(key);
      if (kept !== undefined) return kept === ABSENT ? undefined : kept;
      const readAt = generation;
      const value = await read(...args);
      if (readAt !== generation) return value;
      if (memo === undefined || memo.size >= MAX_ENTRIES_PER_READ) {
        memo = new Map();
        memos.set(name, memo);
      }
      memo.set(key, value === undefined ? ABSENT : deepFreeze(value));
      return value;
    };

  const write =
    (run: Method): Method =>
    async (...args) => {
      forget();
      try {
        return await run(...args);
      } finally {
        forget();
      }
    };

  const wrapped = new Map<PropertyKey, Method>();
  return new Proxy(store, {
    get(target, name) {
      const member: unknown = Reflect.get(target, name, target);
      if (typeof member !== 'function') return member;
      let wrapper = wrapped.get(name);
      if (wrapper === undefined) {
        // Bound to the store itself: its private fields are not reachable through a Proxy.
        const method = member.bind(target) as Method;
        if (HOT_READS.has(name)) wrapper = cachedRead(name, method);
        else wrapper = OTHER_READS.has(name) ? method : write(method);
        wrapped.set(name, wrapper);
      }
      return wrapper;
    },
  });
}

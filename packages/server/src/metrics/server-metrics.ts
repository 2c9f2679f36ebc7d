import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { AuditEvent } from '../store/store.js';

/** How a request presented its credentials; never the credential itself. */
export type CredentialScheme = 'bearer' | 'api_key' | 'session_id' | 'cookie' | 'none';

/** What the scrape-time gauges read from the running server. */
export interface MetricsSources {
  /** Hashes running and waiting in front of argon2. */
  hashQueue(): { active: number; queued: number };
  /** Sessions alive in the store, on every node. */
  activeSessions(): Promise<number>;
}

/**
 * Every metric the server exports, on a registry of its own (several servers share a test
 * process). Labels are closed sets (route patterns, statuses, schemes, outcomes): never a
 * user name, credential or address, so a scrape tells nobody who called.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly #requests: Counter<'method' | 'route' | 'status'>;
  readonly #authentications: Counter<'scheme' | 'outcome'>;
  readonly #logins: Counter<'outcome'>;
  readonly #lockouts: Counter<'reason'>;
  readonly #database: Histogram<'operation'>;
  readonly #requestChild: (method: string, route: string, status: string) => { inc(): void };
  readonly #authenticationChild: (scheme: CredentialScheme, outcome: string) => { inc(): void };
  readonly #databaseChild: (operation: string) => { observe(seconds: number): void };

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'cohesity_' });
    this.#requests = new Counter({
      name: 'cohesity_http_requests_total',
      help: 'Answered requests by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.#authentications = new Counter({
      name: 'cohesity_authentications_total',
      help: 'Credential checks by scheme and outcome (success, expired, invalid, inactive, missing)',
      labelNames: ['scheme', 'outcome'],
      registers,
    });
    this.#logins = new Counter({
      name: 'cohesity_logins_total',
      help: 'Password logins (tokens, sessions) by outcome (success, failure, locked)',
      labelNames: ['outcome'],
      registers,
    });
    this.#lockouts = new Counter({
      name: 'cohesity_lockouts_total',
      help: 'Accounts locked by this node, by reason (failures, inactivity)',
      labelNames: ['reason'],
      registers,
    });
    this.#database = new Histogram({
      name: 'cohesity_database_operation_seconds',
      help: 'Store calls by operation (SQLite reads are answered from memory)',
      labelNames: ['operation'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    });
    this.#requestChild = childrenOf(this.#requests);
    this.#authenticationChild = childrenOf(this.#authentications);
    this.#databaseChild = childrenOf(this.#database);
    new Gauge({
      name: 'cohesity_password_hash_active',
      help: 'argon2id hashes running now',
      registers,
      collect() {
        this.set(sources.hashQueue().active);
      },
    });
    new Gauge({
      name: 'cohesity_password_hash_queued',
      help: 'argon2id hashes waiting for a slot',
      registers,
      collect() {
        this.set(sources.hashQueue().queued);
      },
    });
    new Gauge({
      name: 'cohesity_active_sessions',
      help: 'Sessions (session-id) alive in the store',
      registers,
      async collect() {
        this.set(await sources.activeSessions());
      },
    });
  }

  countRequest(method: string, route: string, status: number): void {
    this.#requestChild(method, route, String(status)).inc();
  }

  countAuthentication(scheme: CredentialScheme, outcome: string): void {
    this.#authenticationChild(scheme, outcome).inc();
  }

  observeDatabase(operation: string, seconds: number): void {
    this.#databaseChild(operation).observe(seconds);
  }

  /** Logins and lockouts are read off their audit lines: the one place each outcome is decided. */
  observeAudit(event: Pick<AuditEvent, 'action' | 'outcome' | 'details'>): void {
    if (event.action === 'login') this.#logins.labels(event.outcome).inc();
    if (event.outcome !== 'locked') return;
    // Wrong passwords (login) and wrong one-time codes (mfa.verify) both count toward a lockout.
    // 'locked' with a failure count is the attempt that locked the account; without one,
    // a login refused because it was locked already (no new lockout).
    if ('failures' in event.details) this.#lockouts.labels('failures').inc();
    else if ('inactiveDays' in event.details) this.#lockouts.labels('inactivity').inc();
  }
}

/**
 * A metric's `labels()`, remembered per label values: prom-client hashes its arguments on
 * every call, and the hot path (every request) would pay for it.
 */
function childrenOf<Values extends string[], Child>(metric: {
  labels(...values: Values): Child;
}): (...values: Values) => Child {
  const children = new Map<string, Child>();
  return (...values) => {
    const key = values.join(' ');
    let child = children.get(key);
    if (child === undefined) {
      child = metric.labels(...values);
      children.set(key, child);
    }
    return child;
  };
}

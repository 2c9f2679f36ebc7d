import { randomUUID } from 'node:crypto';
import type { CredentialKind, FaultAnswer, FaultModes, FaultsState } from 'cohesity-sdk/models';
import { describeScope, type FaultScope, type FaultTarget, scopeMatches } from './fault-scope.js';
import type { ServerClock } from './server-clock.js';

/** Credentials of these kinds, within the scope, made at or before `atMsecs` are expired. */
export interface Expiry {
  scope: FaultScope;
  kinds: readonly CredentialKind[];
  atMsecs: number;
}

export interface RequestFaultRule {
  id: string;
  scope: FaultScope;
  answer: FaultAnswer;
  /** Matching requests left; null with `share`. */
  remaining: number | null;
  share: number | null;
  latencyMsecs: number;
  retryAfterSeconds: number;
  hits: number;
  createdTimeMsecs: number;
}

/**
 * What fault injection holds, in this node's memory (a restart clears it): expiries, request
 * faults, modes and the clock's offset. Rules apply in the order they were added.
 */
export class FaultState {
  readonly clock: ServerClock;
  expiries: Expiry[] = [];
  requestFaults: RequestFaultRule[] = [];
  /** The cluster's modes before fault injection first switched them; a reset puts them back. */
  modesBefore: FaultModes | undefined;
  readonly #random: () => number;

  constructor(clock: ServerClock, random: () => number = Math.random) {
    this.clock = clock;
    this.#random = random;
  }

  /** True when a credential of `kind`, made at `madeAtMsecs`, was expired by a fault. */
  isExpired(kind: CredentialKind, target: FaultTarget, madeAtMsecs: number): boolean {
    return this.expiries.some(
      (expiry) => expiry.kinds.includes(kind) && madeAtMsecs <= expiry.atMsecs && scopeMatches(expiry.scope, target),
    );
  }

  addRequestFault(rule: Omit<RequestFaultRule, 'id' | 'hits' | 'createdTimeMsecs'>): RequestFaultRule {
    const added = { ...rule, id: randomUUID(), hits: 0, createdTimeMsecs: this.clock.now() };
    this.requestFaults.push(added);
    return added;
  }

  removeRequestFault(id: string): boolean {
    const before = this.requestFaults.length;
    this.requestFaults = this.requestFaults.filter((rule) => rule.id !== id);
    return this.requestFaults.length < before;
  }

  /** The first rule this request triggers, counted (and dropped when used up). */
  takeRequestFault(target: FaultTarget): RequestFaultRule | undefined {
    for (const rule of this.requestFaults) {
      if (!scopeMatches(rule.scope, target)) continue;
      if (rule.share !== null && this.#random() >= rule.share) continue;
      rule.hits++;
      if (rule.remaining !== null && --rule.remaining <= 0) this.removeRequestFault(rule.id);
      return rule;
    }
    return undefined;
  }

  /**
   * Back to a fault-free server on wall time; answers the modes to restore, if any were
   * switched. API keys expired in the store stay expired.
   */
  reset(): FaultModes | undefined {
    const modes = this.modesBefore;
    this.expiries = [];
    this.requestFaults = [];
    this.modesBefore = undefined;
    this.clock.reset();
    return modes;
  }

  /** The state as the faults API shows it, with the cluster's current modes. */
  describe(modes: FaultModes): FaultsState {
    return {
      clock: { nowMsecs: this.clock.now(), offsetMsecs: this.clock.offsetMsecs },
      modes,
      expiries: this.expiries.map((e) => ({ scope: describeScope(e.scope), kinds: [...e.kinds], atMsecs: e.atMsecs })),
      requestFaults: this.requestFaults.map((rule) => ({ ...rule, scope: describeScope(rule.scope) })),
    };
  }
}

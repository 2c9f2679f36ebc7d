import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { hash, parseOptions, verify } from '@node-rs/argon2';
import { type ConcurrencyLimit, createConcurrencyLimit } from './concurrency-limit.js';

/** argon2id cost; OWASP's minimum is m=19 MiB, t=2, p=1. */
export interface Argon2Params {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

export const OWASP_ARGON2ID: Argon2Params = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

/** Longer passwords are refused before any hashing: argon2 cost grows with input. */
export { MAX_PASSWORD_BYTES } from 'cohesity-sdk/models';

export interface PasswordHasherOptions {
  params?: Argon2Params;
  /** Hashes running at once; by default one more than the cores, within libuv's pool. */
  concurrency?: number;
  /** Hashes allowed to wait; beyond that `hash`/`verify` reject with QueueFullError. */
  maxQueued?: number;
}

/** libuv's thread pool: argon2 and the database's file syncs share it. */
export function threadPoolSize(env: NodeJS.ProcessEnv): number {
  return Number(env.UV_THREADPOOL_SIZE) || 4;
}

/**
 * One more hash than the cores: a finished hash frees its slot only when the event loop
 * gets to it, and the waiting one keeps that core busy meanwhile (+2–6% logins/s on 2
 * cores). One pool thread is always left to the file syncs that every write waits for.
 */
export function defaultHashConcurrency(cores: number, poolSize: number): number {
  return Math.max(1, Math.min(cores + 1, poolSize - 1));
}

/**
 * The advice to print when libuv's thread pool keeps logins from using every core. The
 * pool starts before any of our code runs, so only the environment the process starts
 * with can size it.
 */
export function threadPoolAdvice(env: NodeJS.ProcessEnv, cores: number): string | undefined {
  const pool = threadPoolSize(env);
  if (defaultHashConcurrency(cores, pool) >= cores + 1) return undefined;
  return `logins hash on ${defaultHashConcurrency(cores, pool)} threads for ${cores} cores; start with UV_THREADPOOL_SIZE=${cores + 2} to use them all.`;
}

/**
 * argon2id hashing on libuv's thread pool (never the event loop), behind a bounded queue.
 * Hashes are PHC strings, so their parameters travel with them and can be raised later.
 */
export class PasswordHasher {
  readonly params: Argon2Params;
  readonly #limit: ConcurrencyLimit;
  readonly #dummyHash: string;

  private constructor(params: Argon2Params, limit: ConcurrencyLimit, dummyHash: string) {
    this.params = params;
    this.#limit = limit;
    this.#dummyHash = dummyHash;
  }

  static async create(options: PasswordHasherOptions = {}): Promise<PasswordHasher> {
    const params = options.params ?? OWASP_ARGON2ID;
    const concurrency =
      options.concurrency ?? defaultHashConcurrency(availableParallelism(), threadPoolSize(process.env));
    const limit = createConcurrencyLimit(concurrency, options.maxQueued ?? concurrency * 64);
    const dummyHash = await hash(randomBytes(32), params);
    return new PasswordHasher(params, limit, dummyHash);
  }

  /** Hashes running and waiting now (for the metrics). */
  get queue(): { active: number; queued: number } {
    return { active: this.#limit.active, queued: this.#limit.queued };
  }

  hash(password: string): Promise<string> {
    return this.#limit.run(() => hash(password, this.params));
  }

  /**
   * Checks `password` against `phc`. With no hash (unknown user) it still verifies against a
   * dummy hash of the same cost and answers false: an early return would tell an attacker
   * which usernames exist by how fast we answer.
   */
  verify(phc: string | null, password: string): Promise<boolean> {
    return this.#limit.run(async () => {
      const ok = await verify(phc ?? this.#dummyHash, password).catch(() => false);
      return ok && phc !== null;
    });
  }

  /** True when `phc` was made with weaker parameters than the configured ones. */
  needsRehash(phc: string): boolean {
    try {
      const used = parseOptions(phc);
      return (
        !phc.startsWith('$argon2id$') ||
        used.memoryCost < this.params.memoryCost ||
        used.timeCost < this.params.timeCost ||
        used.parallelism < this.params.parallelism
      );
    } catch {
      return true;
    }
  }
}

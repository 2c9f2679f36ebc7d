import { CohesityError } from '../errors.js';
import type { ClientEventEmitter } from '../events.js';
import type { AccessTokenResponse } from '../models/access-token.js';
import { REPLAYABLE_401_MESSAGES } from '../models/contract-constants.js';
import type { Credential, CredentialProvider } from './credential-provider.js';
import { singleFlight, waitFor } from './single-flight.js';
import { tokenExpiry } from './token-expiry.js';

/** A login's answer and the `Date` header it came with. */
export interface LoginResult {
  response: AccessTokenResponse;
  dateHeader: string | null;
}

export interface PasswordCredentials {
  username: string;
  password: string;
  domain: string;
}

interface HeldToken {
  credential: Credential;
  /** Monotonic (performance.now) instants: wall clocks jump, these do not. */
  renewAt: number;
  staleAt: number;
}

// Renew a quarter of the lifetime early (at most 5 minutes) in the background; block callers
// only in the last tenth (at most 30 s), where a request could reach the cluster too late.
const renewMarginMs = (lifetimeMs: number) => Math.min(5 * 60_000, lifetimeMs / 4);
const staleMarginMs = (lifetimeMs: number) => Math.min(30_000, lifetimeMs / 10);

const REPLAYABLE_MESSAGES = new Set(REPLAYABLE_401_MESSAGES.map((message) => message.toLowerCase()));

/** Logs in lazily with a username and password, renews ahead of expiry, re-logs in once after a 401. */
class PasswordCredentialProvider implements CredentialProvider {
  readonly kind = 'password';
  readonly #login: () => Promise<Credential>;
  #token: HeldToken | undefined;
  #nextReason: 'login' | 'renewal' | 'rejected' = 'login';

  constructor(
    login: (credentials: PasswordCredentials) => Promise<LoginResult>,
    credentials: PasswordCredentials,
    events: ClientEventEmitter,
  ) {
    this.#login = singleFlight(async () => {
      const reason = this.#nextReason;
      try {
        const { response, dateHeader } = await login(credentials);
        const receivedAt = performance.now();
        const { remainingMs, lifetimeMs } = tokenExpiry(response.accessToken, dateHeader, Date.now());
        const credential = { headers: { authorization: `${response.tokenType} ${response.accessToken}` } };
        this.#token = {
          credential,
          renewAt: receivedAt + remainingMs - renewMarginMs(lifetimeMs),
          staleAt: receivedAt + remainingMs - staleMarginMs(lifetimeMs),
        };
        this.#nextReason = 'renewal';
        events.emit('tokenRefreshed', { reason, expiresAt: new Date(Date.now() + remainingMs), lifetimeMs });
        return credential;
      } catch (error) {
        if (error instanceof CohesityError) events.emit('authFailed', { kind: 'password', error });
        throw error;
      }
    });
  }

  async get(signal?: AbortSignal): Promise<Credential> {
    const now = performance.now();
    const token = this.#token;
    if (token && now < token.staleAt) {
      // Still good: renew in the background; a failed renewal retries on the next call.
      if (now >= token.renewAt) this.#login().catch(() => undefined);
      return token.credential;
    }
    this.#token = undefined;
    // The shared login runs without the caller's signal: one caller's abort must not fail the rest.
    return waitFor(this.#login(), signal);
  }

  shouldReplay(rejected: Credential, message: string): boolean {
    if (!REPLAYABLE_MESSAGES.has(message.trim().toLowerCase())) return false;
    // Only forget the token that failed: a concurrent caller may already hold a newer one.
    if (this.#token?.credential === rejected) {
      this.#token = undefined;
      this.#nextReason = 'rejected';
    }
    return true;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return 'PasswordCredentialProvider {}';
  }

  toJSON(): { kind: 'password' } {
    return { kind: 'password' };
  }
}

/**
 * Credentials from a username and password: a single-flight login on first use.
 * @example
 * const provider = fromPassword(login, { username: 'admin', password, domain: 'LOCAL' }, events);
 */
export function fromPassword(
  login: (credentials: PasswordCredentials) => Promise<LoginResult>,
  credentials: PasswordCredentials,
  events: ClientEventEmitter,
): CredentialProvider {
  return new PasswordCredentialProvider(login, credentials, events);
}

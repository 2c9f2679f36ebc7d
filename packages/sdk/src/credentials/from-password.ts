import type { ClientEventEmitter } from '../events.js';
import {
  REPLAYABLE_401_MESSAGES,
  SESSION_EXPIRED_MESSAGE,
  SESSION_INVALID_MESSAGE,
} from '../models/contract-constants.js';
import type { LoginResult } from './cluster-login.js';
import type { Credential, CredentialProvider } from './credential-provider.js';
import { singleFlight, waitFor } from './single-flight.js';

/** Logs in (a token, or a session where the cluster allows only those), saying for how long. */
export type Login = (credentials: PasswordCredentials) => Promise<LoginResult>;

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
const renewMarginMsecs = (lifetimeMsecs: number) => Math.min(5 * 60_000, lifetimeMsecs / 4);
const staleMarginMsecs = (lifetimeMsecs: number) => Math.min(30_000, lifetimeMsecs / 10);

const REPLAYABLE_MESSAGES = new Set(
  // A session the cluster ended (login flows §6) is logged into again, like an expired token.
  [...REPLAYABLE_401_MESSAGES, SESSION_EXPIRED_MESSAGE, SESSION_INVALID_MESSAGE].map((message) =>
    message.toLowerCase(),
  ),
);

/** Logs in lazily with a username and password, renews ahead of expiry, re-logs in once after a 401. */
class PasswordCredentialProvider implements CredentialProvider {
  readonly kind = 'password';
  readonly #login: () => Promise<Credential>;
  #token: HeldToken | undefined;
  #nextReason: 'login' | 'renewal' | 'rejected' = 'login';

  constructor(login: Login, credentials: PasswordCredentials, events: ClientEventEmitter) {
    this.#login = singleFlight(async () => {
      const reason = this.#nextReason;
      const { credential, remainingMsecs, lifetimeMsecs } = await login(credentials);
      const receivedAt = performance.now();
      this.#token = {
        credential,
        renewAt: receivedAt + remainingMsecs - renewMarginMsecs(lifetimeMsecs),
        staleAt: receivedAt + remainingMsecs - staleMarginMsecs(lifetimeMsecs),
      };
      this.#nextReason = 'renewal';
      events.emit('tokenRefreshed', { reason, expiresAt: new Date(Date.now() + remainingMsecs), lifetimeMsecs });
      return credential;
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
  login: Login,
  credentials: PasswordCredentials,
  events: ClientEventEmitter,
): CredentialProvider {
  return new PasswordCredentialProvider(login, credentials, events);
}

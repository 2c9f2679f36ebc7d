import { Agent, request } from 'undici';
import { ApiException } from '../errors.js';
import type { AccessTokenResponse } from '../models/access-token.js';
import type { ErrorBody } from '../models/error.js';
import type {
  ExpireCredentialsRequest,
  ExpireCredentialsResult,
  FaultModes,
  FaultsState,
  InjectRequestFaultRequest,
  RequestFault,
  UpdateFaultModes,
} from '../models/faults.js';

/** How to reach a stand-in started with `--faults`, as an administrator. */
export interface StandInFaultsOptions {
  /** Host:port or an `https://` origin, as for `ClusterClient`. */
  clusterVip: string;
  username: string;
  password: string;
  domain?: string;
  /** PEM certificate(s) to trust (the stand-in's self-signed one), or turn checks off. */
  tls?: { ca?: string | readonly string[]; insecure?: boolean };
}

/** Drives `/_stand-in/faults`; each method is one call. */
export interface StandInFaults {
  /** Expires tokens, sessions, cookies and API keys (all, or those `kinds`) now, in a scope. */
  expire(request?: ExpireCredentialsRequest): Promise<ExpireCredentialsResult>;
  /** The next `count` (default 1) matching requests, or a `share`, get `answer`. */
  failRequests(request: InjectRequestFaultRequest): Promise<RequestFault>;
  removeFault(id: string): Promise<void>;
  setModes(modes: UpdateFaultModes): Promise<FaultModes>;
  /** Moves the server's clock forward. */
  advanceClock(msecs: number): Promise<{ nowMsecs: number; offsetMsecs: number }>;
  state(): Promise<FaultsState>;
  /** No fault, no mode, wall time. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

const FAULTS = '/_stand-in/faults';

/**
 * A test helper for the stand-in's fault injection. Its own calls carry
 * `x-stand-in-faults: exempt`, so the faults it injects never hit it, and it logs in again
 * by itself when it expires its own token.
 * @example
 * const faults = connectStandInFaults({ clusterVip, username: 'admin', password, tls: { ca } });
 * await faults.expire({ kinds: ['tokens'] });
 * await faults.failRequests({ answer: 503, count: 2, route: '/v2/clusters' });
 */
export function connectStandInFaults(options: StandInFaultsOptions): StandInFaults {
  const origin = options.clusterVip.includes('://') ? options.clusterVip : `https://${options.clusterVip}`;
  const dispatcher = new Agent({
    connect: {
      ...(options.tls?.ca ? { ca: options.tls.ca as string | string[] } : {}),
      rejectUnauthorized: options.tls?.insecure !== true,
    },
  });
  let token: Record<string, string> | undefined;

  async function send<T>(
    method: string,
    path: string,
    body?: unknown,
    credential: Record<string, string> = {},
  ): Promise<T> {
    const response = await request(`${origin}${path}`, {
      method: method as 'GET',
      dispatcher,
      headers: {
        'x-stand-in-faults': 'exempt',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...credential,
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const text = await response.body.text();
    const parsed = text ? (JSON.parse(text) as unknown) : undefined;
    if (response.statusCode >= 300) {
      throw new ApiException({
        status: response.statusCode,
        body: parsed as ErrorBody | undefined,
        headers: {},
        method,
        path,
        attempts: 1,
      });
    }
    return parsed as T;
  }

  /** A token; a session while session management refuses token logins ('Access denied'). */
  async function logIn(): Promise<Record<string, string>> {
    const { username, password, domain = 'LOCAL' } = options;
    const credentials = { username, password, domain };
    try {
      const login = await send<AccessTokenResponse>('POST', '/v2/access-tokens', credentials);
      return { authorization: `${login.tokenType} ${login.accessToken}` };
    } catch (error) {
      if (!(error instanceof ApiException && error.body?.message === 'Access denied')) throw error;
      const session = await send<{ sessionId: string }>('POST', '/v2/users/sessions', credentials);
      return { 'session-id': session.sessionId };
    }
  }

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      token ??= await logIn();
      try {
        return await send<T>(method, `${FAULTS}${path}`, body, token);
      } catch (error) {
        // Expiring every token (or session) expires this helper's too: log in again, once.
        if (!(error instanceof ApiException && error.status === 401 && attempt === 1)) throw error;
        token = undefined;
      }
    }
  }

  return {
    expire: (body = {}) => call('POST', '/expire', body),
    failRequests: (body) => call('POST', '/requests', body),
    removeFault: (id) => call('DELETE', `/requests/${encodeURIComponent(id)}`),
    setModes: (modes) => call('PUT', '/modes', modes),
    advanceClock: (msecs) => call('POST', '/clock', { advanceMsecs: msecs }),
    state: () => call('GET', ''),
    reset: () => call('DELETE', ''),
    close: () => dispatcher.close(),
  };
}

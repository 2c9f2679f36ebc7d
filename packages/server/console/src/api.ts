/** The console's calls to its own server: the web login's cookie, or a session id as fallback. */

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

export const MFA_PENDING = 'Only Multi-factor Authentication (MFA) related operations are allowed in this state.';

// A session id lives in this tab's memory only (never localStorage): a reload signs out.
let sessionId: string | null = null;
let onSignedOut: () => void = () => {};

export function whenSignedOut(listener: () => void): void {
  onSignedOut = listener;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (sessionId) headers['session-id'] = sessionId;
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) {
    const error = (parsed ?? {}) as { errorCode?: string; message?: string };
    const failure = new ApiFailure(response.status, error.errorCode ?? '', error.message ?? `HTTP ${response.status}`);
    if (response.status === 401 && failure.message !== MFA_PENDING && !path.endsWith('/login')) onSignedOut();
    throw failure;
  }
  return parsed as T;
}

export interface SignIn {
  username: string;
  password: string;
  domain: string;
}

/**
 * The web login (`POST /login`, its cookie then authenticates every call). A server without
 * it (404) gets a session instead (`POST /v2/users/sessions`, then the `session-id` header).
 */
export async function signIn(credentials: SignIn): Promise<'cookie' | 'session'> {
  try {
    await api('POST', '/login', credentials);
    sessionId = null;
    return 'cookie';
  } catch (error) {
    if (!(error instanceof ApiFailure && (error.status === 404 || error.status === 405))) throw error;
  }
  const session = await api<{ sessionId: string }>('POST', '/v2/users/sessions', credentials);
  sessionId = session.sessionId;
  return 'session';
}

export async function verifyOtp(otpCode: string): Promise<void> {
  await api('POST', '/irisservices/api/v1/public/verify-otp', { otpCode, otpType: 'Totp' });
}

export async function signOut(): Promise<void> {
  if (!sessionId) await api('POST', '/logout').catch(() => undefined);
  sessionId = null;
}

export const query = (params: Record<string, string | number | undefined>) => {
  const entries = Object.entries(params).filter(([, value]) => value !== undefined && value !== '');
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)]))}` : '';
};

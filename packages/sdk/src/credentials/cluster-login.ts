import { ApiException } from '../errors.js';
import type { ApiResponse } from '../http/http-client.js';
import type { Credential } from './credential-provider.js';
import { tokenExpiry } from './token-expiry.js';

/** Which second factor an MFA cluster asks for. */
export type OtpType = 'totp' | 'email';

/** What an OTP provider is asked for: one code, for one login. */
export interface OtpRequest {
  username: string;
  domain: string;
  otpType: OtpType;
}

/**
 * Gives the current one-time code (a function, since codes change): called once per login,
 * after an emailed code was requested when `otpType` is `email`.
 * @example
 * const otp: OtpProvider = () => authenticator.generate(secret);
 */
export type OtpProvider = (request: OtpRequest) => string | Promise<string>;

/** A login's outcome: the headers to send, and how long they last. */
export interface LoginResult {
  credential: Credential;
  remainingMsecs: number;
  lifetimeMsecs: number;
}

/** An unauthenticated POST to the cluster (the client's own HTTP stack, retries included). */
export type PublicPost = <T>(path: string, body: unknown) => Promise<ApiResponse<T>>;

const V1_TOKENS = '/irisservices/api/v1/public/accessTokens';
// A session carries no expiry: assume a day, and log in again when the cluster says it ended.
const SESSION_LIFETIME_MSECS = 24 * 60 * 60 * 1000;

/** The cluster's "this login kind is off" answer (login flows §6). */
const isAccessDenied = (error: unknown) =>
  error instanceof ApiException &&
  error.status === 400 &&
  error.body?.message?.trim().toLowerCase() === 'access denied';

/**
 * Logs in the way the cluster allows (login flows §6): access tokens, or, when session
 * management answers `Access denied`, `POST /v2/users/sessions`; the mode that worked is
 * tried first next time. With an OTP provider the code goes inline (v1 `Totp`/`Email`, v2
 * lower case); an email code is requested first through `POST /v2/email-otp`.
 */
export function clusterLogin(post: PublicPost, otp: OtpProvider | undefined, otpType: OtpType = 'totp') {
  let sessions = false;
  return async function logIn(credentials: {
    username: string;
    password: string;
    domain: string;
  }): Promise<LoginResult> {
    let code: string | undefined;
    if (otp) {
      if (otpType === 'email') await post('/v2/email-otp', credentials);
      code = await otp({ username: credentials.username, domain: credentials.domain, otpType });
    }
    const viaToken = async (): Promise<LoginResult> => {
      const v1Type = otpType === 'email' ? 'Email' : 'Totp';
      const { body, headers } = await (code === undefined
        ? post<{ accessToken: string; tokenType: string }>('/v2/access-tokens', credentials)
        : post<{ accessToken: string; tokenType: string }>(V1_TOKENS, {
            ...credentials,
            otpType: v1Type,
            otpCode: code,
          }));
      const expiry = tokenExpiry(body.accessToken, headers.get('date'), Date.now());
      return { credential: { headers: { authorization: `${body.tokenType} ${body.accessToken}` } }, ...expiry };
    };
    const viaSession = async (): Promise<LoginResult> => {
      const fields = code === undefined ? {} : { otpType, otpCode: code };
      const { body } = await post<{ sessionId: string }>('/v2/users/sessions', { ...credentials, ...fields });
      const credential = { headers: { 'session-id': body.sessionId } };
      return { credential, remainingMsecs: SESSION_LIFETIME_MSECS, lifetimeMsecs: SESSION_LIFETIME_MSECS };
    };
    try {
      return await (sessions ? viaSession() : viaToken());
    } catch (error) {
      // Refused before the password was checked, so the code was not spent: the other way may use it.
      if (!isAccessDenied(error)) throw error;
      sessions = !sessions;
      return sessions ? viaSession() : viaToken();
    }
  };
}

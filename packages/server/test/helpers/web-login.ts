import type { SessionUser } from 'cohesity-sdk/models';
import type { SendOptions, TestResponse } from './https-client.js';

type Sender = { send<T = unknown>(method: string, path: string, options?: SendOptions): Promise<TestResponse<T>> };

export const V1 = '/irisservices/api/v1/public';

export interface WebLogin {
  response: TestResponse<SessionUser>;
  /** `cohesity-session=<id>`, as a client sends it back; undefined when none was set. */
  cookie: string | undefined;
  /** The session id the cookie carries. */
  sessionId: string | undefined;
}

/** `POST /login` as pyhesity sends it: JSON with `content-type: application/json`. */
export async function webLogin(t: Sender, username: string, password: string, domain = 'LOCAL'): Promise<WebLogin> {
  const response = await t.send<SessionUser>('POST', '/login', { body: { domain, username, password } });
  const setCookie = response.headers['set-cookie'];
  const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  const cookie = first?.split(';')[0];
  return { response, cookie, sessionId: cookie?.slice(cookie.indexOf('=') + 1) };
}

export const withCookie = (cookie: string | undefined) => ({ cookie: cookie ?? '' });

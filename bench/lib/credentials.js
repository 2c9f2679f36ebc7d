// @ts-check
import { Agent, request } from 'undici';

export const ADMIN_LOGIN = JSON.stringify({ username: 'admin', password: 'admin', domain: 'LOCAL' });

/**
 * @typedef {object} Credentials One of each scheme for the admin user, as the headers to send.
 * @property {string} token
 * @property {Record<string, string>} bearer
 * @property {Record<string, string>} apiKey
 * @property {Record<string, string>} session
 */

/**
 * One JSON call to a bench server; throws unless it answers 2xx.
 * @param {string} url the server's origin
 * @param {string | undefined} ca its PEM certificate (undefined over plain HTTP)
 * @param {{ method?: import('undici').Dispatcher.HttpMethod, path: string, body?: unknown, headers?: Record<string, string> }} call
 * @returns {Promise<Record<string, unknown>>}
 */
export async function callJson(url, ca, call) {
  const dispatcher = new Agent({ connect: ca ? { ca } : {} });
  try {
    const response = await request(`${url}${call.path}`, {
      method: call.method ?? 'GET',
      dispatcher,
      headers: { 'content-type': 'application/json', ...call.headers },
      ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
    });
    const json = /** @type {Record<string, unknown>} */ (await response.body.json());
    if (response.statusCode >= 300) throw new Error(`${call.path}: ${response.statusCode} ${JSON.stringify(json)}`);
    return json;
  } finally {
    await dispatcher.close();
  }
}

/**
 * Logs in as admin and makes an API key and a session, through the public API only.
 * @param {string} url
 * @param {string | undefined} ca
 * @returns {Promise<Credentials>}
 */
export async function createCredentials(url, ca) {
  const login = JSON.parse(ADMIN_LOGIN);
  const token = String(
    (await callJson(url, ca, { method: 'POST', path: '/v2/access-tokens', body: login })).accessToken,
  );
  const bearer = { authorization: `Bearer ${token}` };
  const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());
  const path = `/v2/users/${claims['user-sid']}/api-keys`;
  const key = await callJson(url, ca, { method: 'POST', path, body: { name: 'bench' }, headers: bearer });
  const session = await callJson(url, ca, { method: 'POST', path: '/v2/users/sessions', body: login });
  return {
    token,
    bearer,
    apiKey: { apikey: String(key.apiKey) },
    session: { 'session-id': String(session.sessionId) },
  };
}

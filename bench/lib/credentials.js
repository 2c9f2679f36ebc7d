// @ts-check
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
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
  // Session logins work only while session management is on, and token logins only while it
  // is off (login flows §6); credentials already issued keep working either way.
  /** @param {boolean} on */
  const sessionManagement = (on) =>
    callJson(url, ca, {
      method: 'PUT',
      path: '/v2/security-config',
      body: { sessionManagementEnabled: on },
      headers: bearer,
    });
  await sessionManagement(true);
  const session = await callJson(url, ca, { method: 'POST', path: '/v2/users/sessions', body: login });
  await sessionManagement(false);
  return {
    token,
    bearer,
    apiKey: { apikey: String(key.apiKey) },
    session: { 'session-id': String(session.sessionId) },
  };
}

/**
 * The "typical peer"'s own Bearer token: the claims of one of ours (so the same size on the
 * wire), signed RS256 with a fresh key, and the public JWK that verifies it.
 * @param {string} token one of the server's access tokens
 */
export async function peerCredentials(token) {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());
  const signed = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'peer' })
    .sign(privateKey);
  return { publicJwk: await exportJWK(publicKey), bearer: { authorization: `Bearer ${signed}` } };
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { isApiKeyExpired } from '../accounts/api-keys.js';
import { isSessionExpired, sessionCutoffs } from '../accounts/session-expiry.js';
import { canAuthenticate } from '../accounts/user-status.js';
import type { Actor } from '../actor.js';
import { answersNoOperation } from '../cluster-api/register-cluster-api.js';
import { apiKeyRejected, noCredentials, sessionRejected, tokenInvalid } from '../errors.js';
import { hashSecret } from '../secret-hash.js';
import type { Services } from '../services.js';
import { sessionCookiesIn } from '../web-login/session-cookie.js';
import { forgetWebSession, isWebSessionExpired, readWebSession } from '../web-login/web-session.js';
import type { Principal } from './principal.js';
import { privilegeSetOf } from './privileges.js';
import { sidsHash } from './tokens.js';

// Sessions record their last use at most this often: one write per request would
// serialise every authenticated call on the database.
const SESSION_TOUCH_INTERVAL_MSECS = 1_000;
const BEARER_PREFIX = 'Bearer ';
const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;
// Our tokens are ~800 characters; anything far longer is refused before any decoding.
const MAX_AUTHORIZATION_LENGTH = 8 * 1024;
const CREDENTIAL_HEADERS = ['authorization', 'apikey', 'session-id'] as const;
type CredentialHeader = (typeof CREDENTIAL_HEADERS)[number];
const CREDENTIAL_HEADER_INDEX = new Map<string, number>(CREDENTIAL_HEADERS.map((name, i) => [name, i]));

/**
 * Node keeps only the first `Authorization` header and joins repeated `apiKey`s: a proxy
 * and this server could then each believe a different credential. Repeats are refused.
 */
function repeatedCredentialHeader(rawHeaders: readonly string[]): CredentialHeader | undefined {
  // Names seen, as bits: every request runs this, and a Set per request costs more.
  let seen = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const index = CREDENTIAL_HEADER_INDEX.get(rawHeaders[i]?.toLowerCase() ?? '');
    if (index === undefined) continue;
    if (seen & (1 << index)) return CREDENTIAL_HEADERS[index];
    seen |= 1 << index;
  }
  return undefined;
}

/**
 * Resolves each request's credentials (contract §3) before its body is even read:
 * `Authorization: Bearer`, then `apiKey`, then `session-id`, then the web-login cookie. Routes marked
 * `config: { public: true }` and unknown paths are let through.
 */
async function authenticatePlugin(app: FastifyInstance, services: Services) {
  app.decorateRequest<Actor | null>('actor', null);

  const principalFor = (user: Principal['user'], via: Principal['via'], session?: Principal['session']): Principal => ({
    user,
    via,
    privileges: privilegeSetOf(user.roles),
    ...(session ? { session } : {}),
  });

  async function fromBearer(header: string): Promise<Principal> {
    const now = services.now();
    // Only a token that passed the pattern below is ever verified: one known already skips it.
    const known = header.startsWith(BEARER_PREFIX)
      ? services.tokens.verified(header.slice(BEARER_PREFIX.length), now)
      : undefined;
    const claims = known ?? (await verifyBearer(header, now));
    const user = await services.store.getUser(claims['user-sid']);
    if (!user || !canAuthenticate(user, services.now()) || sidsHash(user) !== claims['sids-hash']) {
      throw tokenInvalid();
    }
    return principalFor(user, 'token');
  }

  async function verifyBearer(header: string, now: number) {
    const match = header.length <= MAX_AUTHORIZATION_LENGTH ? BEARER.exec(header) : null;
    if (!match?.[1]) throw tokenInvalid();
    return services.tokens.verify(match[1], now);
  }

  async function fromApiKey(secret: string): Promise<Principal> {
    const key = await services.store.findApiKeyBySecretHash(hashSecret(secret));
    if (!key) throw apiKeyRejected('does not exist');
    if (!key.isActive) throw apiKeyRejected('is inactive');
    if (isApiKeyExpired(key, services.now())) throw apiKeyRejected('has expired');
    const user = await services.store.getUser(key.userSid);
    if (!user || !canAuthenticate(user, services.now())) throw apiKeyRejected('does not exist');
    return principalFor(user, 'apiKey');
  }

  async function fromSessionId(sessionId: string, via: 'session' | 'cookie'): Promise<Principal> {
    const idHash = hashSecret(sessionId);
    const session = await services.store.findSession(idHash);
    if (!session) throw sessionRejected('is invalid');
    const now = services.now();
    const config = await services.securityConfig();
    const web = await readWebSession(services, idHash);
    if (
      isSessionExpired(session, sessionCutoffs(config.sessionConfiguration, now)) ||
      (web && isWebSessionExpired(web, session, config, now))
    ) {
      await services.store.deleteSession(idHash);
      if (web) await forgetWebSession(services, idHash);
      throw sessionRejected('has expired');
    }
    const user = await services.store.getUser(session.userSid);
    if (!user || !canAuthenticate(user, now) || user.credentialsVersion !== session.credentialsVersion) {
      throw sessionRejected('is invalid');
    }
    if (now - session.lastSeenTimeMsecs >= SESSION_TOUCH_INTERVAL_MSECS) await services.store.touchSession(idHash, now);
    return principalFor(user, via, { idHash, web });
  }

  app.addHook('onRequest', async function authenticate(request: FastifyRequest) {
    request.actor = { principal: null, ip: request.ip, requestId: request.id };
    if (request.routeOptions.config.public || request.routeOptions.url === undefined || answersNoOperation(request)) {
      return;
    }
    const repeated = repeatedCredentialHeader(request.raw.rawHeaders);
    if (repeated === 'authorization') throw tokenInvalid();
    if (repeated === 'apikey') throw apiKeyRejected('does not exist');
    if (repeated === 'session-id') throw sessionRejected('is invalid');
    const { authorization, apikey, 'session-id': sessionId } = request.headers;
    let principal: Principal;
    if (typeof authorization === 'string') principal = await fromBearer(authorization);
    else if (typeof apikey === 'string') principal = await fromApiKey(apikey);
    else if (typeof sessionId === 'string') principal = await fromSessionId(sessionId, 'session');
    else {
      // A header wins over a cookie: a client may carry a stale cookie beside a fresh token.
      const cookies = sessionCookiesIn(request.headers.cookie);
      if (cookies.length > 1) throw sessionRejected('is invalid');
      if (cookies[0] === undefined) throw noCredentials();
      principal = await fromSessionId(cookies[0], 'cookie');
    }
    request.actor = { ...request.actor, principal };
  });
}

export const authenticate = fp(authenticatePlugin, { name: 'authenticate' });

import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError, internalError, overloaded, rateLimited, sessionRejected, tokenExpired } from '../errors.js';
import { hashSecret } from '../secret-hash.js';
import type { Services } from '../services.js';
import { sessionCookiesIn } from '../web-login/session-cookie.js';
import type { FaultTarget } from './fault-scope.js';
import type { FaultState, RequestFaultRule } from './fault-state.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Never meets an injected request fault or mode: the faults API itself, the console, health, metrics. */
    faultExempt?: boolean;
  }
  interface FastifyRequest {
    /** The injected fault this request met, for the request log. */
    injectedFault: string | null;
  }
}

/** Test harnesses (the SDK's `cohesity-sdk/testing`) send this so their own calls meet no request fault. */
export const EXEMPT_HEADER = 'x-stand-in-faults';

/** `iat` of a Bearer token that authentication has already verified. */
function issuedAtMsecs(authorization: string): number {
  const payload = authorization.slice('Bearer '.length).split('.')[1] ?? '';
  const { iat } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iat: number };
  return iat * 1000;
}

function presentedCredential(request: FastifyRequest): string | undefined {
  const { authorization, apikey, 'session-id': sessionId } = request.headers;
  if (typeof authorization === 'string') return authorization.replace(/^Bearer /, '');
  if (typeof apikey === 'string') return apikey;
  if (typeof sessionId === 'string') return sessionId;
  return sessionCookiesIn(request.headers.cookie)[0];
}

export interface ApplyFaultsOptions {
  services: Services;
  state: FaultState;
  /** Told of each request hung up on, which no onResponse hook sees. */
  onHangUp?: ((request: FastifyRequest) => void) | undefined;
}

async function answer(
  rule: RequestFaultRule,
  request: FastifyRequest,
  reply: FastifyReply,
  onHangUp: ApplyFaultsOptions['onHangUp'],
): Promise<void> {
  request.injectedFault = `${rule.answer}${rule.latencyMsecs ? ` +${rule.latencyMsecs} ms` : ''}`;
  if (rule.latencyMsecs > 0) await sleep(rule.latencyMsecs);
  switch (rule.answer) {
    case 'delay':
      return;
    case 'hang-up':
      // No answer at all, as when a node dies mid-request or a balancer drops the connection.
      reply.hijack();
      request.raw.socket.destroy();
      onHangUp?.(request);
      request.log.info({ fault: request.injectedFault, url: request.url }, 'injected fault: hung up');
      return;
    case 429:
      throw rateLimited(rule.retryAfterSeconds);
    case 500:
      throw internalError();
    case 502:
      throw new ApiError(502, 'KInternalError', 'Bad Gateway');
    case 503:
      throw overloaded(rule.retryAfterSeconds);
  }
}

/**
 * Applies the faults an administrator injected, after authentication (so scopes can name a
 * user) and before the route. Registered only when the server starts with `--faults`.
 */
async function applyFaultsPlugin(app: FastifyInstance, { services, state, onHangUp }: ApplyFaultsOptions) {
  app.decorateRequest('injectedFault', null);

  async function expireIfFaulted(request: FastifyRequest, target: FaultTarget): Promise<void> {
    const principal = request.actor?.principal;
    if (!principal || state.expiries.length === 0) return;
    if (principal.via === 'token') {
      if (state.isExpired('tokens', target, issuedAtMsecs(request.headers.authorization as string))) {
        throw tokenExpired();
      }
    } else if (principal.session && (principal.via === 'session' || principal.via === 'cookie')) {
      const { idHash } = principal.session;
      const session = await services.store.findSession(idHash);
      const kind = principal.via === 'cookie' ? 'cookies' : 'sessions';
      if (session && state.isExpired(kind, target, session.createdTimeMsecs)) {
        // As a real expiry does: the session is gone, and this answer says why.
        await services.store.deleteSession(idHash);
        throw sessionRejected('has expired');
      }
    }
  }

  app.addHook('onRequest', async function injectFaults(request, reply) {
    let credentialHash: string | null | undefined = null;
    const target: FaultTarget = {
      userSid: request.actor?.principal?.user.sid,
      credentialHash() {
        if (credentialHash === null) {
          const credential = presentedCredential(request);
          credentialHash = credential === undefined ? undefined : hashSecret(credential);
        }
        return credentialHash ?? undefined;
      },
      route: request.routeOptions.url,
      method: request.method,
    };
    // An expired credential is expired everywhere, the faults API included; only request faults spare it.
    await expireIfFaulted(request, target);
    if (request.routeOptions.config.faultExempt) return;
    if (request.headers[EXEMPT_HEADER] === 'exempt' || state.requestFaults.length === 0) return;
    const rule = state.takeRequestFault(target);
    if (rule) await answer(rule, request, reply, onHangUp);
  });
}

export const applyFaults = fp(applyFaultsPlugin, { name: 'apply-faults' });

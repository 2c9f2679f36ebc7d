import proxyAddr from '@fastify/proxy-addr';
import Fastify, { type FastifyInstance, type FastifyRequest, type FastifyServerOptions, LogController } from 'fastify';
import { auditDenials } from './auth/audit-denials.js';
import { authenticate } from './auth/authenticate.js';
import { useRateLimits } from './auth/rate-limit.js';
import { findClusterOperations, registerClusterApi } from './cluster-api/register-cluster-api.js';
import { consoleRoutes } from './console/console-routes.js';
import { RequestLog, requestLogEntry, useRequestLog } from './console/request-log.js';
import { requestLogRoutes } from './console/request-log-routes.js';
import { applyFaults } from './faults/apply-faults.js';
import type { FaultState } from './faults/fault-state.js';
import { FAULTS_PREFIX, faultsRoutes } from './faults/faults-routes.js';
import { refuseOtherClusters } from './helios/remote-cluster-headers.js';
import { logAnswer } from './http/access-log.js';
import { answerClientError } from './http/client-error-handler.js';
import { capConnections } from './http/connection-cap.js';
import { rememberErrorCodes } from './http/error-code-log.js';
import { sendContractError, useContractErrors } from './http/error-handler.js';
import { parseEveryBodyAsJson } from './http/json-body.js';
import { answerUnknownRoutes } from './http/method-not-allowed.js';
import { requestIdFrom } from './http/request-id.js';
import { refuseUnstorableText } from './http/storable-text.js';
import { TLS_POLICY } from './http/tls-policy.js';
import { useContractValidation } from './http/validation.js';
import { useMetrics } from './metrics/metrics-plugin.js';
import type { ServerMetrics } from './metrics/server-metrics.js';
import { mfaRoutes } from './mfa/mfa-routes.js';
import { supportUserRoutes } from './mfa/support-user-routes.js';
import { verifyOtpRoute } from './mfa/verify-otp-route.js';
import { updateUserV1Route } from './password-change/update-user-v1-route.js';
import { healthRoutes } from './routes/health.js';
import { V1_PREFIX, V2_PREFIX } from './routes/prefixes.js';
import { accessTokenV1Routes } from './routes/v1/access-tokens.js';
import { apiKeyV1Routes } from './routes/v1/api-keys.js';
import { clusterV1Routes } from './routes/v1/cluster.js';
import { sessionUserV1Routes } from './routes/v1/session-user.js';
import { userV1Routes } from './routes/v1/users.js';
import { accessTokenRoutes } from './routes/v2/access-tokens.js';
import { apiKeyRoutes } from './routes/v2/api-keys.js';
import { auditLogRoutes } from './routes/v2/audit-logs.js';
import { clusterRoutes } from './routes/v2/clusters.js';
import { securityConfigRoutes } from './routes/v2/security-config.js';
import { sessionRoutes } from './routes/v2/sessions.js';
import { signingKeyRoutes } from './routes/v2/signing-keys.js';
import { userRoutes } from './routes/v2/users.js';
import type { Services } from './services.js';
import { useImpersonation } from './tenants/impersonation.js';
import { useTenantIsolation } from './tenants/tenant-isolation.js';
import { useTenantLogins } from './tenants/tenant-login.js';
import { tenantRoutes } from './tenants/tenant-routes.js';
import { restrictUnfinishedWebLogins } from './web-login/restrict-web-session.js';
import { webLoginRoutes } from './web-login/web-login-routes.js';

export { V1_PREFIX, V2_PREFIX };

export interface AppOptions {
  /** PEM certificate and key; without them the app speaks plain HTTP. */
  tls?: { cert: string; key: string } | undefined;
  logger?: FastifyServerOptions['logger'];
  /** Counted and served on `/metrics` when given. */
  metrics?: ServerMetrics | undefined;
  /** Fault injection, with `--faults` only. */
  faults?: FaultState | undefined;
}

/** Where pino must never print: the three credential headers and cookies. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.apikey',
  'req.headers["session-id"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

/**
 * Limits Node's HTTP server enforces before Fastify sees a request. Headers must arrive
 * within 10 s (slowloris), and the timers are checked every second instead of every 30.
 * 32 KiB of headers leaves room for any real token while bounding memory per connection.
 */
const NODE_SERVER_LIMITS = {
  maxHeaderSize: 32 * 1024,
  headersTimeout: 10_000,
  connectionsCheckingInterval: 1_000,
} as const;

/** A connection that has not finished its TLS handshake within 10 s is closed (Node's default: 120 s). */
export const TLS_HANDSHAKE_TIMEOUT_MSECS = 10_000;

/** Builds the whole server; never listens (tests and `server.ts` do). */
export async function buildApp(services: Services, options: AppOptions = {}): Promise<FastifyInstance> {
  const { trustProxy } = services.config;
  // One compiled rule for both uses: the client's address and the kept request id.
  const trusted = trustProxy ? proxyAddr.compile(trustProxy) : undefined;
  const app = Fastify({
    ...(options.tls
      ? {
          https: {
            cert: options.tls.cert,
            key: options.tls.key,
            handshakeTimeout: TLS_HANDSHAKE_TIMEOUT_MSECS,
            ...TLS_POLICY,
            ...NODE_SERVER_LIMITS,
          },
        }
      : { http: NODE_SERVER_LIMITS }),
    logger: options.logger ?? false,
    genReqId: requestIdFrom(trusted),
    // request.ip (rate limits, audit, access log) is the socket's peer unless it is a
    // proxy the operator named: anyone else could write X-Forwarded-For.
    trustProxy: trusted ?? false,
    // One access-log line per request (written in onResponse below), not Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    connectionTimeout: 60_000,
    requestTimeout: 30_000,
    keepAliveTimeout: 65_000,
    // Fastify's own 503 body is not the contract's Error; requests that arrive on an open
    // connection while stopping are answered normally, with `Connection: close`.
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    clientErrorHandler: answerClientError,
    frameworkErrors: sendContractError,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 256 },
  }) as unknown as FastifyInstance;

  capConnections(app.server, services.config.maxConnections);
  useContractErrors(app);
  useContractValidation(app);
  parseEveryBodyAsJson(app);
  refuseUnstorableText(app);
  const knownRoutes = answerUnknownRoutes(app);
  rememberErrorCodes(app);
  // Requests already running when close() begins would leave their keep-alive sockets
  // open, and the server would wait on them for minutes: ask those clients to hang up.
  let closing = false;
  app.addHook('preClose', async function stopKeepAlive() {
    closing = true;
  });
  // These two hooks take a callback, not async: a promise per hook per request costs more
  // than the work in them.
  app.addHook('onResponse', function logRequest(request, reply, done) {
    logAnswer(request, reply.statusCode, reply.elapsedTime);
    done();
  });
  app.addHook('onSend', function tagResponse(request, reply, payload, done) {
    reply.header('x-request-id', request.id);
    // Answers carry tokens, session ids and API keys: no browser, proxy or CDN may keep one.
    reply.header('cache-control', 'no-store');
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });

  useRateLimits(app, {
    loginPerMinute: services.config.loginRateLimit,
    apiPerMinute: services.config.apiRateLimit,
  });
  if (options.metrics) {
    await app.register(useMetrics, { metrics: options.metrics, metricsToken: services.config.metricsToken });
  }
  // Before authentication: an unknown path under /v2 answers 404, not 401, as before.
  findClusterOperations(app, services, knownRoutes);
  await app.register(authenticate, services);
  restrictUnfinishedWebLogins(app);
  refuseOtherClusters(app, services);
  useImpersonation(app, services);
  useTenantIsolation(app, services);
  useTenantLogins(app, services);
  auditDenials(app, services);
  const requestLog = new RequestLog();
  await app.register(useRequestLog, { log: requestLog, now: services.now });
  if (options.faults) {
    const onHangUp = (request: FastifyRequest) => requestLog.add(requestLogEntry(request, 0, 0, services.now()));
    await app.register(applyFaults, { services, state: options.faults, onHangUp });
    await app.register(faultsRoutes, { prefix: FAULTS_PREFIX, services, state: options.faults });
  }
  await app.register(healthRoutes, services);
  await app.register(consoleRoutes);
  await app.register(requestLogRoutes, { log: requestLog });
  await app.register(accessTokenRoutes, { prefix: V2_PREFIX, ...services });
  await app.register(clusterRoutes, { prefix: V2_PREFIX, ...services });
  await app.register(sessionRoutes, { prefix: V2_PREFIX, ...services });
  await app.register(userRoutes, { prefix: V2_PREFIX, ...services });
  await app.register(apiKeyRoutes, { prefix: V2_PREFIX, ...services });
  await app.register(securityConfigRoutes, { prefix: V2_PREFIX, ...services });
  await app.register(auditLogRoutes, { prefix: V2_PREFIX, ...services });
  await app.register(signingKeyRoutes, { prefix: V2_PREFIX, ...services });
  await app.register(accessTokenV1Routes, { prefix: V1_PREFIX, ...services });
  await app.register(clusterV1Routes, { prefix: V1_PREFIX, ...services });
  await app.register(apiKeyV1Routes, { prefix: V1_PREFIX, ...services });
  await app.register(userV1Routes, { prefix: V1_PREFIX, ...services });
  await app.register(sessionUserV1Routes, { prefix: V1_PREFIX });
  await app.register(webLoginRoutes, services);
  await app.register(mfaRoutes, { prefix: V2_PREFIX, ...services });
  await app.register(supportUserRoutes, { prefix: V2_PREFIX, ...services });
  await app.register(verifyOtpRoute, { prefix: V1_PREFIX, ...services });
  await app.register(updateUserV1Route, { prefix: V1_PREFIX, ...services });
  await app.register(tenantRoutes, services);
  // Last: every operation of the cluster's documents that no route above answers.
  await registerClusterApi(app, services);
  return app;
}

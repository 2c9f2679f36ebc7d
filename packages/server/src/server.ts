import type { AddressInfo } from 'node:net';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { type AdminStatus, adminStatus } from './accounts/admin-status.js';
import { securityConfigReader } from './accounts/security-config.js';
import { buildApp, REDACTED_PATHS } from './app.js';
import { loadKeyEncryptionKey } from './auth/key-encryption-key.js';
import { PasswordHasher, type PasswordHasherOptions } from './auth/passwords.js';
import { TokenService } from './auth/tokens.js';
import { bootstrap } from './bootstrap.js';
import type { ClusterApiContext } from './cluster-api/cluster-api-context.js';
import { createClusterApi, openResourceStore } from './cluster-api/create-cluster-api.js';
import { seedDemoCluster } from './cluster-api/demo/seed-demo-cluster.js';
import { type WarmUp, warmValidators } from './cluster-api/warm-validators.js';
import type { ServerConfig } from './config.js';
import { FaultState } from './faults/fault-state.js';
import { createServerClock } from './faults/server-clock.js';
import { stdoutLogDestination } from './http/log-destination.js';
import { loadTlsCredentials } from './http/tls.js';
import { instrumentStore } from './metrics/instrument-store.js';
import { ServerMetrics } from './metrics/server-metrics.js';
import { AtRestCipher } from './secrets/at-rest-cipher.js';
import type { Services } from './services.js';
import { describeStore, type StoreDescription } from './store/describe-store.js';
import { openStore } from './store/open-store.js';
import type { Store } from './store/store.js';
import type { DatabaseRetry } from './store/wait-for-database.js';
import { version } from './version.js';

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly store: Store;
  /** The stand-in cluster's API (its documents, validators and records). */
  readonly clusterApi: ClusterApiContext;
  /** The cluster API's schema checks, compiled in the background once the server listens. */
  readonly validatorsWarmUp: WarmUp;
  /** e.g. `https://127.0.0.1:8443` (the real port when 0 was asked for). */
  readonly url: string;
  /** SHA-256 fingerprint of the certificate; undefined over plain HTTP. */
  readonly fingerprint256: string | undefined;
  readonly selfSigned: boolean;
  /** What is true of the `admin` login now (not what the flags asked for). */
  readonly admin: AdminStatus;
  readonly storeDescription: StoreDescription;
  /** Stops accepting, lets in-flight requests finish, closes the database. */
  close(): Promise<void>;
}

export interface StartOptions {
  /** Replaces the production logger entirely (tests pass `false`). */
  logger?: FastifyServerOptions['logger'];
  /** Where the production logger (redaction included) writes; stdout by default. */
  logStream?: NodeJS.WritableStream;
  hasher?: PasswordHasherOptions;
  /** Told each time an unreachable PostgreSQL is retried at start (main prints it on stderr). */
  onDatabaseRetry?: (retry: DatabaseRetry) => void;
}

/** Opens the store, makes first-start state, and listens. What `main.ts`, the CLI and tests run. */
export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const store = await openStore(config, options.onDatabaseRetry);
  const resources = openResourceStore(store);
  try {
    const hasher = await PasswordHasher.create(options.hasher);
    const { identity: cluster, createdAdmin } = await bootstrap(store, hasher, config.adminPassword, Date.now());
    const admin = await adminStatus(store, hasher, config.adminPassword, createdAdmin);
    const tokens = await TokenService.open(store, {
      keyEncryptionKey: await loadKeyEncryptionKey(config.dataDir, config.keyEncryptionKey),
      rotationDays: config.signingKeyRotationDays,
    });
    // One clock for every time check; only fault injection ever moves it.
    const clock = createServerClock();
    const metrics = new ServerMetrics({
      hashQueue: () => hasher.queue,
      activeSessions: async () => [...(await store.countSessions()).values()].reduce((a, b) => a + b, 0),
    });
    const clusterApi = createClusterApi({
      resources,
      cluster,
      runMsecs: config.runSeconds * 1000,
      now: clock.now,
    });
    await seedDemoCluster(clusterApi, config);
    const services: Services = {
      config,
      store: instrumentStore(store, metrics),
      hasher,
      tokens,
      cluster,
      atRest: await AtRestCipher.open(config.dataDir),
      clusterApi,
      now: clock.now,
      securityConfig: securityConfigReader(store),
    };
    const tls = config.http ? undefined : await loadTlsCredentials(config.dataDir, config.host, config.tls);
    const stdout = options.logger === undefined && !options.logStream ? stdoutLogDestination() : undefined;
    const stream = options.logStream ?? stdout?.stream;
    const logger = options.logger ?? {
      level: config.logLevel,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      ...(stream ? { stream } : {}),
    };
    const app = await buildApp(services, {
      tls,
      logger,
      metrics,
      faults: config.faults ? new FaultState(clock) : undefined,
    });
    await app.listen({ host: config.host, port: config.port });
    const { port } = app.server.address() as AddressInfo;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    const url = `${tls ? 'https' : 'http'}://${host}:${port}`;
    const storeDescription = describeStore(config);
    // One line an operator (or a log search) can read the running settings from.
    app.log.info(
      {
        version: version(),
        store: storeDescription.kind,
        storeLocation: storeDescription.location,
        url,
        tls: tls ? (tls.selfSigned ? 'self-signed' : 'files') : 'off (plain HTTP)',
        trustProxy: config.trustProxy ?? [],
        limits: {
          loginRateLimitPerMinute: config.loginRateLimit,
          apiRateLimitPerMinute: config.apiRateLimit,
          tokenTtlSeconds: config.tokenTtlSeconds ?? null,
          bodyLimitBytes: app.initialConfig.bodyLimit,
        },
      },
      'server started',
    );
    const validatorsWarmUp = warmValidators(clusterApi, !config.lazyValidators);
    validatorsWarmUp.done.then(
      (warmed) => warmed && app.log.info({ operations: warmed.size }, 'cluster API checks compiled'),
      (error: unknown) => app.log.error({ err: error }, 'compiling the cluster API checks failed'),
    );
    return {
      app,
      store,
      clusterApi,
      validatorsWarmUp,
      url,
      fingerprint256: tls?.fingerprint256,
      selfSigned: tls?.selfSigned ?? false,
      admin,
      storeDescription,
      async close() {
        validatorsWarmUp.stop();
        // A failed warm-up was logged when it failed; closing goes on regardless.
        await validatorsWarmUp.done.catch(() => undefined);
        await app.close();
        tokens.close();
        await store.close();
        app.log.info('server stopped');
        stdout?.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

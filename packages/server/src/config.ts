import { isIP } from 'node:net';
import { parseArgs } from 'node:util';

/** One server setting: its flag, its environment variable and its default. */
export interface ServerOption {
  readonly flag: string;
  readonly env: string;
  readonly type: 'string' | 'boolean';
  readonly description: string;
  readonly default?: string;
}

/**
 * Every setting the server takes. `main.ts` and `cohesity serve` both read this table,
 * so the flags, variables and defaults are written down once.
 */
export const serverOptions = [
  { flag: 'host', env: 'COHESITY_HOST', type: 'string', default: '127.0.0.1', description: 'Address to listen on' },
  {
    flag: 'port',
    env: 'COHESITY_PORT',
    type: 'string',
    default: '8443',
    description: 'Port to listen on (0: any free port)',
  },
  {
    flag: 'data-dir',
    env: 'COHESITY_DATA_DIR',
    type: 'string',
    default: './.cohesity',
    description: 'Where the SQLite database, TLS certificate and key live',
  },
  {
    flag: 'database-url',
    env: 'COHESITY_DATABASE_URL',
    type: 'string',
    description: 'postgres://… to share state between several nodes (default: embedded SQLite)',
  },
  {
    flag: 'database-wait-seconds',
    env: 'COHESITY_DATABASE_WAIT_SECONDS',
    type: 'string',
    default: '60',
    description: 'How long to retry an unreachable PostgreSQL at start before exiting 1 (0: no retry)',
  },
  {
    flag: 'admin-password',
    env: 'COHESITY_ADMIN_PASSWORD',
    type: 'string',
    default: 'admin',
    description: "Password of the 'admin' user created on first start",
  },
  {
    flag: 'token-ttl-seconds',
    env: 'COHESITY_TOKEN_TTL_SECONDS',
    type: 'string',
    description: 'Token lifetime; overrides authTokenTimeoutMinutes (default 24 h)',
  },
  {
    flag: 'login-rate-limit',
    env: 'COHESITY_LOGIN_RATE_LIMIT',
    type: 'string',
    default: '600',
    description: 'Logins (tokens and sessions) per minute per client IP; 0: no limit',
  },
  {
    flag: 'api-rate-limit',
    env: 'COHESITY_API_RATE_LIMIT',
    type: 'string',
    default: '60000',
    description: 'Other requests per minute per client IP; 0: no limit',
  },
  {
    flag: 'tls-cert',
    env: 'COHESITY_TLS_CERT',
    type: 'string',
    description: 'PEM certificate (default: a self-signed one kept in the data dir)',
  },
  { flag: 'tls-key', env: 'COHESITY_TLS_KEY', type: 'string', description: 'PEM private key for --tls-cert' },
  {
    flag: 'http',
    env: 'COHESITY_HTTP',
    type: 'boolean',
    description: 'Serve plain HTTP (behind a TLS-terminating proxy)',
  },
  {
    flag: 'trust-proxy',
    env: 'COHESITY_TRUST_PROXY',
    type: 'string',
    description:
      'Proxies whose X-Forwarded-For names the client (comma-separated IPs, CIDRs, or loopback, linklocal, uniquelocal)',
  },
  {
    flag: 'cluster-name',
    env: 'COHESITY_CLUSTER_NAME',
    type: 'string',
    default: 'cohesity-dev',
    description: 'Name the cluster reports',
  },
  {
    flag: 'sw-version',
    env: 'COHESITY_SW_VERSION',
    type: 'string',
    default: '7.1.2_u3_release-20241231_bb47fe77',
    description: 'Software version the cluster reports',
  },
  {
    flag: 'log-level',
    env: 'COHESITY_LOG_LEVEL',
    type: 'string',
    default: 'info',
    description: 'fatal, error, warn, info, debug, trace or silent',
  },
  {
    flag: 'metrics-token',
    env: 'COHESITY_METRICS_TOKEN',
    type: 'string',
    description: 'Bearer token that lets non-loopback clients read /metrics (default: loopback only)',
  },
  {
    flag: 'faults',
    env: 'COHESITY_FAULTS',
    type: 'boolean',
    description: 'Enable fault injection for admins under /_stand-in/faults (never in production)',
  },
] as const satisfies readonly ServerOption[];

export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  /** How long start-up keeps retrying an unreachable PostgreSQL. */
  databaseWaitSeconds: number;
  adminPassword: string;
  /** Set only when an operator overrides the security config's token lifetime. */
  tokenTtlSeconds: number | undefined;
  /** Requests per minute per client IP; 0 turns the limit off. */
  loginRateLimit: number;
  apiRateLimit: number;
  tls: { certFile: string; keyFile: string } | undefined;
  http: boolean;
  /** Proxies whose X-Forwarded-For is believed; none unless set. */
  trustProxy: string[] | undefined;
  clusterName: string;
  swVersion: string;
  logLevel: string;
  /** Lets non-loopback scrapers read `/metrics`; loopback only when unset. */
  metricsToken: string | undefined;
  /** Fault injection (`/_stand-in/faults`) is on. */
  faults: boolean;
}

const LOG_LEVELS: readonly string[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** What Fastify's `trustProxy` (proxy-addr) accepts by name: loopback, link-local, private ranges. */
const PROXY_RANGE_NAMES: readonly string[] = ['loopback', 'linklocal', 'uniquelocal'];

/** An IP address, an IP/prefix CIDR, or one of the named ranges. */
function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

/** A setting that cannot be used; `main` prints it and exits with status 2. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type RawValues = Partial<Record<(typeof serverOptions)[number]['flag'], string | boolean>>;

/** Reads flags first, then the environment, then the defaults. */
export function loadConfig(argv: readonly string[], env: NodeJS.ProcessEnv): ServerConfig {
  const options = Object.fromEntries(serverOptions.map((o) => [o.flag, { type: o.type }]));
  let flags: RawValues;
  try {
    flags = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values as RawValues;
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  return resolveConfig(flags, env);
}

/** Builds a config from already parsed flags (the CLI parses its own with commander). */
export function resolveConfig(flags: RawValues, env: NodeJS.ProcessEnv): ServerConfig {
  const read = (flag: keyof RawValues): string | undefined => {
    const option = serverOptions.find((o) => o.flag === flag);
    const value = flags[flag] ?? env[option?.env ?? ''];
    if (value === undefined || value === '') return option && 'default' in option ? option.default : undefined;
    return String(value);
  };
  const isOn = (flag: keyof RawValues) => /^(1|true|yes|on)$/i.test(read(flag) ?? '');

  const port = Number(read('port'));
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`--port must be 0–65535, not '${read('port')}'`);

  const ttl = read('token-ttl-seconds');
  const tokenTtlSeconds = ttl === undefined ? undefined : Number(ttl);
  if (tokenTtlSeconds !== undefined && !(Number.isInteger(tokenTtlSeconds) && tokenTtlSeconds > 0)) {
    throw new ConfigError(`--token-ttl-seconds must be a positive whole number, not '${ttl}'`);
  }

  const perMinute = (flag: 'login-rate-limit' | 'api-rate-limit') => {
    const value = Number(read(flag));
    if (!Number.isInteger(value) || value < 0) {
      throw new ConfigError(
        `--${flag} must be a whole number of requests per minute (0: no limit), not '${read(flag)}'`,
      );
    }
    return value;
  };

  const wait = read('database-wait-seconds');
  const databaseWaitSeconds = Number(wait);
  if (!Number.isInteger(databaseWaitSeconds) || databaseWaitSeconds < 0) {
    throw new ConfigError(`--database-wait-seconds must be a whole number of seconds, not '${wait}'`);
  }

  const certFile = read('tls-cert');
  const keyFile = read('tls-key');
  if ((certFile === undefined) !== (keyFile === undefined))
    throw new ConfigError('--tls-cert and --tls-key go together');

  const logLevel = read('log-level') ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`--log-level must be one of ${LOG_LEVELS.join(', ')}`);

  const trustProxy = read('trust-proxy')
    ?.split(',')
    .map((entry) => entry.trim());
  const badProxy = trustProxy?.find((entry) => !isProxyAddress(entry));
  if (badProxy !== undefined) {
    throw new ConfigError(
      `--trust-proxy takes IP addresses, CIDRs, loopback, linklocal or uniquelocal, not '${badProxy}'`,
    );
  }

  const adminPassword = read('admin-password') ?? 'admin';
  if (Buffer.byteLength(adminPassword) > 1024) throw new ConfigError('--admin-password is longer than 1024 bytes');

  return {
    host: read('host') ?? '127.0.0.1',
    port,
    dataDir: read('data-dir') ?? './.cohesity',
    databaseUrl: read('database-url'),
    databaseWaitSeconds,
    adminPassword,
    tokenTtlSeconds,
    loginRateLimit: perMinute('login-rate-limit'),
    apiRateLimit: perMinute('api-rate-limit'),
    tls: certFile !== undefined && keyFile !== undefined ? { certFile, keyFile } : undefined,
    http: isOn('http'),
    trustProxy,
    clusterName: read('cluster-name') ?? 'cohesity-dev',
    swVersion: read('sw-version') ?? '',
    logLevel,
    metricsToken: read('metrics-token'),
    faults: isOn('faults'),
  };
}

import { parseArgs } from 'node:util';
import { ConfigError } from './config/config-error.js';
import {
  oneOf,
  onOff,
  optionalWholeNumber,
  type Parser,
  password,
  postgresUrl,
  proxyList,
  requiredText,
  secretKey,
  text,
  wholeNumber,
} from './config/parsers.js';

export { ConfigError } from './config/config-error.js';

/** One server setting: its flag, environment variable, default, parser and help text. */
export interface ServerOption<Flag extends string = string, Value = unknown> {
  readonly flag: Flag;
  readonly env: string;
  /** `boolean` flags take no value (`--http`); their variable reads 1/true/yes/on. */
  readonly type: 'string' | 'boolean';
  readonly default?: string;
  readonly parse: Parser<Value>;
  readonly description: string;
}

/** Keeps each row's flag and value type for the config type below. */
const option = <const Flag extends string, Value>(row: ServerOption<Flag, Value>) => row;

/**
 * Every setting the server takes: its flags, `--help`, `cohesity serve`, the defaults, the
 * validation and the `ServerConfig` type all come from this table. A new setting is one row.
 */
export const serverOptions = [
  option({
    flag: 'host',
    env: 'COHESITY_HOST',
    type: 'string',
    default: '127.0.0.1',
    parse: requiredText,
    description: 'Address to listen on',
  }),
  option({
    flag: 'port',
    env: 'COHESITY_PORT',
    type: 'string',
    default: '8443',
    parse: wholeNumber('0–65535', 0, 65535),
    description: 'Port to listen on (0: any free port)',
  }),
  option({
    flag: 'data-dir',
    env: 'COHESITY_DATA_DIR',
    type: 'string',
    default: './.cohesity',
    parse: requiredText,
    description: 'Where the SQLite database, TLS certificate and key live',
  }),
  option({
    flag: 'database-url',
    env: 'COHESITY_DATABASE_URL',
    type: 'string',
    parse: postgresUrl,
    description: 'postgres://… to share state between several nodes (default: embedded SQLite)',
  }),
  option({
    flag: 'database-wait-seconds',
    env: 'COHESITY_DATABASE_WAIT_SECONDS',
    type: 'string',
    default: '60',
    parse: wholeNumber('a whole number of seconds', 0),
    description: 'How long to retry an unreachable PostgreSQL at start before exiting 1 (0: no retry)',
  }),
  option({
    flag: 'admin-password',
    env: 'COHESITY_ADMIN_PASSWORD',
    type: 'string',
    default: 'admin',
    parse: password,
    description: "Password of the 'admin' user created on first start",
  }),
  option({
    flag: 'token-ttl-seconds',
    env: 'COHESITY_TOKEN_TTL_SECONDS',
    type: 'string',
    parse: optionalWholeNumber('a positive whole number', 1),
    description: 'Token lifetime; overrides authTokenTimeoutMinutes (default 24 h)',
  }),
  option({
    flag: 'login-rate-limit',
    env: 'COHESITY_LOGIN_RATE_LIMIT',
    type: 'string',
    default: '600',
    parse: wholeNumber('a whole number of requests per minute (0: no limit)', 0),
    description: 'Logins (tokens and sessions) per minute per client IP; 0: no limit',
  }),
  option({
    flag: 'api-rate-limit',
    env: 'COHESITY_API_RATE_LIMIT',
    type: 'string',
    default: '60000',
    parse: wholeNumber('a whole number of requests per minute (0: no limit)', 0),
    description: 'Other requests per minute per client IP; 0: no limit',
  }),
  option({
    flag: 'max-connections',
    env: 'COHESITY_MAX_CONNECTIONS',
    type: 'string',
    default: '4096',
    parse: wholeNumber('a whole number of connections, at least 1', 1),
    description: 'Open connections held at most; beyond, the longest idle is closed (keep under `ulimit -n`)',
  }),
  option({
    flag: 'key-encryption-key',
    env: 'COHESITY_KEY_ENCRYPTION_KEY',
    type: 'string',
    parse: secretKey,
    description:
      'Key (32 bytes, base64) that encrypts the token signing keys in the database; default: a file in the data dir. Every node of a cluster needs the same one',
  }),
  option({
    flag: 'signing-key-rotation-days',
    env: 'COHESITY_SIGNING_KEY_ROTATION_DAYS',
    type: 'string',
    default: '30',
    parse: wholeNumber('a whole number of days (0: rotate only when asked)', 0),
    description: 'Make a new token signing key when the newest is this old; 0: only by POST /v2/signing-keys/rotate',
  }),
  option({
    flag: 'tls-cert',
    env: 'COHESITY_TLS_CERT',
    type: 'string',
    parse: text,
    description: 'PEM certificate (default: a self-signed one kept in the data dir)',
  }),
  option({
    flag: 'tls-key',
    env: 'COHESITY_TLS_KEY',
    type: 'string',
    parse: text,
    description: 'PEM private key for --tls-cert',
  }),
  option({
    flag: 'http',
    env: 'COHESITY_HTTP',
    type: 'boolean',
    parse: onOff,
    description: 'Serve plain HTTP (behind a TLS-terminating proxy)',
  }),
  option({
    flag: 'trust-proxy',
    env: 'COHESITY_TRUST_PROXY',
    type: 'string',
    parse: proxyList,
    description:
      'Proxies whose X-Forwarded-For names the client (comma-separated IPs, CIDRs, or loopback, linklocal, uniquelocal)',
  }),
  option({
    flag: 'cluster-name',
    env: 'COHESITY_CLUSTER_NAME',
    type: 'string',
    default: 'cohesity-dev',
    parse: requiredText,
    description: 'Name the cluster reports',
  }),
  option({
    flag: 'sw-version',
    env: 'COHESITY_SW_VERSION',
    type: 'string',
    default: '7.1.2_u3_release-20241231_bb47fe77',
    parse: requiredText,
    description: 'Software version the cluster reports',
  }),
  option({
    flag: 'empty-cluster',
    env: 'COHESITY_EMPTY_CLUSTER',
    type: 'boolean',
    parse: onOff,
    description: 'Start without the demo cluster (nodes, sources, protection groups…) on first start',
  }),
  option({
    flag: 'run-seconds',
    env: 'COHESITY_RUN_SECONDS',
    type: 'string',
    default: '3',
    parse: wholeNumber('a whole number of seconds from 0 to 3600', 0, 3600),
    description: 'How long a protection run or recovery started through the API runs before it succeeds',
  }),
  option({
    flag: 'log-level',
    env: 'COHESITY_LOG_LEVEL',
    type: 'string',
    default: 'info',
    parse: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    description: 'fatal, error, warn, info, debug, trace or silent',
  }),
  option({
    flag: 'metrics-token',
    env: 'COHESITY_METRICS_TOKEN',
    type: 'string',
    parse: text,
    description: 'Bearer token that lets non-loopback clients read /metrics (default: loopback only)',
  }),
  option({
    flag: 'lazy-validators',
    env: 'COHESITY_LAZY_VALIDATORS',
    type: 'boolean',
    parse: onOff,
    description:
      "Compile the cluster API's request and answer checks on each operation's first call only, not in the background after listening (saves 30–40 s of CPU and ~200 MB per stand-in)",
  }),
  option({
    flag: 'faults',
    env: 'COHESITY_FAULTS',
    type: 'boolean',
    parse: onOff,
    description: 'Enable fault injection for admins under /_stand-in/faults (never in production)',
  }),
] as const;

type Row = (typeof serverOptions)[number];
export type ServerFlag = Row['flag'];

/** `data-dir` → `dataDir`: a setting's name in the config is its flag in camel case. */
type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;
const camelCase = (flag: string) => flag.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());

/** One value per row, typed by the row's parser. */
type OptionValues = { [R in Row as CamelCase<R['flag']>]: ReturnType<R['parse']> };

/** The resolved settings: one per row, except the certificate and key, which go together. */
export type ServerConfig = Omit<OptionValues, 'tlsCert' | 'tlsKey'> & {
  tls: { certFile: string; keyFile: string } | undefined;
};

/** Flags as parsed from a command line, by flag name. */
export type ServerFlags = Partial<Record<ServerFlag, string | boolean>>;

/** Reads flags first, then the environment, then the defaults. */
export function loadConfig(argv: readonly string[], env: NodeJS.ProcessEnv): ServerConfig {
  const options = Object.fromEntries(serverOptions.map((o) => [o.flag, { type: o.type }]));
  let flags: ServerFlags;
  try {
    flags = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values as ServerFlags;
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  return resolveConfig(flags, env);
}

/** Builds a config from already parsed flags (the CLI parses its own with commander). */
export function resolveConfig(flags: ServerFlags, env: NodeJS.ProcessEnv): ServerConfig {
  const values: Record<string, unknown> = {};
  for (const row of serverOptions as readonly ServerOption[]) {
    const given = flags[row.flag as ServerFlag] ?? env[row.env];
    const raw = given === undefined || given === '' ? row.default : String(given);
    values[camelCase(row.flag)] = row.parse(raw, row.flag);
  }
  const { tlsCert: certFile, tlsKey: keyFile, ...rest } = values as OptionValues;
  if ((certFile === undefined) !== (keyFile === undefined))
    throw new ConfigError('--tls-cert and --tls-key go together');
  return { ...rest, tls: certFile !== undefined && keyFile !== undefined ? { certFile, keyFile } : undefined };
}

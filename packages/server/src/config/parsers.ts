import { isIP } from 'node:net';
import { MAX_PASSWORD_BYTES } from 'cohesity-sdk/models';
import { ConfigError } from './config-error.js';

/**
 * Turns one setting's raw text (flag, environment or default; undefined when none of them
 * gives one) into its value, or throws a ConfigError that names the flag.
 */
export type Parser<T> = (raw: string | undefined, flag: string) => T;

const refuse = (flag: string, what: string, raw: string | undefined): never => {
  throw new ConfigError(`--${flag} must be ${what}, not '${raw}'`);
};

/** Free text; undefined when unset and without a default. */
export const text: Parser<string | undefined> = (raw) => raw;

/** Text that always has a value: for rows with a default. */
export const requiredText: Parser<string> = (raw, flag) => raw ?? refuse(flag, 'set', raw);

/** On for 1, true, yes or on (any case); off otherwise, unset included. */
export const onOff: Parser<boolean> = (raw) => /^(1|true|yes|on)$/i.test(raw ?? '');

/** A whole number from `min` to `max`, described in messages as `what`. */
export const wholeNumber =
  (what: string, min: number, max = Number.MAX_SAFE_INTEGER): Parser<number> =>
  (raw, flag) => {
    const value = Number(raw);
    return raw !== undefined && Number.isInteger(value) && value >= min && value <= max
      ? value
      : refuse(flag, what, raw);
  };

/** Like `wholeNumber`, but unset stays undefined. */
export const optionalWholeNumber =
  (what: string, min: number): Parser<number | undefined> =>
  (raw, flag) =>
    raw === undefined ? undefined : wholeNumber(what, min)(raw, flag);

/** One of a fixed list of words. */
export const oneOf =
  (choices: readonly string[]): Parser<string> =>
  (raw, flag) => {
    if (raw === undefined || !choices.includes(raw))
      throw new ConfigError(`--${flag} must be one of ${choices.join(', ')}`);
    return raw;
  };

/** A password within the login's byte limit. */
export const password: Parser<string> = (raw, flag) => {
  const value = requiredText(raw, flag);
  if (Buffer.byteLength(value) > MAX_PASSWORD_BYTES)
    throw new ConfigError(`--${flag} is longer than ${MAX_PASSWORD_BYTES} bytes`);
  return value;
};

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

/** Comma-separated proxy addresses; undefined (trust none) when unset. */
export const proxyList: Parser<string[] | undefined> = (raw, flag) => {
  const entries = raw?.split(',').map((entry) => entry.trim());
  const bad = entries?.find((entry) => !isProxyAddress(entry));
  if (bad !== undefined)
    throw new ConfigError(`--${flag} takes IP addresses, CIDRs, loopback, linklocal or uniquelocal, not '${bad}'`);
  return entries;
};

/**
 * A PostgreSQL connection URL; undefined (embedded SQLite) when unset. Another scheme would
 * be sent to PostgreSQL anyway and fail there with a message about something else. The URL
 * is never quoted back: it may hold a password.
 */
export const postgresUrl: Parser<string | undefined> = (raw, flag) => {
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`--${flag} is not a URL: give postgres://USER:PASSWORD@HOST:PORT/DATABASE`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(
      `--${flag} must be a PostgreSQL URL (postgres://USER:PASSWORD@HOST:PORT/DATABASE), not ${url.protocol}//…; ` +
        'without it the server uses its embedded SQLite',
    );
  }
  return raw;
};

/** 32 bytes as base64 or base64url (an AES-256 key); undefined when unset. The value is never echoed. */
export const secretKey: Parser<Buffer | undefined> = (raw, flag) => {
  if (raw === undefined) return undefined;
  const key = Buffer.from(raw, 'base64url');
  if (key.length !== 32) throw new ConfigError(`--${flag} must be 32 bytes in base64 (openssl rand -base64 32)`);
  return key;
};

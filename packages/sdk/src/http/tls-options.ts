import { ConfigurationError } from '../errors.js';

/**
 * How the client trusts the cluster's certificate. Verification is on unless `insecure`.
 * @example
 * { ca: readFileSync('cluster-ca.pem', 'utf8') } // or { fingerprint256: 'AB:CD:…' }
 */
export interface TlsOptions {
  /** PEM certificate(s) to trust, e.g. the cluster's self-signed certificate. */
  ca?: string | readonly string[];
  /** SHA-256 fingerprint of the cluster's certificate (hex, colons optional), checked on every connection. */
  fingerprint256?: string;
  /** Accept any certificate. Warns once. */
  insecure?: boolean;
}

/** Hex without colons, upper case: how a fingerprint is compared. */
export const normalizeFingerprint = (value: string) => value.replace(/:/g, '').toUpperCase();

/** Checks the fingerprint option's shape at construction, so a typo fails early. */
export function checkTlsOptions(tls: TlsOptions | undefined, customFetch: boolean): void {
  if (!tls) return;
  const set = [tls.ca !== undefined, tls.fingerprint256 !== undefined, tls.insecure === true].filter(Boolean).length;
  if (set > 1) throw new ConfigurationError('Give at most one of tls.ca, tls.fingerprint256 and tls.insecure');
  if (tls.fingerprint256 !== undefined && !/^[0-9A-F]{64}$/.test(normalizeFingerprint(tls.fingerprint256))) {
    throw new ConfigurationError('tls.fingerprint256 must be 32 hex bytes (colons optional)');
  }
  if (customFetch && set > 0) {
    throw new ConfigurationError('tls options apply to the built-in Node transport; with `fetch`, configure TLS there');
  }
}

let warnedInsecure = false;

/** Warns once per process: turning verification off should be visible, not noisy. */
export function warnInsecure(warn: (message: string) => void): void {
  if (warnedInsecure) return;
  warnedInsecure = true;
  warn('cohesity-sdk: tls.insecure is set; the cluster certificate is NOT verified');
}

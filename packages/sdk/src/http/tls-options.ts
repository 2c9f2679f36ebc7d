import type { TLSSocket } from 'node:tls';
import type { buildConnector } from 'undici';
import { ConfigurationError, TlsError } from '../errors.js';

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

const normalizeFingerprint = (value: string) => value.replace(/:/g, '').toUpperCase();

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
function warnInsecure(warn: (message: string) => void): void {
  if (warnedInsecure) return;
  warnedInsecure = true;
  warn('cohesity-sdk: tls.insecure is set; the cluster certificate is NOT verified');
}

/** undici's connector and proxy-tunnel TLS settings for these options. */
export interface TlsSettings {
  connect: buildConnector.connector;
  requestTls: { ca?: string | string[]; rejectUnauthorized: boolean };
}

/**
 * The trust the options ask for, as undici settings. A pinned certificate is usually
 * self-signed: the chain check is replaced by the pin. A resumed TLS session shows no peer
 * certificate, so pinning turns resumption off.
 */
export function tlsSettings(
  build: typeof buildConnector,
  tls: TlsOptions,
  timeoutMsecs: number,
  warn: (message: string) => void,
): TlsSettings {
  const pin = tls.fingerprint256 === undefined ? undefined : normalizeFingerprint(tls.fingerprint256);
  if (tls.insecure) warnInsecure(warn);
  const ca = typeof tls.ca === 'string' ? tls.ca : tls.ca ? [...tls.ca] : undefined;
  const base = build({
    ...(ca ? { ca } : {}),
    ...(pin ? { maxCachedSessions: 0 } : {}),
    rejectUnauthorized: !(tls.insecure || pin),
    timeout: timeoutMsecs,
  });
  const connect: buildConnector.connector = (options, callback) =>
    base(options, (error, socket) => {
      if (error || !pin || !socket) return error ? callback(error, null) : callback(null, socket as never);
      const actual = (socket as TLSSocket).getPeerCertificate?.().fingerprint256;
      if (actual && normalizeFingerprint(actual) === pin) return callback(null, socket);
      socket.destroy();
      callback(new TlsError('The cluster certificate does not match tls.fingerprint256'), null);
    });
  // Through a proxy undici builds the tunnel's TLS itself; a pin cannot be checked there, so
  // that path verifies normally (fails closed) instead of silently skipping the pin.
  return { connect, requestTls: { ...(ca ? { ca } : {}), rejectUnauthorized: !tls.insecure } };
}

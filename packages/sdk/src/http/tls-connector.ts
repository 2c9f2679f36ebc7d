import type { TLSSocket } from 'node:tls';
import type { buildConnector } from 'undici';
import { TlsError } from '../errors.js';
import { normalizeFingerprint, type TlsOptions, warnInsecure } from './tls-options.js';

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

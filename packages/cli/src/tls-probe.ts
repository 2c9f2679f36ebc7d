import { isIP } from 'node:net';
import { connect } from 'node:tls';
import { CliError, ExitCode, usageError } from './errors.js';

/** What the cluster's certificate looks like from here, before anything is trusted. */
export interface CertificateProbe {
  /** Whether the certificate chains to a trusted CA (the system's, or `ca`) and names the host. */
  authorized: boolean;
  /** Why not, e.g. `SELF_SIGNED_CERT_IN_CHAIN`. */
  reason: string | undefined;
  /** `AB:CD:…`, as `openssl x509 -fingerprint -sha256` prints it. */
  fingerprint256: string;
  subject: string;
  validTo: string;
}

/** `host[:port]` or `https://host[:port]` → host and port (443 by default). */
function hostAndPort(vip: string): { host: string; port: number } {
  const invalid = () =>
    usageError('login', `--vip '${vip}' is not HOST[:PORT]`, 'e.g. 10.0.0.5 or cluster.example.com:8443');
  let url: URL;
  try {
    url = new URL(vip.includes('://') ? vip : `https://${vip}`);
  } catch {
    throw invalid();
  }
  if (!url.hostname) throw invalid();
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port ? Number(url.port) : 443 };
}

/**
 * One TLS handshake, no HTTP: reads the certificate the cluster presents so that the user
 * can decide to trust it on first use, the way ssh shows a host key.
 */
export function probeCertificate(
  vip: string,
  ca: string | undefined,
  timeoutMsecs = 10_000,
): Promise<CertificateProbe> {
  const { host, port } = hostAndPort(vip);
  return new Promise((resolve, reject) => {
    const socket = connect({
      host,
      port,
      ...(isIP(host) ? {} : { servername: host }),
      ...(ca ? { ca } : {}),
      rejectUnauthorized: false,
      timeout: timeoutMsecs,
    });
    const fail = (message: string, cause?: unknown) => {
      socket.destroy();
      reject(
        new CliError({
          exitCode: ExitCode.connection,
          what: `connect to ${host}:${port}`,
          message,
          hint: 'check the VIP and port, and that the cluster is up',
          cause,
        }),
      );
    };
    socket.once('secureConnect', () => {
      const certificate = socket.getPeerCertificate();
      socket.end();
      if (!certificate.fingerprint256) return fail('the server presented no certificate');
      const reason = socket.authorizationError;
      resolve({
        authorized: socket.authorized,
        reason: reason ? String(reason) : undefined,
        fingerprint256: certificate.fingerprint256,
        subject: [certificate.subject?.CN ?? ''].flat().join(', '),
        validTo: certificate.valid_to,
      });
    });
    socket.once('timeout', () => fail(`no TLS handshake within ${timeoutMsecs} ms`));
    socket.once('error', (error: NodeJS.ErrnoException) =>
      fail(`connection failed (${error.code ?? error.message})`, error),
    );
  });
}

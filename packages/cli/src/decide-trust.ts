import { CliError, ExitCode, usageError } from './errors.js';
import { paint, warn } from './output.js';
import type { Profile, ProfileTls } from './profiles.js';
import { confirm } from './prompts.js';
import { probeCertificate } from './tls-probe.js';
import { tlsFromEnv, toTlsOptions } from './trust.js';

/** The trust flags of `login`. */
export interface TrustFlags {
  yes?: boolean;
  caFile?: string;
  insecure?: boolean;
}

const sameFingerprint = (a: string, b: string) =>
  a.replace(/:/g, '').toUpperCase() === b.replace(/:/g, '').toUpperCase();

export const isPlainHttp = (vip: string) => /^http:\/\//i.test(vip);

/**
 * `http://` is the README's TLS-terminating load balancer's backend: no certificate to trust.
 * But if TLS answers there, the scheme is a mistake, and saying so beats a failed login.
 */
async function plainHttpTrust(vip: string): Promise<ProfileTls> {
  const url = new URL(vip);
  const speaksTls = await probeCertificate(`https://${url.hostname}:${url.port || '80'}`, undefined, 3_000).then(
    () => true,
    () => false,
  );
  if (speaksTls) {
    const bare = vip.replace(/^http:\/\//i, '');
    throw usageError('login', `${vip} answers HTTPS, not plain HTTP`, `use --vip ${bare} (or https://${bare})`);
  }
  warn(`cohesity: ${vip} is plain HTTP: the password and token cross the network unencrypted`);
  return {};
}

/**
 * Decides how to trust the cluster, like ssh: a certificate from a trusted CA is used as is;
 * a self-signed one is shown by fingerprint and, once accepted, pinned in the profile.
 */
export async function decideTrust(vip: string, flags: TrustFlags, previous: Profile | undefined): Promise<ProfileTls> {
  if (isPlainHttp(vip)) return plainHttpTrust(vip);
  const fromFlags: ProfileTls | undefined = flags.insecure
    ? { insecure: true }
    : flags.caFile
      ? { caFile: flags.caFile }
      : tlsFromEnv();
  if (fromFlags && 'insecure' in fromFlags) {
    warn('cohesity: --insecure: the cluster certificate is NOT verified');
    return fromFlags;
  }
  const ca = fromFlags ? (await toTlsOptions(fromFlags)).ca : undefined;
  const probe = await probeCertificate(vip, typeof ca === 'string' ? ca : undefined);
  if (probe.authorized) return fromFlags ?? {};
  const pinned = previous?.vip === vip && 'fingerprint256' in previous.tls ? previous.tls.fingerprint256 : undefined;
  if (pinned && sameFingerprint(pinned, probe.fingerprint256)) return { fingerprint256: pinned };
  if (pinned) {
    throw new CliError({
      exitCode: ExitCode.connection,
      what: `login to ${vip}`,
      message: `the cluster's certificate CHANGED: it was ${pinned}, it is now ${probe.fingerprint256}`,
      hint: "if the cluster got a new certificate, run 'cohesity logout' first; otherwise someone may be in between",
    });
  }
  process.stderr.write(
    `The certificate of ${vip} is not trusted (${probe.reason ?? 'unknown issuer'}).\n` +
      `  subject:     ${probe.subject || '-'}\n  valid until: ${probe.validTo}\n` +
      `  SHA-256:     ${paint('bold', probe.fingerprint256, process.stderr)}\n`,
  );
  const trusted =
    flags.yes || (await confirm('Trust this certificate and pin it?', 'pass --yes to trust it, or --ca-file'));
  if (!trusted) {
    throw new CliError({
      exitCode: ExitCode.connection,
      what: `login to ${vip}`,
      message: 'certificate not trusted',
      hint: 'compare the fingerprint with the cluster banner, or pass --ca-file',
    });
  }
  return { fingerprint256: probe.fingerprint256 };
}

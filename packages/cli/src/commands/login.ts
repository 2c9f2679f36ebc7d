import { ClusterClient, DEFAULT_DOMAIN, UnauthorizedException } from 'cohesity-sdk';
import { Command, Option } from 'commander';
import { createToken, type LoginTarget } from '../create-token.js';
import { CliError, ExitCode, usageError } from '../errors.js';
import type { GlobalOptions } from '../global-options.js';
import { changeExpiredPassword, needsOtp, otpCode, passwordState, resolveTenant } from '../login-flows.js';
import { note, paint, printJson, warn } from '../output.js';
import { loadProfile, type Profile, type ProfileTls, type SavedToken, saveProfile } from '../profiles.js';
import { askHidden, confirm, readStdin } from '../prompts.js';
import { withSpinner } from '../spinner.js';
import { probeCertificate } from '../tls-probe.js';
import { tlsFromEnv, toTlsOptions } from '../trust.js';

interface LoginOptions {
  vip?: string;
  username?: string;
  domain: string;
  passwordStdin?: boolean;
  yes?: boolean;
  caFile?: string;
  insecure?: boolean;
  otp?: string;
  tenant?: string;
}

const sameFingerprint = (a: string, b: string) =>
  a.replace(/:/g, '').toUpperCase() === b.replace(/:/g, '').toUpperCase();

/**
 * Decides how to trust the cluster, like ssh: a certificate from a trusted CA is used as is;
 * a self-signed one is shown by fingerprint and, once accepted, pinned in the profile.
 */
async function decideTrust(vip: string, options: LoginOptions, previous: Profile | undefined): Promise<ProfileTls> {
  const fromFlags: ProfileTls | undefined = options.insecure
    ? { insecure: true }
    : options.caFile
      ? { caFile: options.caFile }
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
    options.yes || (await confirm('Trust this certificate and pin it?', 'pass --yes to trust it, or --ca-file'));
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

async function readPassword(options: LoginOptions, username: string): Promise<string> {
  if (options.passwordStdin) return readStdin();
  if (process.env.COHESITY_PASSWORD) return process.env.COHESITY_PASSWORD;
  return askHidden(`Password for ${username}: `, 'use --password-stdin or set COHESITY_PASSWORD');
}

/** A token, with the MFA code from `--otp` or the prompt when the cluster asks for one. */
async function logIn(target: LoginTarget, password: string, otp: string | undefined): Promise<SavedToken> {
  try {
    return await withSpinner('Logging in…', () => createToken(target, password, otp));
  } catch (error) {
    if (!needsOtp(error)) throw error;
    const code = await otpCode(undefined);
    return withSpinner('Logging in…', () => createToken(target, password, code));
  }
}

async function login(options: LoginOptions, command: Command): Promise<void> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const previous = await loadProfile(globals.profile);
  const vip = options.vip ?? previous?.vip;
  const username = options.username ?? previous?.username;
  if (!vip || !username) throw usageError('login', 'give --vip and --username (or COHESITY_VIP and COHESITY_USERNAME)');
  const tls = await decideTrust(vip, options, previous);
  const password = await readPassword(options, username);
  if (!password) throw usageError('login', 'the password is empty');
  const target = { vip, username, domain: options.domain, tls: await toTlsOptions(tls) };
  let token = await logIn(target, password, options.otp);
  const client = new ClusterClient({ clusterVip: vip, accessToken: token.accessToken, tls: target.tls });
  let tenantId: string | undefined;
  try {
    // Token logins work while a password change is forced; the change is asked here (login flows §4).
    // A token that ended already (a very short lifetime) cannot be asked: the login stands.
    const state = await passwordState(client).catch((error: unknown) => {
      if (error instanceof UnauthorizedException) return undefined;
      throw error;
    });
    if (state?.forced) token = await logIn(target, await changeExpiredPassword(client, state.sid, password), undefined);
    if (options.tenant) tenantId = await resolveTenant(client, options.tenant);
  } finally {
    await client.close();
  }
  await saveProfile(globals.profile, {
    vip,
    username,
    domain: options.domain,
    tls,
    token,
    ...(tenantId ? { tenantId } : {}),
  });
  if (globals.json)
    printJson({ profile: globals.profile, vip, username, domain: options.domain, expiresAt: token.expiresAt });
  else
    note(
      `Logged in to ${vip} as ${options.domain}\\${username} (profile '${globals.profile}', token valid until ${token.expiresAt})`,
    );
}

export function loginCommand(): Command {
  return new Command('login')
    .description('Log in to a cluster and save the token in a profile (never the password)')
    .addOption(new Option('--vip <host[:port]>', 'cluster address').env('COHESITY_VIP'))
    .addOption(new Option('--username <name>', 'user to log in as').env('COHESITY_USERNAME'))
    .addOption(new Option('--domain <domain>', 'login domain').env('COHESITY_DOMAIN').default(DEFAULT_DOMAIN))
    .option('--password-stdin', 'read the password from stdin instead of prompting')
    .option('-y, --yes', "trust the cluster's certificate without asking (trust on first use)")
    .addOption(new Option('--ca-file <file>', 'PEM CA certificate to verify the cluster with').env('COHESITY_CA_FILE'))
    .option('--insecure', 'do not verify the certificate at all (COHESITY_INSECURE=1)')
    .addOption(new Option('--otp <code>', 'MFA code, for scripts (asked at the prompt otherwise)').env('COHESITY_OTP'))
    .option(
      '--tenant <tenant>',
      'act as this tenant on every later command (an administrator with ORGANIZATION_IMPERSONATE)',
    )
    .addHelpText(
      'after',
      `
The password is asked with hidden input, read from stdin (--password-stdin) or taken from
COHESITY_PASSWORD. A self-signed certificate is shown by its SHA-256 fingerprint and pinned
once you trust it; later commands refuse a different certificate.

Examples:
  $ cohesity login --vip 10.0.0.5 --username admin
  $ cohesity login --vip cluster.example.com:8443 --username ops --domain LOCAL --profile lab
  $ printf '%s' "$PASSWORD" | cohesity login --vip 10.0.0.5 --username admin --password-stdin --yes
  $ cohesity login --vip 10.0.0.5 --username admin --otp 123456 --tenant acme`,
    )
    .action(login);
}

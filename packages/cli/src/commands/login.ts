import { ClusterClient, DEFAULT_DOMAIN, UnauthorizedException } from 'cohesity-sdk';
import { Command, Option } from 'commander';
import { createToken, type LoginTarget } from '../create-token.js';
import { decideTrust } from '../decide-trust.js';
import { CliError, ExitCode, toCliError, usageError } from '../errors.js';
import type { GlobalOptions } from '../global-options.js';
import { changeExpiredPassword, needsOtp, otpCode, passwordState, resolveTenant } from '../login-flows.js';
import { note, printJson } from '../output.js';
import { loadProfile, type Profile, type SavedToken, saveProfile } from '../profiles.js';
import { askHidden, readStdin } from '../prompts.js';
import { withSpinner } from '../spinner.js';
import { toTlsOptions } from '../trust.js';

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
  withApiKey?: boolean;
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

/** Checks the key with the cluster (who is it?) before saving it: a typo fails now, not later. */
async function whoseKey(
  vip: string,
  apiKey: string,
  tls: Profile['tls'],
): Promise<{ username: string; domain: string }> {
  const client = new ClusterClient({ clusterVip: vip, apiKey, tls: await toTlsOptions(tls) });
  try {
    const me = await withSpinner('Checking the API key…', () => client.v1.principals.getSessionUser());
    return { username: me.username ?? '', domain: me.domain ?? '' };
  } catch (error) {
    const failure = toCliError(error, `log in to ${vip} with an API key`);
    if (failure.exitCode !== ExitCode.auth) throw failure;
    throw new CliError({
      exitCode: ExitCode.auth,
      what: `log in to ${vip} with an API key`,
      message: `the cluster refused the key: ${failure.message}`,
      hint: "check it; 'cohesity api-keys list' (logged in otherwise) shows which keys exist",
      cause: error,
    });
  } finally {
    await client.close();
  }
}

/** `login --with-api-key`: the key from stdin, checked, saved instead of a token. */
async function loginWithApiKey(
  vip: string,
  options: LoginOptions,
  globals: GlobalOptions,
  previous: Profile | undefined,
) {
  const tls = await decideTrust(vip, options, previous);
  const apiKey = (await readStdin()).trim();
  if (!apiKey) {
    throw usageError(
      'login',
      'no API key on stdin',
      `e.g. printf %s "$KEY" | cohesity login --with-api-key --vip ${vip}`,
    );
  }
  const me = await whoseKey(vip, apiKey, tls);
  await saveProfile(globals.profile, { vip, username: me.username, domain: me.domain, tls, apiKey });
  if (globals.json) {
    printJson({ profile: globals.profile, vip, ...me, credential: 'apiKey', expiresAt: null });
  } else {
    note(`Logged in to ${vip} as ${me.domain}\\${me.username} (profile '${globals.profile}', API key saved)`);
  }
}

async function login(options: LoginOptions, command: Command): Promise<void> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const previous = await loadProfile(globals.profile);
  const vip = options.vip ?? previous?.vip;
  if (!vip)
    throw usageError('login', 'give --vip (or COHESITY_VIP)', 'e.g. cohesity login --vip 10.0.0.5 --username admin');
  if (options.withApiKey) return loginWithApiKey(vip, options, globals, previous);
  const username = options.username ?? previous?.username;
  if (!username)
    throw usageError('login', 'give --username (or COHESITY_USERNAME)', 'or --with-api-key with the key on stdin');
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
    .description('Log in to a cluster and save the token (or an API key) in a profile, never the password')
    .addOption(new Option('--vip <host[:port]>', 'cluster address (http://host:port: plain HTTP)').env('COHESITY_VIP'))
    .addOption(new Option('--username <name>', 'user to log in as').env('COHESITY_USERNAME'))
    .addOption(new Option('--domain <domain>', 'login domain').env('COHESITY_DOMAIN').default(DEFAULT_DOMAIN))
    .option('--password-stdin', 'read the password from stdin instead of prompting')
    .option('--with-api-key', 'save an API key read from stdin instead (no password, no token expiry)')
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
  $ cohesity login --vip 10.0.0.5 --username admin --otp 123456 --tenant acme
  $ printf '%s' "$KEY" | cohesity login --vip 10.0.0.5 --with-api-key --profile ci --yes`,
    )
    .action(login);
}

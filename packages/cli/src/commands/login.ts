import { ClusterClient, DEFAULT_DOMAIN } from 'cohesity-sdk';
import { Command, Option } from 'commander';
import { createToken } from '../create-token.js';
import { decideTrust } from '../decide-trust.js';
import { CliError, ExitCode, toCliError, usageError } from '../errors.js';
import type { GlobalOptions } from '../global-options.js';
import { note, printJson } from '../output.js';
import { loadProfile, type Profile, saveProfile } from '../profiles.js';
import { askHidden, readStdin } from '../prompts.js';
import { withSpinner } from '../spinner.js';
import { toTlsOptions } from '../trust.js';

interface LoginOptions {
  vip?: string;
  username?: string;
  domain: string;
  passwordStdin?: boolean;
  withApiKey?: boolean;
  yes?: boolean;
  caFile?: string;
  insecure?: boolean;
}

async function readPassword(options: LoginOptions, username: string): Promise<string> {
  if (options.passwordStdin) return readStdin();
  if (process.env.COHESITY_PASSWORD) return process.env.COHESITY_PASSWORD;
  return askHidden(`Password for ${username}: `, 'use --password-stdin or set COHESITY_PASSWORD');
}

/** Checks the key with the cluster (who is it?) before saving it: a typo fails now, not later. */
async function whoseKey(
  vip: string,
  apiKey: string,
  profile: Pick<Profile, 'tls'>,
): Promise<{ username: string; domain: string }> {
  const client = new ClusterClient({ clusterVip: vip, apiKey, tls: await toTlsOptions(profile.tls) });
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

async function login(options: LoginOptions, command: Command): Promise<void> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const previous = await loadProfile(globals.profile);
  const vip = options.vip ?? previous?.vip;
  if (!vip)
    throw usageError('login', 'give --vip (or COHESITY_VIP)', 'e.g. cohesity login --vip 10.0.0.5 --username admin');
  let profile: Profile;
  if (options.withApiKey) {
    const tls = await decideTrust(vip, options, previous);
    const apiKey = (await readStdin()).trim();
    if (!apiKey)
      throw usageError(
        'login',
        'no API key on stdin',
        `e.g. printf %s "$KEY" | cohesity login --with-api-key --vip ${vip}`,
      );
    const me = await whoseKey(vip, apiKey, { tls });
    profile = { vip, username: me.username, domain: me.domain, tls, apiKey };
  } else {
    const username = options.username ?? previous?.username;
    if (!username)
      throw usageError('login', 'give --username (or COHESITY_USERNAME)', 'or --with-api-key with the key on stdin');
    const tls = await decideTrust(vip, options, previous);
    const password = await readPassword(options, username);
    if (!password) throw usageError('login', 'the password is empty');
    const target = { vip, username, domain: options.domain, tls: await toTlsOptions(tls) };
    const token = await withSpinner('Logging in…', () => createToken(target, password));
    profile = { vip, username, domain: options.domain, tls, token };
  }
  await saveProfile(globals.profile, profile);
  const { username, domain, token } = profile;
  if (globals.json) {
    printJson({
      profile: globals.profile,
      vip,
      username,
      domain,
      credential: token ? 'token' : 'apiKey',
      expiresAt: token?.expiresAt ?? null,
    });
  } else {
    const validity = token ? `token valid until ${token.expiresAt}` : 'API key saved';
    note(`Logged in to ${vip} as ${domain}\\${username} (profile '${globals.profile}', ${validity})`);
  }
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
    .addHelpText(
      'after',
      `
The password is asked with hidden input, read from stdin (--password-stdin) or taken from
COHESITY_PASSWORD. A self-signed certificate is shown by its SHA-256 fingerprint and pinned
once you trust it; later commands refuse a different certificate. An http:// VIP (a node
behind a TLS-terminating load balancer) has no certificate to trust.

Examples:
  $ cohesity login --vip 10.0.0.5 --username admin
  $ cohesity login --vip cluster.example.com:8443 --username ops --domain LOCAL --profile lab
  $ printf '%s' "$PASSWORD" | cohesity login --vip 10.0.0.5 --username admin --password-stdin --yes
  $ printf '%s' "$KEY" | cohesity login --vip 10.0.0.5 --with-api-key --profile ci --yes`,
    )
    .action(login);
}

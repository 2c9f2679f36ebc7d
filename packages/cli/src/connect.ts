import { readFile } from 'node:fs/promises';
import { ClusterClient, type TlsOptions } from 'cohesity-sdk';
import { createToken } from './create-token.js';
import { CliError, ExitCode } from './errors.js';
import { loadProfile, type ProfileTls, type SavedToken, saveProfile } from './profiles.js';
import { withSpinner } from './spinner.js';

/** The options every command takes (`cohesity --profile work users list`). */
export interface GlobalOptions {
  profile: string;
  json?: boolean;
  debug?: boolean;
}

const isOn = (value: string | undefined) => /^(1|true|yes|on)$/i.test(value ?? '');

/** Trust asked for by COHESITY_CA_FILE or COHESITY_INSECURE, if any. */
export function tlsFromEnv(env: NodeJS.ProcessEnv = process.env): ProfileTls | undefined {
  if (isOn(env.COHESITY_INSECURE)) return { insecure: true };
  if (env.COHESITY_CA_FILE) return { caFile: env.COHESITY_CA_FILE };
  return undefined;
}

/** A profile's trust, as the SDK takes it. */
export async function toTlsOptions(tls: ProfileTls): Promise<TlsOptions> {
  if ('fingerprint256' in tls) return { fingerprint256: tls.fingerprint256 };
  if ('caFile' in tls) return { ca: await readFile(tls.caFile, 'utf8') };
  if ('insecure' in tls) return { insecure: true };
  return {};
}

// A token with under a minute left would expire on its way: treat it as expired.
export const isFresh = (token: SavedToken, now = Date.now()) => Date.parse(token.expiresAt) - now > 60_000;

export interface ResolvedToken {
  vip: string;
  tls: ProfileTls;
  token: SavedToken;
}

/**
 * A usable access token: the profile's while fresh; otherwise a new login when
 * COHESITY_PASSWORD is set (saved to the profile); without a profile, a login from
 * COHESITY_VIP, COHESITY_USERNAME and COHESITY_PASSWORD (not saved).
 */
export async function resolveToken(
  globals: GlobalOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ResolvedToken> {
  const profile = await loadProfile(globals.profile);
  const password = env.COHESITY_PASSWORD;
  if (profile) {
    if (isFresh(profile.token)) return { vip: profile.vip, tls: profile.tls, token: profile.token };
    if (!password) {
      throw new CliError({
        exitCode: ExitCode.auth,
        what: `profile '${globals.profile}'`,
        message: `the access token expired at ${profile.token.expiresAt}`,
        hint: `run 'cohesity login --profile ${globals.profile}' again, or set COHESITY_PASSWORD to log in automatically`,
      });
    }
    const target = { vip: profile.vip, username: profile.username, domain: profile.domain };
    const token = await createToken({ ...target, tls: await toTlsOptions(profile.tls) }, password);
    await saveProfile(globals.profile, { ...profile, token });
    return { vip: profile.vip, tls: profile.tls, token };
  }
  const { COHESITY_VIP: vip, COHESITY_USERNAME: username } = env;
  if (vip && username && password) {
    const tls = tlsFromEnv(env) ?? {};
    const domain = env.COHESITY_DOMAIN || 'LOCAL';
    return { vip, tls, token: await createToken({ vip, username, domain, tls: await toTlsOptions(tls) }, password) };
  }
  throw new CliError({
    exitCode: ExitCode.auth,
    what: `profile '${globals.profile}'`,
    message: 'not logged in',
    hint: "run 'cohesity login', or set COHESITY_VIP with COHESITY_API_KEY (or COHESITY_USERNAME and COHESITY_PASSWORD)",
  });
}

async function openClient(globals: GlobalOptions, env: NodeJS.ProcessEnv): Promise<ClusterClient> {
  const apiKey = env.COHESITY_API_KEY;
  if (apiKey) {
    const profile = await loadProfile(globals.profile);
    const vip = env.COHESITY_VIP || profile?.vip;
    if (!vip) {
      throw new CliError({
        exitCode: ExitCode.usage,
        what: 'COHESITY_API_KEY',
        message: 'no cluster to send it to',
        hint: 'set COHESITY_VIP too',
      });
    }
    const tls = await toTlsOptions(tlsFromEnv(env) ?? profile?.tls ?? {});
    return new ClusterClient({ clusterVip: vip, apiKey, tls });
  }
  const { vip, tls, token } = await resolveToken(globals, env);
  return new ClusterClient({
    clusterVip: vip,
    accessToken: token.accessToken,
    tokenType: token.tokenType,
    tls: await toTlsOptions(tls),
  });
}

/** Runs `task` with an authenticated client (API key, or the profile's token) and closes it. */
export async function withClient<T>(
  globals: GlobalOptions,
  task: (client: ClusterClient) => Promise<T>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<T> {
  const client = await openClient(globals, env);
  try {
    return await withSpinner('Waiting for the cluster…', () => task(client));
  } finally {
    await client.close();
  }
}

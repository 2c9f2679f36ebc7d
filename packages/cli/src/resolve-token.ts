import { DEFAULT_DOMAIN } from 'cohesity-sdk';
import { createToken } from './create-token.js';
import { CliError, ExitCode } from './errors.js';
import type { GlobalOptions } from './global-options.js';
import { loginCommandFor } from './login-hint.js';
import { type Profile, type ProfileTls, type SavedToken, saveProfile } from './profiles.js';
import { isFresh, staleness } from './token-freshness.js';
import { tlsFromEnv, toTlsOptions } from './trust.js';

export interface ResolvedToken {
  vip: string;
  tls: ProfileTls;
  token: SavedToken;
  tenantId?: string | undefined;
}

/**
 * A usable access token: the profile's while fresh; otherwise a new login when
 * COHESITY_PASSWORD is set (saved to the profile); without a profile, a login from
 * COHESITY_VIP, COHESITY_USERNAME and COHESITY_PASSWORD (not saved).
 */
export async function resolveToken(
  globals: GlobalOptions,
  profile: Profile | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ResolvedToken> {
  const password = env.COHESITY_PASSWORD;
  if (profile?.token) {
    const { tenantId } = profile;
    if (isFresh(profile.token)) return { vip: profile.vip, tls: profile.tls, token: profile.token, tenantId };
    if (!password) {
      throw new CliError({
        exitCode: ExitCode.auth,
        what: `profile '${globals.profile}'`,
        message: staleness(profile.token),
        hint: `run '${loginCommandFor(globals.profile)}' again, or set COHESITY_PASSWORD to log in automatically`,
      });
    }
    const target = { vip: profile.vip, username: profile.username, domain: profile.domain };
    const token = await createToken({ ...target, tls: await toTlsOptions(profile.tls) }, password);
    await saveProfile(globals.profile, { ...profile, token });
    return { vip: profile.vip, tls: profile.tls, token, tenantId };
  }
  const { COHESITY_VIP: vip, COHESITY_USERNAME: username } = env;
  if (vip && username && password) {
    const tls = tlsFromEnv(env) ?? {};
    const domain = env.COHESITY_DOMAIN || DEFAULT_DOMAIN;
    return { vip, tls, token: await createToken({ vip, username, domain, tls: await toTlsOptions(tls) }, password) };
  }
  throw new CliError({
    exitCode: ExitCode.auth,
    what: `profile '${globals.profile}'`,
    message: 'not logged in',
    hint: `run '${loginCommandFor(globals.profile, '--vip HOST --username NAME')}', or set COHESITY_VIP with COHESITY_API_KEY (or COHESITY_USERNAME and COHESITY_PASSWORD)`,
  });
}

import { ClusterClient, UnauthorizedException } from 'cohesity-sdk';
import { CliError, ExitCode } from './errors.js';
import type { GlobalOptions } from './global-options.js';
import { loginCommandFor } from './login-hint.js';
import { loadProfile } from './profiles.js';
import { resolveToken } from './resolve-token.js';
import { withSpinner } from './spinner.js';
import { tlsFromEnv, toTlsOptions } from './trust.js';

interface OpenedClient {
  client: ClusterClient;
  /** What to do when the cluster refuses these credentials: it depends on where they came from. */
  refusedHint: string;
}

async function openClient(globals: GlobalOptions, env: NodeJS.ProcessEnv): Promise<OpenedClient> {
  const profile = await loadProfile(globals.profile);
  const envKey = env.COHESITY_API_KEY;
  const apiKey = envKey || profile?.apiKey;
  if (apiKey) {
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
    const refusedHint = envKey
      ? "the cluster refused COHESITY_API_KEY: check it, make a new one with 'cohesity api-keys create NAME', or unset it to use the profile's login"
      : `the cluster refused the profile's API key: run 'printf %s "$KEY" | ${loginCommandFor(globals.profile, '--with-api-key')}' with a valid key`;
    return { client: new ClusterClient({ clusterVip: vip, apiKey, tls }), refusedHint };
  }
  const { vip, tls, token, tenantId } = await resolveToken(globals, profile, env);
  const client = new ClusterClient({
    clusterVip: vip,
    accessToken: token.accessToken,
    tokenType: token.tokenType,
    tls: await toTlsOptions(tls),
    ...(tenantId ? { impersonateTenantId: tenantId } : {}),
  });
  return { client, refusedHint: `the saved token no longer works: run '${loginCommandFor(globals.profile)}' again` };
}

/**
 * Runs `task` with an authenticated client (API key, or the profile's token) and closes it.
 * A spinner shows on a terminal while it waits, unless `spinner` is false (`audit --follow`).
 */
export async function withClient<T>(
  globals: GlobalOptions,
  task: (client: ClusterClient) => Promise<T>,
  { env = process.env, spinner = true }: { env?: NodeJS.ProcessEnv; spinner?: boolean } = {},
): Promise<T> {
  const { client, refusedHint } = await openClient(globals, env);
  try {
    return await (spinner ? withSpinner('Waiting for the cluster…', () => task(client)) : task(client));
  } catch (error) {
    if (error instanceof UnauthorizedException) {
      const message = error.body ? `${error.body.message} (${error.errorCode})` : `HTTP ${error.status}`;
      throw new CliError({
        exitCode: ExitCode.auth,
        what: `${error.method} ${error.path}`,
        message,
        hint: refusedHint,
        cause: error,
      });
    }
    throw error;
  } finally {
    await client.close();
  }
}

import { ClusterClient } from 'cohesity-sdk';
import { CliError, ExitCode } from './errors.js';
import type { GlobalOptions } from './global-options.js';
import { loadProfile } from './profiles.js';
import { resolveToken } from './resolve-token.js';
import { withSpinner } from './spinner.js';
import { tlsFromEnv, toTlsOptions } from './trust.js';

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
  const { vip, tls, token, tenantId } = await resolveToken(globals, env);
  return new ClusterClient({
    clusterVip: vip,
    accessToken: token.accessToken,
    tokenType: token.tokenType,
    tls: await toTlsOptions(tls),
    ...(tenantId ? { impersonateTenantId: tenantId } : {}),
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

import { Command } from 'commander';
import type { GlobalOptions } from '../../global-options.js';
import { printJson, printRecord } from '../../output.js';
import { loadProfile, type ProfileTls } from '../../profiles.js';
import { tlsFromEnv } from '../../trust.js';
import { withClient } from '../../with-client.js';

function describeTrust(vip: string, tls: ProfileTls): string {
  if (/^http:\/\//i.test(vip)) return 'plain HTTP: no TLS';
  if ('fingerprint256' in tls) return `pinned certificate SHA-256 ${tls.fingerprint256}`;
  if ('caFile' in tls) return `verified against the CA in ${tls.caFile}`;
  if ('insecure' in tls) return 'NOT verified (--insecure)';
  return "verified against the system's CAs";
}

function credentialOf(env: NodeJS.ProcessEnv, apiKeyProfile: boolean): string {
  if (env.COHESITY_API_KEY) return 'API key from COHESITY_API_KEY';
  return apiKeyProfile ? "the profile's API key" : "the profile's access token";
}

async function status(_options: object, command: Command): Promise<void> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const profile = await loadProfile(globals.profile);
  // Asks the cluster, so that "logged in" means the credential works now.
  const { me, cluster } = await withClient(globals, async (client) => ({
    me: await client.v1.principals.getSessionUser(),
    cluster: await client.platform.getCluster(),
  }));
  // The VIP withClient used: COHESITY_VIP goes with an API key from the environment.
  const vip =
    (process.env.COHESITY_API_KEY && process.env.COHESITY_VIP) || profile?.vip || process.env.COHESITY_VIP || '';
  const report = {
    profile: globals.profile,
    cluster: { vip, name: cluster.name, id: cluster.id, swVersion: cluster.swVersion },
    user: { username: me.username, domain: me.domain, sid: me.sid },
    credential: credentialOf(process.env, profile?.apiKey !== undefined),
    tokenExpiresAt: process.env.COHESITY_API_KEY || profile?.apiKey ? null : (profile?.token?.expiresAt ?? null),
    trust: describeTrust(vip, tlsFromEnv() ?? profile?.tls ?? {}),
  };
  if (globals.json) printJson(report);
  else printRecord(report);
}

export const authStatusCommand = () =>
  new Command('status')
    .description('Who you are, on which cluster, with what credential, until when, and how it is trusted')
    .addHelpText('after', '\nExamples:\n  $ cohesity auth status\n  $ cohesity auth status --profile lab --json')
    .action(status);

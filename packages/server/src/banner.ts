import { availableParallelism } from 'node:os';
import { DEFAULT_DOMAIN } from 'cohesity-sdk/models';
import { threadPoolAdvice } from './auth/passwords.js';
import type { ServerConfig } from './config.js';
import type { RunningServer } from './server.js';

/** What an operator needs on start: where, how to log in, and a curl line that works. */
export function printBanner(
  server: Pick<RunningServer, 'url' | 'fingerprint256' | 'selfSigned'>,
  config: Pick<ServerConfig, 'adminPassword' | 'dataDir'> & Partial<Pick<ServerConfig, 'faults'>>,
  out: NodeJS.WritableStream,
): void {
  const defaultPassword = config.adminPassword === 'admin';
  const lines = [
    '',
    `Cohesity access-token server listening on ${server.url}`,
    `  data dir:    ${config.dataDir}`,
    `  admin login: admin / ${defaultPassword ? 'admin' : '(the --admin-password you set)'} (domain LOCAL)`,
  ];
  lines.push(`  console:     ${server.url}/console/`);
  if (server.fingerprint256) {
    lines.push(`  TLS SHA-256: ${server.fingerprint256}${server.selfSigned ? ' (self-signed)' : ''}`);
  }
  const insecure = server.selfSigned ? ' -k' : '';
  lines.push(
    '',
    'Get a token:',
    `  curl${insecure} -X POST ${server.url}/v2/access-tokens -d '{"username":"admin","password":"${defaultPassword ? 'admin' : '…'}","domain":"${DEFAULT_DOMAIN}"}'`,
    '',
  );
  if (config.faults) {
    lines.push(
      `FAULTS ON: administrators can inject faults at ${server.url}/_stand-in/faults (never in production).`,
      '',
    );
  }
  if (defaultPassword) {
    lines.push(
      "WARNING: the admin password is the default 'admin'; set --admin-password or COHESITY_ADMIN_PASSWORD.",
      '',
    );
  }
  const advice = threadPoolAdvice(process.env, availableParallelism());
  if (advice) lines.push(`NOTE: ${advice}`, '');
  out.write(lines.join('\n'));
}

import { availableParallelism } from 'node:os';
import { DEFAULT_DOMAIN } from 'cohesity-sdk/models';
import type { AdminStatus } from './accounts/admin-status.js';
import { threadPoolAdvice } from './auth/passwords.js';
import type { ServerConfig } from './config.js';
import type { RunningServer } from './server.js';

type BannerFacts = Pick<RunningServer, 'url' | 'fingerprint256' | 'selfSigned' | 'admin' | 'storeDescription'>;

const STORE_NAMES = { sqlite: 'SQLite', postgres: 'PostgreSQL' } as const;

/** The admin line, from what the store holds: after a restart the flags prove nothing. */
function adminLogin(admin: AdminStatus): string {
  if (!admin.exists) return "no 'admin' user (it was deleted): log in as another administrator";
  const domain = `(domain ${DEFAULT_DOMAIN})`;
  if (admin.defaultPassword) return `admin / admin ${domain}`;
  if (admin.created) return `admin / (the --admin-password you set) ${domain}`;
  if (admin.ignored) return `admin / (set earlier, NOT the --admin-password given now) ${domain}`;
  return `admin / (set on an earlier start) ${domain}`;
}

function warnings(admin: AdminStatus): string[] {
  const lines: string[] = [];
  if (admin.ignored) {
    lines.push(
      '!!! WARNING: --admin-password (or COHESITY_ADMIN_PASSWORD) was IGNORED: the admin user already exists,',
      '!!!          and its password is set only on the start that creates it. To change it, run:',
      '!!!          cohesity users passwd admin',
      '',
    );
  }
  if (admin.defaultPassword) {
    lines.push(
      "WARNING: the admin password is the default 'admin'. " +
        (admin.created
          ? 'Start with --admin-password or COHESITY_ADMIN_PASSWORD on a fresh data dir, or change it:'
          : 'Change it:'),
      '  cohesity users passwd admin',
      '',
    );
  }
  return lines;
}

/** What an operator needs on start: where, which store, how to log in, and a curl line that works. */
export function printBanner(
  server: BannerFacts,
  config: Pick<ServerConfig, 'dataDir'> & Partial<Pick<ServerConfig, 'faults'>>,
  out: NodeJS.WritableStream,
): void {
  const { admin, storeDescription } = server;
  const lines = [
    '',
    `Cohesity access-token server listening on ${server.url}`,
    `  store:       ${STORE_NAMES[storeDescription.kind]} (${storeDescription.location})`,
    `  data dir:    ${config.dataDir}`,
    `  admin login: ${adminLogin(admin)}`,
  ];
  lines.push(`  console:     ${server.url}/console/`);
  if (server.fingerprint256) {
    lines.push(`  TLS SHA-256: ${server.fingerprint256}${server.selfSigned ? ' (self-signed)' : ''}`);
  }
  const insecure = server.selfSigned ? ' -k' : '';
  lines.push(
    '',
    'Get a token:',
    `  curl${insecure} -X POST ${server.url}/v2/access-tokens -d '{"username":"admin","password":"${admin.defaultPassword ? 'admin' : '…'}","domain":"${DEFAULT_DOMAIN}"}'`,
    '',
    ...warnings(admin),
  );
  if (config.faults) {
    lines.push(
      `FAULTS ON: administrators can inject faults at ${server.url}/_stand-in/faults (never in production).`,
      '',
    );
  }
  const advice = threadPoolAdvice(process.env, availableParallelism());
  if (advice) lines.push(`NOTE: ${advice}`, '');
  out.write(lines.join('\n'));
}

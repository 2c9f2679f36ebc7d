import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Stops or starts the machine's PostgreSQL cluster (Debian's pg_ctlcluster; needs root). */
export async function pgCtlCluster(action: 'stop' | 'start'): Promise<void> {
  const [version] = await readdir('/etc/postgresql');
  if (version === undefined) throw new Error('no PostgreSQL cluster in /etc/postgresql');
  // `stop` uses the fast mode: open sessions are ended with 57P01, as an operator's stop does.
  await run('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', action]);
}

/** Starts PostgreSQL unless it is running already; for `finally` blocks. */
export async function ensurePostgresRunning(): Promise<void> {
  try {
    await pgCtlCluster('start');
  } catch (error) {
    // Exit status 2: it was running already.
    if ((error as { code?: unknown }).code !== 2) throw error;
  }
}

/** Whether this test run may stop and start the local PostgreSQL (root, Debian layout); warns when not. */
export function canControlPostgres(): boolean {
  const can = process.getuid?.() === 0 && existsSync('/etc/postgresql') && existsSync('/usr/bin/pg_ctlcluster');
  if (!can) console.warn('\n*** SKIPPING the PostgreSQL restart test: it needs root and pg_ctlcluster. ***\n');
  return can;
}

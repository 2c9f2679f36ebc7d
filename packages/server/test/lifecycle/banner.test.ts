import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MAIN = resolve(import.meta.dirname, '../../dist/main.js');
const FIRST = 'Banner-First-Pass-1!';
const OTHER = 'Banner-Other-Pass-2!';

interface Run {
  code: number | null;
  banner: string;
  stdout: string;
}

/** `node dist/main.js` on a data dir until its banner is out, then SIGTERM. */
async function start(dataDir: string, args: string[] = []): Promise<Run> {
  const child = spawn(process.execPath, [MAIN, '--port', '0', '--data-dir', dataDir, '--empty-cluster', ...args], {
    env: Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('COHESITY_'))),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let banner = '';
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    banner += chunk.toString();
    if (banner.includes('Get a token:')) child.kill('SIGTERM');
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, banner, stdout };
}

let root: string;
beforeAll(async () => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first`);
  root = await mkdtemp(join(tmpdir(), 'cohesity-banner-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

const DEFAULT_WARNING = "the admin password is the default 'admin'";

describe('the banner after restarts', () => {
  it('tells the stored truth when started with --admin-password, then without, then with another', async () => {
    const dataDir = join(root, 'set');
    const first = await start(dataDir, ['--admin-password', FIRST]);
    expect(first.code).toBe(0);
    expect(first.banner).toContain('admin login: admin / (the --admin-password you set)');
    expect(first.banner).not.toContain(DEFAULT_WARNING);
    expect(first.banner).toMatch(/store: +SQLite \(.*cohesity\.db\)/);

    const without = await start(dataDir);
    expect(without.banner).toContain('admin login: admin / (set on an earlier start)');
    expect(without.banner).not.toContain('admin / admin');
    expect(without.banner).not.toContain(DEFAULT_WARNING);
    expect(without.banner).not.toContain('IGNORED');

    const again = await start(dataDir, ['--admin-password', FIRST]);
    expect(again.banner).toContain('admin login: admin / (set on an earlier start)');
    expect(again.banner).not.toContain('IGNORED');

    const other = await start(dataDir, ['--admin-password', OTHER]);
    expect(other.code).toBe(0);
    expect(other.banner).toContain('NOT the --admin-password given now');
    expect(other.banner).toContain('--admin-password (or COHESITY_ADMIN_PASSWORD) was IGNORED');
    expect(other.banner).toContain('cohesity users passwd admin');
  }, 90_000); // four server processes in a row, on a shared machine

  it('keeps warning about the default password until it changes, and says a later --admin-password is ignored', async () => {
    const dataDir = join(root, 'default');
    const first = await start(dataDir);
    expect(first.banner).toContain('admin login: admin / admin');
    expect(first.banner).toContain(DEFAULT_WARNING);

    const later = await start(dataDir, ['--admin-password', FIRST]);
    expect(later.banner).toContain('admin login: admin / admin');
    expect(later.banner).toContain(DEFAULT_WARNING);
    expect(later.banner).toContain('was IGNORED');
  }, 60_000);

  it('refuses an --admin-password the password policy refuses, with exit 2, before touching the data dir', async () => {
    const dataDir = join(root, 'weak');
    for (const weak of ['short', 'alllowercase-no-digits']) {
      const run = await start(dataDir, ['--admin-password', weak]);
      expect(run.code).toBe(2);
      expect(run.banner).toMatch(/--admin-password: The password is too weak: it must contain/);
      expect(run.banner).not.toContain(weak);
    }
    expect(existsSync(dataDir)).toBe(false);
  });

  it('logs a started line with the version and store, and a stopped line on SIGTERM', async () => {
    const run = await start(join(root, 'logs'), ['--admin-password', FIRST]);
    const lines = run.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { msg: string; store?: string; version?: string });
    expect(lines.find((line) => line.msg === 'server started')).toMatchObject({ store: 'sqlite' });
    expect(lines.at(-1)?.msg).toBe('server stopped');
  });
});

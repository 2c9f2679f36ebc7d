import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.js';
import { createHttpsClient } from '../helpers/https-client.js';
import { adminQuery, dropSchema, postgresReachable, uniqueSchema, urlWithSchema } from '../helpers/postgres.js';
import { startTcpProxy } from '../helpers/tcp-proxy.js';

const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
const DB_PASSWORD = 'Db-secret-in-url-7';
const reachable = await postgresReachable('database wait at start');

interface Main {
  readonly child: ChildProcess;
  readonly dataDir: string;
  stderr(): string;
  readonly exited: Promise<number | null>;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Runs `node dist/main.js --database-url <url> …` and collects its stderr. */
async function runMain(databaseUrl: string, args: string[] = []): Promise<Main> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cohesity-wait-'));
  const child = spawn(
    process.execPath,
    [MAIN, '--database-url', databaseUrl, '--port', '0', '--data-dir', dataDir, '--log-level', 'warn', ...args],
    { env: { ...process.env, COHESITY_ADMIN_PASSWORD: 'Admin-password-1' }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  });
  return { child, dataDir, stderr: () => stderr, exited };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

describe('a PostgreSQL node whose database is not there at start', () => {
  it('retries with backoff, saying so on stderr, then exits 1 once --database-wait-seconds have passed', async () => {
    const port = await closedPort();
    const started = Date.now();
    const main = await runMain(`postgres://postgres:${DB_PASSWORD}@127.0.0.1:${port}/test`, [
      '--database-wait-seconds',
      '3',
    ]);

    expect(await main.exited).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3_000);
    const stderr = main.stderr();
    const refused = `connect ECONNREFUSED 127.0.0.1:${port}`;
    expect(stderr).toContain(
      `cohesity-server: the database is unavailable (${refused}); retry 1 in 0.5 s, giving up 3 s after start\n`,
    );
    expect(stderr).toContain(`retry 2 in 1 s, giving up 3 s after start\n`);
    expect(stderr).toMatch(
      new RegExp(
        `cohesity-server: failed to start: The database stayed unavailable for the 3 s allowed \\(${refused}\\)\\n$`,
      ),
    );
    expect(stderr).not.toContain('listening on');
    expect(stderr).not.toContain(DB_PASSWORD);
  });

  it('exits 1 after one attempt with --database-wait-seconds 0', async () => {
    const main = await runMain(`postgres://postgres@127.0.0.1:${await closedPort()}/test`, [
      '--database-wait-seconds',
      '0',
    ]);
    expect(await main.exited).toBe(1);
    expect(main.stderr()).not.toContain('retry 1');
    expect(main.stderr()).toContain('failed to start: The database stayed unavailable for the 0 s allowed');
  });

  describe.skipIf(!reachable)('with PostgreSQL on the machine', () => {
    it('starts and serves as soon as the database becomes reachable within the wait', async () => {
      const schema = uniqueSchema('wait');
      await adminQuery(`CREATE SCHEMA ${schema}`);
      cleanups.push(() => dropSchema(schema));
      const target = new URL(urlWithSchema(schema));
      const proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
      cleanups.push(() => proxy.close());
      await proxy.cut();
      target.port = String(proxy.port);

      const main = await runMain(target.toString());
      await eventually(async () => main.stderr().includes('retry 1 in 0.5 s, giving up 60 s after start'), 20_000);
      expect(main.stderr()).not.toContain('listening on');

      await proxy.restore();
      await eventually(async () => /listening on https:\/\/\S+/.test(main.stderr()), 30_000);
      const url = /listening on (https:\/\/\S+)/.exec(main.stderr())?.[1] as string;
      const client = createHttpsClient(url, await readFile(join(main.dataDir, 'tls-cert.pem'), 'utf8'));
      cleanups.push(() => client.close());
      expect((await client.send('GET', '/readyz')).body).toEqual({
        status: 'ready',
        database: 'up',
        migrations: 'done',
        store: 'postgres',
      });
      expect(await client.login('admin', 'Admin-password-1')).toEqual(expect.any(String));
      expect(main.child.exitCode).toBeNull();
    });

    it('fails at once, without retrying, when the database does not exist (a configuration fault)', async () => {
      const url = new URL(urlWithSchema('public'));
      url.pathname = '/cohesity_no_such_database';
      const main = await runMain(url.toString());
      expect(await main.exited).toBe(1);
      expect(main.stderr()).not.toContain('retry');
      expect(main.stderr()).toContain('failed to start: database "cohesity_no_such_database" does not exist');
    });
  });
});

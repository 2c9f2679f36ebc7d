import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI, requireBuiltCli, runCli } from '../helpers/run-cli.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
beforeAll(requireBuiltCli);

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cohesity-serve-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** `cohesity serve` as a process; answers once its banner names the URL. */
async function serve(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [CLI, 'serve', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
  });
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /listening on (https:\/\/\S+)/.exec(stderr);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`serve exited (${code}) before listening:\n${stderr}`)));
  });
  return { child, url };
}

describe('cohesity serve', () => {
  it('starts on --port 0, answers basicClusterInfo, and exits 0 on SIGTERM', async () => {
    const dataDir = await tempDir();
    const { child, url } = await serve(['--port', '0', '--data-dir', dataDir, '--cluster-name', 'from-cli']);
    const ca = await readFile(join(dataDir, 'tls-cert.pem'), 'utf8');
    const dispatcher = new Agent({ connect: { ca } });
    cleanups.push(() => dispatcher.close());
    const response = await request(`${url}/irisservices/api/v1/public/basicClusterInfo`, { dispatcher });
    expect(response.statusCode).toBe(200);
    expect(await response.body.json()).toMatchObject({ name: 'from-cli', domains: ['LOCAL'] });
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    expect((await exited)[0]).toBe(0);
  });

  it('exits 2 with the server’s own message on a bad flag value', async () => {
    const result = await runCli(['serve', '--port', 'nope', '--data-dir', await tempDir()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--port must be 0–65535, not 'nope'");
  });

  it('exits 2 naming the file when --tls-cert cannot be read', async () => {
    const dir = await tempDir();
    const missing = join(dir, 'missing.pem');
    const result = await runCli([
      'serve',
      '--port',
      '0',
      '--data-dir',
      dir,
      '--tls-cert',
      missing,
      '--tls-key',
      missing,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--tls-(cert|key) .*missing\.pem.*ENOENT/);
  });

  it('lists every server flag with its environment variable in --help', async () => {
    const result = await runCli(['serve', '--help']);
    expect(result.code).toBe(0);
    for (const flag of ['--port', '--data-dir', '--database-url', '--admin-password', '--http', '--log-level']) {
      expect(result.stdout).toContain(flag);
    }
    expect(result.stdout).toContain('COHESITY_DATABASE_URL');
  });
});

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generate } from 'selfsigned';
import { Agent, request } from 'undici';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serverOptions } from '../../src/config.js';

const MAIN = resolve(import.meta.dirname, '../../dist/main.js');
const SECRET = 'Process-Test-Secret-9f2!';

interface Spawned {
  child: ChildProcess;
  url: string;
  stderr: () => string;
  stdout: () => string;
  dispatcher: Agent;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

beforeAll(() => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first`);
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cohesity-main-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Starts `node dist/main.js` on port 0 and waits for the banner's URL. */
async function spawnServer(args: string[] = [], ca?: string): Promise<Spawned> {
  const dataDir = await tempDir();
  const child = spawn(process.execPath, [MAIN, ...args], {
    env: {
      ...process.env,
      COHESITY_PORT: '0',
      COHESITY_DATA_DIR: join(dataDir, 'data'),
      COHESITY_ADMIN_PASSWORD: SECRET,
      COHESITY_LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setInterval(() => {
      const match = /listening on (https?:\/\/\S+)/.exec(err);
      if (match?.[1]) {
        clearInterval(timer);
        resolveUrl(match[1]);
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`server exited ${child.exitCode}: ${err}`));
      }
    }, 25);
  });
  const tls = url.startsWith('https:');
  const cert = tls ? (ca ?? (await readFile(join(dataDir, 'data', 'tls-cert.pem'), 'utf8'))) : undefined;
  const dispatcher = new Agent({ connect: { ca: cert } });
  cleanups.push(() => dispatcher.close());
  return { child, url, stderr: () => err, stdout: () => out, dispatcher };
}

async function call(s: Spawned, method: 'GET' | 'POST', path: string, body?: unknown) {
  const response = await request(`${s.url}${path}`, {
    method,
    dispatcher: s.dispatcher,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.body.text();
  return { status: response.statusCode, headers: response.headers, text };
}

const login = (s: Spawned) =>
  call(s, 'POST', '/v2/access-tokens', { username: 'admin', password: SECRET, domain: 'LOCAL' });

describe('node dist/main.js', () => {
  it('prints the URL, the admin login, the fingerprint and a curl line, and is ready when basicClusterInfo answers', async () => {
    const s = await spawnServer();
    expect(s.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(s.stderr()).toMatch(/admin login: admin/);
    expect(s.stderr()).toMatch(/TLS SHA-256: ([0-9A-F]{2}:){31}[0-9A-F]{2}/);
    expect(s.stderr()).toContain(`curl -k -X POST ${s.url}/v2/access-tokens`);
    expect(s.stderr()).not.toContain(SECRET);
    const ready = await call(s, 'GET', '/irisservices/api/v1/public/basicClusterInfo');
    expect(ready.status).toBe(200);
    expect((await login(s)).status).toBe(201);
  });

  it('warns when the admin password is the default', async () => {
    const dataDir = await tempDir();
    const child = spawn(process.execPath, [MAIN, '--port', '0', '--data-dir', dataDir], {
      env: { ...process.env, COHESITY_ADMIN_PASSWORD: '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    cleanups.push(async () => {
      if (child.exitCode === null) {
        child.kill('SIGKILL');
        await once(child, 'exit');
      }
    });
    await expect.poll(() => err, { timeout: 20_000, interval: 50 }).toMatch(/WARNING: the admin password/);
  });

  it('finishes every in-flight login on SIGTERM and exits 0', async () => {
    const s = await spawnServer();
    const logins = Array.from({ length: 4 }, () => login(s));
    await expect
      .poll(() => s.stdout().match(/"url":"\/v2\/access-tokens"/g)?.length ?? 0, { timeout: 20_000, interval: 5 })
      .toBeGreaterThanOrEqual(4);
    const exited = once(s.child, 'exit');
    s.child.kill('SIGTERM');
    const responses = await Promise.all(logins);
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const [code] = await exited;
    expect(code).toBe(0);
  });

  it('stops on SIGINT too, exiting 0', async () => {
    const s = await spawnServer();
    expect((await login(s)).status).toBe(201);
    const exited = once(s.child, 'exit');
    s.child.kill('SIGINT');
    const [code] = await exited;
    expect(code).toBe(0);
  });

  it('exits 1 with a clear message when the port is taken', async () => {
    const s = await spawnServer();
    const port = new URL(s.url).port;
    const dataDir = await tempDir();
    const result = spawnSync(process.execPath, [MAIN, '--port', port, '--data-dir', dataDir], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^cohesity-server: failed to start: .*EADDRINUSE/m);
  });

  it('writes JSON log lines with a request id and never a password or token', async () => {
    const s = await spawnServer();
    const response = await login(s);
    const { accessToken } = JSON.parse(response.text) as { accessToken: string };
    const auth = { authorization: `Bearer ${accessToken}` };
    const clusters = await request(`${s.url}/v2/clusters`, { dispatcher: s.dispatcher, headers: auth });
    await clusters.body.text();
    const requestId = clusters.headers['x-request-id'];
    expect(requestId).toEqual(expect.any(String));
    await call(s, 'POST', '/v2/access-tokens', { username: 'admin', password: `${SECRET}-wrong` });
    const exited = once(s.child, 'exit');
    s.child.kill('SIGTERM');
    await exited;
    const lines = s.stdout().trim().split('\n');
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const requestLines = entries.filter((e) => e.msg === 'request completed');
    expect(requestLines.length).toBeGreaterThanOrEqual(3);
    for (const entry of requestLines) expect(entry.reqId).toEqual(expect.any(String));
    expect(new Set(requestLines.map((e) => e.reqId)).size).toBeGreaterThanOrEqual(3);
    // One access-log line per request, with method, path, status and time.
    const clustersLines = requestLines.filter((e) => e.reqId === requestId);
    expect(clustersLines).toHaveLength(1);
    expect(clustersLines[0]).toMatchObject({
      method: 'GET',
      url: '/v2/clusters',
      statusCode: 200,
      remoteAddress: '127.0.0.1',
      responseTime: expect.any(Number),
    });
    expect(s.stdout()).not.toContain(SECRET);
    expect(s.stdout()).not.toContain(accessToken);
    expect(s.stdout()).not.toContain(accessToken.split('.')[2]);
  });

  it('exits 2 with a clear message on a bad flag', () => {
    const result = spawnSync(process.execPath, [MAIN, '--no-such-flag'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^cohesity-server: .*no-such-flag/);
  });

  it('exits 2 on a bad port', () => {
    const result = spawnSync(process.execPath, [MAIN, '--port', 'x'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--port/);
  });

  it('lists every setting of the table with --help and exits 0', () => {
    const result = spawnSync(process.execPath, [MAIN, '--help'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: cohesity-server/);
    for (const row of serverOptions) {
      expect(result.stdout).toContain(`--${row.flag}`);
      expect(result.stdout).toContain(row.env);
      expect(result.stdout).toContain(row.description);
      if ('default' in row) expect(result.stdout).toContain(`default ${row.default}`);
    }
  });

  it('prints the package version with --version and exits 0', async () => {
    const manifest = JSON.parse(await readFile(resolve(import.meta.dirname, '../../package.json'), 'utf8'));
    const result = spawnSync(process.execPath, [MAIN, '--version'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${manifest.version}\n`);
  });

  it('exits 2 naming the file when --tls-cert or --tls-key cannot be read', async () => {
    const dir = await tempDir();
    const missing = join(dir, 'no-such.pem');
    const result = spawnSync(
      process.execPath,
      [MAIN, '--port', '0', '--data-dir', dir, '--tls-cert', missing, '--tls-key', missing],
      { encoding: 'utf8' },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^cohesity-server: --tls-(cert|key) .*no-such\.pem.*ENOENT/m);
  });

  it('serves plain HTTP with --http', async () => {
    const s = await spawnServer(['--http']);
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(s.stderr()).not.toMatch(/TLS SHA-256/);
    expect((await login(s)).status).toBe(201);
  });

  it('serves the certificate given by --tls-cert and --tls-key', async () => {
    const dir = await tempDir();
    const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
      keySize: 2048,
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
    });
    await writeFile(join(dir, 'cert.pem'), pems.cert);
    await writeFile(join(dir, 'key.pem'), pems.private, { mode: 0o600 });
    const s = await spawnServer(['--tls-cert', join(dir, 'cert.pem'), '--tls-key', join(dir, 'key.pem')], pems.cert);
    expect(s.stderr()).toContain(new X509Certificate(pems.cert).fingerprint256);
    expect(s.stderr()).not.toContain('self-signed');
    const ready = await call(s, 'GET', '/irisservices/api/v1/public/basicClusterInfo');
    expect(ready.status).toBe(200);
  });
});

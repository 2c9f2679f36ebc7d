import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockfileFor, type RootLock } from './lockfile-for.js';

const ROOT = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const PACKAGES = {
  'cohesity-sdk': 'packages/sdk',
  'cohesity-server': 'packages/server',
  'cohesity-cli': 'packages/cli',
};
type Name = keyof typeof PACKAGES;

interface Packed {
  name: Name;
  version: string;
  filename: string;
  files: { path: string }[];
}

let work: string;
const packed = new Map<Name, Packed>();

/** `npm pack` of every workspace, as a registry would receive them. */
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cohesity-install-alone-'));
  await mkdir(join(work, 'tgz'));
  const { stdout } = await run('npm', ['pack', '--workspaces', '--json', '--pack-destination', join(work, 'tgz')], {
    cwd: ROOT,
  });
  for (const entry of JSON.parse(stdout) as Packed[]) packed.set(entry.name, entry);
}, 60_000);
afterAll(() => rm(work, { recursive: true, force: true }));

/**
 * An empty project with only these tarballs, installed by `npm ci --offline` from a lockfile
 * pinned to the repository's: the npm cache and the tarballs, no registry. Install scripts
 * are skipped (better-sqlite3 would compile for a minute); tests that need its addon copy
 * the one the repository built, of the same version.
 */
async function project(dir: string, names: Name[]): Promise<string> {
  const cwd = join(work, dir);
  await mkdir(cwd);
  const lock = JSON.parse(await readFile(join(ROOT, 'package-lock.json'), 'utf8')) as RootLock;
  const tarballs = Object.fromEntries(names.map((name) => [name, `../tgz/${packed.get(name)?.filename}`]));
  const lockfile = lockfileFor(lock, tarballs) as { packages: { '': { dependencies: object } } };
  await writeFile(join(cwd, 'package-lock.json'), JSON.stringify(lockfile, null, 2));
  // The repository's overrides (cookie 1.x for Node 20), as a user would add them; see the server README.
  const { overrides } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
  const manifest = {
    name: 'install-alone',
    private: true,
    dependencies: lockfile.packages[''].dependencies,
    overrides,
  };
  await writeFile(join(cwd, 'package.json'), JSON.stringify(manifest, null, 2));
  await run('npm', ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd });
  return cwd;
}

const exec = (cwd: string, command: string, args: string[]) =>
  run(command, args, { cwd, env: { ...process.env, NO_COLOR: '1' } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );

const exists = (path: string) =>
  readFile(path).then(
    () => true,
    () => false,
  );

describe('each package, packed', () => {
  it.each(Object.keys(PACKAGES) as Name[])('%s ships dist, LICENSE, README and CHANGELOG, and no sources', (name) => {
    const paths = (packed.get(name)?.files ?? []).map((file) => file.path);
    expect(paths).toEqual(expect.arrayContaining(['package.json', 'LICENSE', 'README.md', 'CHANGELOG.md']));
    expect(paths.filter((path) => /^(src|test)\/|tsbuildinfo|\.map$/.test(path))).toEqual([]);
    // The SDK also ships the cluster's OpenAPI documents (cohesity-sdk/openapi/*) with their NOTICE, and OPERATIONS.md.
    const extra = name === 'cohesity-sdk' ? /^(openapi\/(cluster-v[12]\.openapi\.json|NOTICE)|OPERATIONS\.md)$/ : /^$/;
    const allowed = /^(dist\/|package\.json$|LICENSE$|README\.md$|CHANGELOG\.md$)/;
    expect(paths.filter((path) => !allowed.test(path) && !extra.test(path))).toEqual([]);
  });

  it.each(Object.entries(PACKAGES))('%s has a manifest a registry accepts', async (name, dir) => {
    const manifest = JSON.parse(await readFile(join(ROOT, dir, 'package.json'), 'utf8'));
    expect(manifest.name).toBe(name);
    expect(manifest.private).toBeUndefined();
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.license).toBe('Apache-2.0');
    expect(await readFile(join(ROOT, dir, 'LICENSE'), 'utf8')).toContain('Apache License');
    // Each range on a sibling names that sibling's version: a registry holding them all resolves it.
    const ranges = { ...manifest.dependencies, ...manifest.peerDependencies };
    for (const [sibling, siblingDir] of Object.entries(PACKAGES)) {
      if (!(sibling in ranges)) continue;
      const { version } = JSON.parse(await readFile(join(ROOT, siblingDir, 'package.json'), 'utf8'));
      expect(ranges[sibling]).toBe(`^${version}`);
    }
  });
});

describe('installed alone into an empty project', () => {
  it('the SDK loads from ESM and from CommonJS', async () => {
    const cwd = await project('sdk', ['cohesity-sdk']);
    const esm = await exec(cwd, process.execPath, [
      '--input-type=module',
      '-e',
      "import { ClusterClient } from 'cohesity-sdk'; console.log(typeof ClusterClient)",
    ]);
    // cohesity-sdk/models needs typebox, an optional peer: the server project below loads it.
    expect(esm).toMatchObject({ code: 0, stdout: 'function\n' });
    const cjs = await exec(cwd, process.execPath, ['-e', "console.log(typeof require('cohesity-sdk').ClusterClient)"]);
    expect(cjs).toMatchObject({ code: 0, stdout: 'function\n' });
  });

  it('the CLI runs without the server, and `serve` says how to get it', async () => {
    const cwd = await project('cli', ['cohesity-sdk', 'cohesity-cli']);
    expect(await exists(join(cwd, 'node_modules/cohesity-server/package.json'))).toBe(false);
    expect(await exists(join(cwd, 'node_modules/better-sqlite3/package.json'))).toBe(false);
    const help = await exec(cwd, 'npx', ['--offline', 'cohesity', '--help']);
    expect(help).toMatchObject({ code: 0 });
    expect(help.stdout).toContain('Usage: cohesity');
    const serve = await exec(cwd, 'npx', ['--offline', 'cohesity', 'serve']);
    expect(serve.code).toBe(2);
    expect(serve.stderr).toContain('the cohesity-server package is not installed');
    expect(serve.stderr).toContain('npm install cohesity-server');
  });

  it('the server starts, serves and stops', async () => {
    const cwd = await project('server', ['cohesity-sdk', 'cohesity-server']);
    const addon = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
    const versionOf = async (root: string) =>
      JSON.parse(await readFile(join(root, 'node_modules/better-sqlite3/package.json'), 'utf8')).version;
    expect(await versionOf(cwd)).toBe(await versionOf(ROOT));
    await mkdir(join(cwd, 'node_modules/better-sqlite3/build/Release'), { recursive: true });
    await copyFile(join(ROOT, addon), join(cwd, addon));
    const help = await exec(cwd, 'npx', ['--offline', 'cohesity-server', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--admin-password');
    const refused = await exec(cwd, 'npx', ['--offline', 'cohesity-server', '--port', 'none']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--port must be');

    const main = join(cwd, 'node_modules/.bin/cohesity-server');
    const child = spawn(main, ['--http', '--port', '0', '--data-dir', join(cwd, 'data'), '--log-level', 'warn'], {
      cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let banner = '';
    const url = await new Promise<string>((resolveUrl, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        banner += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(banner);
        if (match?.[1] && banner.includes('Get a token:')) resolveUrl(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${banner}`)));
    });
    const health = await fetch(`${url}/healthz`);
    expect(await health.json()).toMatchObject({ status: 'ok', store: 'sqlite' });
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });
});

import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const node = (args: string[]) => run(process.execPath, args, { cwd: import.meta.dirname });

// Fails any attempt to load typebox: the main entry uses the models' types only.
const NO_TYPEBOX_HOOK = `data:text/javascript,export async function resolve(s, c, next) {
  if (s === 'typebox' || s.startsWith('typebox/')) throw new Error('typebox was loaded');
  return next(s, c);
}`;

describe('the published package (built dist)', () => {
  it('loads as ESM without loading typebox', async () => {
    const script = `import { register } from 'node:module';
      register(${JSON.stringify(NO_TYPEBOX_HOOK)});
      const sdk = await import('cohesity-sdk');
      console.log(typeof sdk.ClusterClient, typeof sdk.ApiException, typeof sdk.TlsError);`;
    const { stdout } = await node(['--input-type=module', '-e', script]);
    expect(stdout.trim()).toBe('function function function');
  });

  it('loads as CommonJS without loading typebox', async () => {
    const script = `const sdk = require('cohesity-sdk');
      const loaded = Object.keys(require.cache).filter((file) => file.includes('/typebox/'));
      console.log(typeof sdk.ClusterClient, new sdk.BadRequestException({ status: 400, body: undefined,
        headers: {}, method: 'GET', path: '/', attempts: 1 }) instanceof sdk.ApiException, loaded.length);`;
    const { stdout } = await node(['--input-type=commonjs', '-e', script]);
    expect(stdout.trim()).toBe('function true 0');
  });

  it('ships the OpenAPI documents at cohesity-sdk/openapi/*, as the reference has them, with NOTICE', async () => {
    const script = `const { createRequire } = await import('node:module');
      const require = createRequire(import.meta.url);
      for (const name of ['cluster-v2.openapi.json', 'cluster-v1.openapi.json', 'NOTICE'])
        console.log(require.resolve('cohesity-sdk/openapi/' + name));`;
    const { stdout } = await node(['--input-type=module', '-e', script]);
    const [v2, v1, notice] = stdout.trim().split('\n');
    const shared = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'cohesity-api');
    for (const [path, name] of [
      [v2, 'cluster-v2.openapi.json'],
      [v1, 'cluster-v1.openapi.json'],
    ] as const) {
      const reference = await readFile(join(shared, name)).catch(() => undefined);
      // The shared reference is outside the repository; where it exists, the copy is byte-identical.
      if (reference) expect((await readFile(path ?? '')).equals(reference)).toBe(true);
    }
    expect(await readFile(notice ?? '', 'utf8')).toContain('Apache License, Version 2.0');
  });

  it('keeps the schemas at cohesity-sdk/models for the server', async () => {
    const script = `const m = await import('cohesity-sdk/models'); console.log(m.ClusterSchema.type);`;
    const { stdout } = await node(['--input-type=module', '-e', script]);
    expect(stdout.trim()).toBe('object');
  });
});

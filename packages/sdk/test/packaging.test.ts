import { execFile } from 'node:child_process';
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

  it('keeps the schemas at cohesity-sdk/models for the server', async () => {
    const script = `const m = await import('cohesity-sdk/models'); console.log(m.ClusterSchema.type);`;
    const { stdout } = await node(['--input-type=module', '-e', script]);
    expect(stdout.trim()).toBe('object');
  });
});

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MAIN = resolve(import.meta.dirname, '../../dist/main.js');
let root: string;
beforeAll(async () => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first`);
  root = await mkdtemp(join(tmpdir(), 'cohesity-unusable-'));
  await writeFile(join(root, 'a-file'), '');
});
afterAll(() => rm(root, { recursive: true, force: true }));

const start = (args: string[]) =>
  spawnSync(process.execPath, [MAIN, '--port', '0', ...args], { encoding: 'utf8', timeout: 20_000 });

describe('a data dir or database URL that cannot be used', () => {
  it.each([
    ['a file in the way', 'a-file', 'a file of that name is in the way (EEXIST)'],
    ['a file inside the path', 'a-file/data', 'part of the path is a file, not a directory (ENOTDIR)'],
  ])('stops with exit 2 and a sentence for %s', (_case, dir, why) => {
    const run = start(['--data-dir', join(root, dir)]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`--data-dir ${join(root, dir)} cannot be used: ${why}`);
  });

  it('refuses a URL that is not PostgreSQL with exit 2, before connecting anywhere', () => {
    const run = start(['--data-dir', join(root, 'd'), '--database-url', 'mysql://app:Secret-9@db.invalid/app']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--database-url must be a PostgreSQL URL');
    expect(run.stderr).not.toContain('Secret-9');
  });
});

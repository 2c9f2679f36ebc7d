import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const sdk = join(import.meta.dirname, '..');

describe('src/generated, OPERATIONS.md and the README table', () => {
  it('are what scripts/generate.mjs makes of openapi/ today', async () => {
    // --check writes nothing and exits 1, naming the stale files, when they differ.
    const result = await run(process.execPath, ['scripts/generate.mjs', '--check'], { cwd: sdk }).catch(
      (error: { stderr: string }) => error,
    );
    expect(result.stderr).toBe('');
  }, 180_000);
});

import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const sdk = join(import.meta.dirname, '..', '..');
const tsc = join(sdk, '..', '..', 'node_modules', 'typescript', 'bin', 'tsc');
let project = '';
afterAll(() => (project ? rm(project, { recursive: true, force: true }) : undefined));

describe('the published types', () => {
  it('compile strictly alone (skipLibCheck false, no other package), and refuse wrong names', async () => {
    project = await mkdtemp(join(tmpdir(), 'sdk-types-'));
    const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', project], { cwd: sdk });
    const installed = join(project, 'node_modules', 'cohesity-sdk');
    await mkdir(installed, { recursive: true });
    await run('tar', ['-xzf', join(project, stdout.trim()), '-C', installed, '--strip-components=1']);
    await cp(join(import.meta.dirname, 'fixture'), project, { recursive: true });
    // Exit 0 means every positive line compiled and every @ts-expect-error line did not.
    const result = await run(process.execPath, [tsc, '-p', project], { cwd: project }).catch(
      (error: { stdout: string; code: number }) => error,
    );
    expect('stdout' in result ? result.stdout : '').toBe('');
  }, 240_000);
});

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltCli, runCli } from '../helpers/run-cli.js';

const COMMANDS = [
  [],
  ['serve'],
  ['login'],
  ['logout'],
  ['token'],
  ['cluster'],
  ['users'],
  ['users', 'list'],
  ['users', 'create'],
  ['users', 'delete'],
  ['api-keys'],
  ['api-keys', 'create'],
  ['api-keys', 'list'],
  ['api-keys', 'rotate'],
  ['api-keys', 'delete'],
  ['sessions'],
  ['sessions', 'list'],
  ['sessions', 'delete'],
  ['config'],
  ['config', 'get'],
  ['config', 'set'],
  ['faults'],
  ['faults', 'list'],
  ['faults', 'expire'],
  ['faults', 'inject'],
  ['faults', 'remove'],
  ['faults', 'mode'],
  ['faults', 'clock'],
  ['faults', 'reset'],
  ['request'],
];

beforeAll(requireBuiltCli);

describe('cohesity --help and --version', () => {
  const cases = COMMANDS.map((words) => ({ name: words.join(' ') || '(no command)', words }));
  it.each(cases)('shows usage and examples for `cohesity $name --help`', async ({ words }) => {
    const result = await runCli([...words, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: cohesity ${words.join(' ')}`.trimEnd());
    expect(result.stdout).toContain('Examples:');
  });

  it('prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8'));
    const result = await runCli(['--version']);
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('exits 2 on an unknown command, suggesting the closest one', async () => {
    const result = await runCli(['clustr']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cluster');
  });
});

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, requireBuiltCli, runCli } from '../helpers/run-cli.js';

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
  ['users', 'update'],
  ['users', 'unlock'],
  ['users', 'passwd'],
  ['users', 'delete'],
  ['auth'],
  ['auth', 'status'],
  ['profiles'],
  ['profiles', 'list'],
  ['profiles', 'use'],
  ['profiles', 'remove'],
  ['audit'],
  ['completion'],
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
    // The global options, --json first of all, are listed in every command's own help.
    expect(result.stdout).toMatch(/--json +machine-readable output/);
    expect(result.stdout).toContain('--profile <name>');
  });

  it('stops quietly when the reader of its output has seen enough (cohesity --help | head -1)', async () => {
    const shell = spawn('bash', ['-o', 'pipefail', '-c', `'${process.execPath}' '${CLI}' --help | head -1`], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    shell.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    shell.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise((resolve) => shell.once('close', resolve));
    expect(stdout).toBe('Usage: cohesity [options] [command]\n');
    expect(stderr).toBe('');
    expect(code).toBe(0);
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

import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, requireBuiltCli, runCli } from '../helpers/run-cli.js';

beforeAll(requireBuiltCli);

/** What bash offers after `cohesity <words> <partial>`, through the script the CLI prints. */
function bashComplete(words: string[], partial: string): string[] {
  const line = ['cohesity', ...words, partial];
  const script = `
source <('${process.execPath}' '${CLI}' completion bash)
COMP_WORDS=(${line.map((word) => `'${word}'`).join(' ')})
COMP_CWORD=${line.length - 1}
_cohesity
printf '%s\\n' "\${COMPREPLY[@]}"`;
  const result = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  return result.stdout.split('\n').filter(Boolean);
}

const hasShell = (shell: string) => spawnSync(shell, ['--version']).status === 0;

describe('cohesity completion', () => {
  it('completes commands, subcommands and options in bash', () => {
    expect(bashComplete([], 'pro')).toEqual(['profiles']);
    expect(bashComplete(['users'], '')).toEqual(
      expect.arrayContaining(['list', 'create', 'update', 'unlock', 'passwd', 'delete']),
    );
    expect(bashComplete(['--profile', 'lab', 'users'], 'un')).toEqual(['unlock']);
    expect(bashComplete(['users', 'delete'], '--y')).toEqual(['--yes']);
    expect(bashComplete(['audit'], '--fo')).toEqual(['--follow']);
    expect(bashComplete(['cluster'], '--js')).toEqual(['--json']);
  });

  it.each(['zsh', 'fish'])('prints a %s script that its shell parses', async (shell) => {
    const result = await runCli(['completion', shell]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('cohesity');
    if (shell === 'fish')
      expect(result.stdout).toContain("complete -c cohesity -n '__fish_seen_subcommand_from users' -a unlock");
    if (!hasShell(shell)) return;
    const parsed = spawnSync(shell, ['-n'], { input: result.stdout, encoding: 'utf8' });
    expect(parsed.status).toBe(0);
  });

  it('refuses a shell it does not know', async () => {
    const result = await runCli(['completion', 'tcsh']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('bash, zsh, fish');
  });
});

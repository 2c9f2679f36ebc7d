import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const CLI = resolve(import.meta.dirname, '../../dist/main.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Added to a clean environment (no COHESITY_* from the caller's shell). */
  env?: Record<string, string>;
  /** Written to stdin, which is then closed. */
  input?: string;
}

/**
 * The caller's environment without COHESITY_* or colour settings, so tests never see the
 * developer's setup; a terminal that takes colours (TERM=xterm) unless `extra` says otherwise.
 */
// Node turns colours off for CI=… and NODE_DISABLE_COLORS: the CLI runs as on a user's machine.
const COLOUR_SETTINGS = ['NO_COLOR', 'FORCE_COLOR', 'NODE_DISABLE_COLORS', 'CI', 'TERM'];

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(
    ([name]) => !name.startsWith('COHESITY_') && !COLOUR_SETTINGS.includes(name),
  );
  return { ...Object.fromEntries(inherited), TERM: 'xterm', ...extra };
}

export function requireBuiltCli(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
}

/** Runs the built `cohesity` binary as a user would, and answers its exit code and output. */
export function runCli(args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: cleanEnv(options.env ?? {}),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdin.end(options.input ?? '');
  return new Promise((resolveResult, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolveResult({ code, stdout, stderr }));
  });
}

/** One step of a terminal conversation: when the output so far matches `expect`, type `send`. */
export interface Exchange {
  expect: RegExp;
  send: string;
}

/**
 * Runs the CLI inside a pseudo-terminal (util-linux `script`), so that it sees a TTY and
 * prompts, and answers each prompt in turn. Answers the exit code and everything the terminal showed.
 */
export function runCliInTerminal(
  args: readonly string[],
  dialogue: readonly Exchange[],
  options: RunOptions = {},
): Promise<{ code: number | null; screen: string }> {
  const quoted = [process.execPath, CLI, ...args].map((word) => `'${word.replace(/'/g, "'\\''")}'`).join(' ');
  const child = spawn('script', ['--quiet', '--return', '--flush', '--command', quoted, '/dev/null'], {
    env: cleanEnv(options.env ?? {}),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let screen = '';
  let step = 0;
  let answeredUpTo = 0;
  const onOutput = (chunk: Buffer) => {
    screen += chunk.toString();
    const exchange = dialogue[step];
    if (exchange?.expect.test(screen.slice(answeredUpTo))) {
      answeredUpTo = screen.length;
      step += 1;
      child.stdin.write(exchange.send);
    }
  };
  child.stdout.on('data', onOutput);
  child.stderr.on('data', onOutput);
  return new Promise((resolveResult, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      child.stdin.destroy();
      resolveResult({ code, screen });
    });
  });
}

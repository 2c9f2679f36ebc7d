import { createInterface } from 'node:readline/promises';
import { CliError, ExitCode, usageError } from './errors.js';

const interrupted = () => new CliError({ exitCode: ExitCode.usage, what: 'prompt', message: 'interrupted' });

/** Whether a person can answer questions on this process's stdin. */
const canPrompt = () => process.stdin.isTTY === true;

function requireTerminal(what: string, hint: string): void {
  if (!canPrompt()) throw usageError(what, 'stdin is not a terminal, so there is no one to ask', hint);
}

/**
 * Reads a line without echoing it (raw mode), for passwords. Enter ends it, Backspace
 * erases, Ctrl-C and Ctrl-D abort.
 */
export async function askHidden(question: string, hint: string): Promise<string> {
  requireTerminal('password prompt', hint);
  const input = process.stdin;
  // Raw mode before the question: whatever is typed once it shows must never be echoed.
  input.setRawMode(true);
  process.stderr.write(question);
  input.resume();
  try {
    return await new Promise<string>((resolve, reject) => {
      let answer = '';
      const onData = (chunk: Buffer) => {
        for (const char of chunk.toString('utf8')) {
          if (char === '\r' || char === '\n') {
            input.off('data', onData);
            return resolve(answer);
          }
          if (char === '\u0003' || char === '\u0004') {
            input.off('data', onData);
            return reject(interrupted());
          }
          if (char === '\u007f' || char === '\b') answer = answer.slice(0, -1);
          else answer += char;
        }
      };
      input.on('data', onData);
    });
  } finally {
    input.setRawMode(false);
    input.pause();
    process.stderr.write('\n');
  }
}

/** Asks a yes/no question on the terminal; only `y` or `yes` is a yes. */
export async function confirm(question: string, hint: string): Promise<boolean> {
  requireTerminal('confirmation prompt', hint);
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await prompt.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    prompt.close();
  }
}

/** All of stdin, without the final newline (`echo secret | cohesity login --password-stdin`). */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

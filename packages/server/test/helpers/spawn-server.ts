import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Dispatcher, request } from 'undici';

const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

export interface SpawnedServer {
  readonly url: string;
  readonly child: ChildProcess;
  /** Resolves with the exit code or signal once the process is gone. */
  readonly exited: Promise<number | NodeJS.Signals | null>;
  /** SIGTERM, then waits until the process is gone. */
  stop(): Promise<void>;
  /** Logs in as `admin` through `dispatcher` and answers the status. */
  loginStatus(password: string, dispatcher: Dispatcher): Promise<number>;
}

/**
 * Runs the built `main.js` as operators do (port 0, the given data dir) and answers once
 * its banner names the URL. Callers kill it; `exited` tells when it is gone.
 */
export async function spawnServer(
  dataDir: string,
  args: readonly string[] = [],
  options: { env?: NodeJS.ProcessEnv; fileLimit?: number } = {},
): Promise<SpawnedServer> {
  // Checks compiled on first use: a background warm-up would skew what tests measure (memory, latency).
  const argv = [MAIN, '--port', '0', '--data-dir', dataDir, '--log-level', 'warn', '--lazy-validators', ...args];
  const stdio: ['ignore', 'ignore', 'pipe'] = ['ignore', 'ignore', 'pipe'];
  const env = { ...process.env, ...options.env };
  // `ulimit -n` in a shell that then becomes the server, so the limit is the server's own.
  const child =
    options.fileLimit === undefined
      ? spawn(process.execPath, argv, { stdio, env })
      : spawn('/bin/sh', ['-c', `ulimit -n ${options.fileLimit} && exec "$0" "$@"`, process.execPath, ...argv], {
          stdio,
          env,
        });
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  const url = await new Promise<string>((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`no banner within 30 s:\n${stderr}`)), 30_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /listening on (https?:\/\/\S+)/.exec(stderr);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then((status) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${status}) before listening:\n${stderr}`));
    });
  });
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
  };
  const loginStatus = async (password: string, dispatcher: Dispatcher) => {
    const response = await request(`${url}/v2/access-tokens`, {
      method: 'POST',
      dispatcher,
      body: JSON.stringify({ username: 'admin', password }),
    });
    await response.body.dump();
    return response.statusCode;
  };
  return { url, child, exited, stop, loginStatus };
}

import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

export interface SpawnedServer {
  readonly url: string;
  readonly child: ChildProcess;
  /** Resolves with the exit code or signal once the process is gone. */
  readonly exited: Promise<number | NodeJS.Signals | null>;
}

/**
 * Runs the built `main.js` as operators do (port 0, the given data dir) and answers once
 * its banner names the URL. Callers kill it; `exited` tells when it is gone.
 */
export async function spawnServer(dataDir: string, args: readonly string[] = []): Promise<SpawnedServer> {
  const child = spawn(process.execPath, [MAIN, '--port', '0', '--data-dir', dataDir, '--log-level', 'warn', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
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
  return { url, child, exited };
}

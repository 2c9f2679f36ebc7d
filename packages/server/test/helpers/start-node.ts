import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLUSTER_KEY_ENCRYPTION_KEY } from './cluster-key.js';
import { createHttpsClient, type HttpsClient } from './https-client.js';

const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
const BANNER_URL = /listening on (https:\/\/\S+)/;

/** A server node in its own process (the built `dist/main.js`), with its own data dir. */
export interface ServerNode extends Omit<HttpsClient, 'close'> {
  readonly url: string;
  readonly process: ChildProcess;
  /** Sends `signal` and waits for the process to end. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `node dist/main.js --database-url … --port 0 …args` and reads its URL from the banner. */
export async function startNode(
  databaseUrl: string,
  adminPassword: string,
  args: readonly string[] = [],
  /** A data dir made beforehand (e.g. holding an `at-rest.key` that nodes share). */
  givenDataDir?: string,
): Promise<ServerNode> {
  const dataDir = givenDataDir ?? (await mkdtemp(join(tmpdir(), 'cohesity-node-')));
  const child = spawn(
    process.execPath,
    // Checks compiled on first use: a background warm-up would skew what tests measure (latency).
    [
      MAIN,
      '--database-url',
      databaseUrl,
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--log-level',
      'error',
      '--lazy-validators',
      ...args,
    ],
    {
      env: {
        ...process.env,
        COHESITY_ADMIN_PASSWORD: adminPassword,
        COHESITY_KEY_ENCRYPTION_KEY: CLUSTER_KEY_ENCRYPTION_KEY,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`node did not start in 30 s: ${stderr}`)), 30_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = BANNER_URL.exec(stderr);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`node exited with ${code}: ${stderr}`));
    });
  });
  const client = createHttpsClient(url, await readFile(join(dataDir, 'tls-cert.pem'), 'utf8'));
  return {
    url,
    process: child,
    send: client.send,
    login: client.login,
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = once(child, 'exit');
        child.kill(signal);
        await exited;
      }
      await client.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect as connectTcp, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as connectTls } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomAdminPassword } from '../helpers/identity.js';
import { type SpawnedServer, spawnServer } from '../helpers/spawn-server.js';

const TRIES = 50;
const BODY_LIMIT = 1024 * 1024;
// What the server may read after refusing (MAX_DISCARDED_BYTES), plus what socket buffers hold.
const MAX_READ_AFTER_REFUSAL = BODY_LIMIT + 8 * 1024 * 1024 + 16 * 1024 * 1024;
// A few MiB, as the client sent: several times what the server may read after refusing.
const OVERSIZED = Buffer.alloc(4 * 1024 * 1024, 'a');
const TOO_LARGE = { errorCode: 'KValidationError', message: 'The request body is too large' };

interface RawAnswer {
  status: number;
  body: unknown;
  /** The connection was reset before the whole answer was read. */
  reset: boolean;
}

/** `allowHalfOpen`: keep writing after the server's FIN, as a client that never reads would. */
function open(url: string, allowHalfOpen = false): Promise<Socket> {
  const { protocol, hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const options = { host: hostname, port: Number(port), allowHalfOpen };
    const socket =
      protocol === 'https:'
        ? connectTls({ ...options, rejectUnauthorized: false }, () => resolve(socket))
        : connectTcp(options, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Writes `head` and `body` in one write, as a client that does not wait for the answer. */
async function exchange(url: string, head: string, body: Buffer): Promise<RawAnswer> {
  const socket = await open(url);
  let received = Buffer.alloc(0);
  let reset = false;
  socket.on('data', (chunk: Buffer) => {
    received = Buffer.concat([received, chunk]);
  });
  socket.on('error', () => {
    reset = true;
  });
  socket.write(Buffer.concat([Buffer.from(head), body]));
  await new Promise((resolve) => socket.once('close', resolve));
  const text = received.toString();
  const [statusLine = '', rest = ''] = text.split('\r\n\r\n');
  let parsed: unknown = rest;
  try {
    parsed = JSON.parse(rest);
  } catch {}
  return { status: Number(statusLine.split(' ')[1]), body: parsed, reset: reset && text === '' };
}

const chunked = (path: string, headers = '') =>
  [
    `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n${headers}Transfer-Encoding: chunked\r\n\r\n`,
    Buffer.concat([Buffer.from(`${OVERSIZED.length.toString(16)}\r\n`), OVERSIZED, Buffer.from('\r\n0\r\n\r\n')]),
  ] as const;

const declared = (path: string, headers = '') =>
  [
    `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n${headers}Content-Length: ${OVERSIZED.length}\r\n\r\n`,
    OVERSIZED,
  ] as const;

/** The server process's resident memory, from /proc. */
function residentBytes(server: SpawnedServer): number {
  const status = readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) * 1024;
}

describe.each([
  ['HTTPS', []],
  ['plain HTTP', ['--http']],
] as const)('oversized bodies over %s', (_name, args) => {
  let dataDir: string;
  let server: SpawnedServer;
  let authorization: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cohesity-oversized-'));
    const password = randomAdminPassword();
    server = await spawnServer(dataDir, [
      ...args,
      '--admin-password',
      password,
      '--login-rate-limit',
      '0',
      '--api-rate-limit',
      '0',
    ]);
    const login = await fetchLogin(server.url, password);
    authorization = `Authorization: Bearer ${login}\r\n`;
  }, 60_000);

  afterAll(async () => {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  for (const [shape, request] of [
    ['chunked in one write', chunked],
    ['with a declared Content-Length', declared],
  ] as const) {
    it(`answers every one of ${TRIES} logins ${shape} with the 413 Error, memory flat`, async () => {
      const [head, body] = request('/v2/access-tokens');
      // Warm up first: the first requests grow the heap to its working size.
      for (let i = 0; i < 5; i++) await exchange(server.url, head, body);
      const before = residentBytes(server);
      const answers: RawAnswer[] = [];
      for (let i = 0; i < TRIES; i++) answers.push(await exchange(server.url, head, body));
      expect(answers.filter((answer) => answer.reset)).toEqual([]);
      expect(answers.map((answer) => [answer.status, answer.body])).toEqual(answers.map(() => [413, TOO_LARGE]));
      // 50 × 4 MiB were sent; buffering them would show as hundreds of MiB.
      expect(residentBytes(server) - before).toBeLessThan(48 * 1024 * 1024);
    }, 120_000);

    it(`answers 413 ${shape} on every kind of route`, async () => {
      const paths = [
        ['/irisservices/api/v1/public/accessTokens', ''],
        ['/v2/users/sessions', ''],
        ['/v2/users', authorization],
        ['/irisservices/api/v1/public/users/S-1-100-21-1-1-1/apiKeys', authorization],
        ['/v2/no-such-route', ''],
      ] as const;
      for (const [path, headers] of paths) {
        for (let i = 0; i < 5; i++) {
          const [head, body] = request(path, headers);
          expect(await exchange(server.url, head, body), path).toEqual({ status: 413, body: TOO_LARGE, reset: false });
        }
      }
    }, 120_000);
  }

  it('cuts off a client that keeps sending after the 413, having read a bounded amount', async () => {
    const socket = await open(server.url, true);
    socket.on('error', () => undefined);
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString();
    });
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.write('POST /v2/access-tokens HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n');
    const chunk = Buffer.concat([Buffer.from(`${OVERSIZED.length.toString(16)}\r\n`), OVERSIZED, Buffer.from('\r\n')]);
    // An endless body: write whenever the socket drains, until the server cuts us off.
    while (!socket.destroyed && socket.bytesWritten < 20 * MAX_READ_AFTER_REFUSAL) {
      if (!socket.write(chunk)) await Promise.race([new Promise((resolve) => socket.once('drain', resolve)), closed]);
    }
    // The server's reset reaches a half-open client only through a failed write.
    const cutOff = socket.destroyed;
    socket.destroy();
    expect(received).toMatch(/^HTTP\/1\.1 413 /);
    expect(cutOff).toBe(true);
    expect(socket.bytesWritten).toBeLessThan(MAX_READ_AFTER_REFUSAL);
  }, 60_000);

  it('still serves after the refusals', async () => {
    const answer = await exchange(
      server.url,
      'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      Buffer.alloc(0),
    );
    expect(answer.status).toBe(200);
  });
});

async function fetchLogin(url: string, password: string): Promise<string> {
  const body = Buffer.from(JSON.stringify({ username: 'admin', password, domain: 'LOCAL' }));
  const answer = await exchange(
    url,
    `POST /v2/access-tokens HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
    body,
  );
  return (answer.body as { accessToken: string }).accessToken;
}

import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type TLSSocket } from 'node:tls';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomAdminPassword } from '../helpers/identity.js';
import { spawnServer } from '../helpers/spawn-server.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';

const SLOW_CLIENTS = 1_000;

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

function openSocket(url: string): Promise<TLSSocket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port), rejectUnauthorized: false }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Writes `request` on a fresh TLS connection and answers all the server said before closing. */
async function rawExchange(url: string, request: string): Promise<{ status: number; body: unknown }> {
  const socket = await openSocket(url);
  socket.on('error', () => undefined);
  let answer = '';
  socket.on('data', (chunk: Buffer) => {
    answer += chunk.toString();
  });
  socket.write(request);
  await new Promise((resolve) => socket.once('close', resolve));
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  return { status: Number(head.split(' ')[1]), body: JSON.parse(body) };
}

describe('slow and oversized clients', () => {
  it('sets header, request, idle and keep-alive timeouts on the HTTPS server', () => {
    const server = t.server.app.server;
    expect(server.headersTimeout).toBe(10_000);
    expect(server.requestTimeout).toBe(30_000);
    expect(server.timeout).toBe(60_000);
    expect(server.keepAliveTimeout).toBe(65_000);
  });

  it('answers 431 with the contract Error to oversized headers, and keeps serving', async () => {
    for (const size of [40 * 1024, 1024 * 1024]) {
      const answer = await rawExchange(
        t.url,
        `GET /v2/clusters HTTP/1.1\r\nHost: x\r\nX-Pad: ${'p'.repeat(size)}\r\n\r\n`,
      );
      expect(answer).toEqual({
        status: 431,
        body: { errorCode: 'KValidationError', message: 'The request headers are too large' },
      });
    }
    expect((await t.send('GET', '/healthz')).status).toBe(200);
  });

  it('answers 400 with the contract Error to garbage instead of HTTP', async () => {
    const answer = await rawExchange(t.url, 'NOT HTTP AT ALL\r\n\r\n');
    expect(answer).toEqual({
      status: 400,
      body: { errorCode: 'KValidationError', message: 'The request is not valid HTTP' },
    });
  });

  it('cuts off a client that trickles its headers past the 10 s headers timeout', async () => {
    const socket = await openSocket(t.url);
    socket.on('error', () => undefined);
    let answer = '';
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString();
    });
    socket.write('GET /v2/clusters HTTP/1.1\r\nHost: x\r\n');
    const started = Date.now();
    const trickle = setInterval(() => socket.write('X-Slow: a\r\n'), 500);
    await new Promise((resolve) => socket.once('close', resolve));
    clearInterval(trickle);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(JSON.parse(answer.split('\r\n\r\n')[1] ?? '')).toMatchObject({ errorCode: 'KValidationError' });
  }, 20_000);
});

describe('a thousand slow clients', () => {
  let dataDir: string;
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('do not stop a normal client from logging in', async () => {
    const limit = Number(execFileSync('/bin/sh', ['-c', 'ulimit -n']).toString().trim());
    expect(limit, 'raise `ulimit -n`: this test holds 1,000 sockets open').toBeGreaterThan(SLOW_CLIENTS + 200);
    dataDir = await mkdtemp(join(tmpdir(), 'cohesity-slow-'));
    const password = randomAdminPassword();
    const server = await spawnServer(dataDir, ['--admin-password', password]);
    const sockets: TLSSocket[] = [];
    let trickle: NodeJS.Timeout | undefined;
    const dispatcher = new Agent({ connect: { ca: await readFile(join(dataDir, 'tls-cert.pem'), 'utf8') } });
    try {
      // Half say nothing at all; half start a login and then send a header byte at a time.
      for (let i = 0; i < SLOW_CLIENTS; i += 100) {
        const batch = await Promise.all(Array.from({ length: 100 }, () => openSocket(server.url)));
        for (const socket of batch) socket.on('error', () => undefined);
        sockets.push(...batch);
      }
      const trickling = sockets.filter((_, i) => i % 2 === 1);
      for (const socket of trickling) socket.write('POST /v2/access-tokens HTTP/1.1\r\nHost: x\r\nX-Slow: ');
      trickle = setInterval(() => {
        for (const socket of trickling) socket.write('a');
      }, 1_000);

      expect(await server.loginStatus(password, dispatcher)).toBe(201);
      expect(sockets.filter((socket) => !socket.destroyed).length).toBeGreaterThan(SLOW_CLIENTS * 0.9);
    } finally {
      clearInterval(trickle);
      for (const socket of sockets) socket.destroy();
      await dispatcher.close();
      await server.stop();
    }
  }, 60_000);
});

import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect as connectTcp, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as connectTls } from 'node:tls';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.js';
import { randomAdminPassword } from '../helpers/identity.js';
import { spawnServer } from '../helpers/spawn-server.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';

const MAX_CONNECTIONS = 100;
const FLOOD = 3 * MAX_CONNECTIONS;

function tcp(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connectTcp({ host: hostname, port: Number(port) }, () => resolve(socket));
    socket.once('error', reject);
  });
}

function tls(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connectTls({ host: hostname, port: Number(port), rejectUnauthorized: false }, () => resolve(socket));
    socket.once('error', reject);
  });
}

async function flood(open: () => Promise<Socket>, count: number): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < count; i++) {
    const socket = await open();
    socket.on('error', () => undefined);
    socket.resume();
    sockets.push(socket);
  }
  return sockets;
}

describe('a flood of idle sockets', () => {
  let t: TestServer;
  const password = randomUUID();
  const sockets: Socket[] = [];
  beforeAll(async () => {
    t = await startTestServer({ maxConnections: MAX_CONNECTIONS, adminPassword: password, loginRateLimit: 0 });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await t.close();
  });

  it('sheds the oldest idle connections first and logins still succeed', async () => {
    // A request whose body is still arriving is being answered: it must not be shed.
    const busy = await tls(t.url);
    busy.on('error', () => undefined);
    busy.resume();
    sockets.push(busy);
    busy.write('POST /v2/access-tokens HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"user');
    // Sockets that never start TLS, then sockets that finished it and say nothing.
    const silent = await flood(() => tcp(t.url), FLOOD);
    const idle = await flood(() => tls(t.url), MAX_CONNECTIONS / 2);
    sockets.push(...silent, ...idle);

    for (let i = 0; i < 5; i++) expect(await t.login('admin', password)).toMatch(/^ey/);
    const open = () => sockets.filter((socket) => !socket.destroyed);
    await eventually(async () => open().length <= MAX_CONNECTIONS, 5_000);
    // The newest idle sockets are the ones kept, oldest shed first; the busy one stays.
    expect(idle.filter((socket) => socket.destroyed)).toEqual([]);
    expect(silent.slice(0, FLOOD - MAX_CONNECTIONS).filter((socket) => !socket.destroyed)).toEqual([]);
    expect(busy.destroyed).toBe(false);
  });
});

describe('a flood past the file-descriptor limit', () => {
  it('cannot stop logins: the server sheds idle sockets before it runs out of descriptors', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'cohesity-fd-'));
    const password = randomAdminPassword();
    const server = await spawnServer(dataDir, ['--admin-password', password, '--max-connections', '150'], {
      fileLimit: 256,
    });
    const sockets: Socket[] = [];
    const dispatcher = new Agent({ connect: { rejectUnauthorized: false } });
    try {
      sockets.push(...(await flood(() => tcp(server.url), 400)));
      expect(await server.loginStatus(password, dispatcher)).toBe(201);
    } finally {
      for (const socket of sockets) socket.destroy();
      await dispatcher.close();
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('connections that never finish TLS', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  it('are closed after the 10 s handshake timeout, not Node’s 120 s', async () => {
    const socket = await tcp(t.url);
    socket.on('error', () => undefined);
    const started = Date.now();
    await new Promise((resolve) => socket.once('close', resolve));
    expect(Date.now() - started).toBeGreaterThan(8_000);
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 20_000);
});

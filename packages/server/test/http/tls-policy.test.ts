import { connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/start-server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

/** Answers the suite the server picked, or the handshake's error code. */
function handshake(options: { ciphers?: string; maxVersion?: 'TLSv1.2' | 'TLSv1.3' }): Promise<string> {
  const { hostname, port } = new URL(t.url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port), rejectUnauthorized: false, ...options }, () => {
      resolve(socket.getCipher().name);
      socket.destroy();
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe('TLS policy', () => {
  it('speaks TLS 1.3', async () => {
    expect(await handshake({})).toMatch(/^TLS_AES_/);
  });

  it('accepts forward-secret AEAD suites on TLS 1.2', async () => {
    for (const suite of ['ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES256-GCM-SHA384', 'ECDHE-RSA-CHACHA20-POLY1305']) {
      expect(await handshake({ ciphers: suite, maxVersion: 'TLSv1.2' })).toBe(suite);
    }
  });

  it.each([
    ['static RSA with GCM', 'AES128-GCM-SHA256'],
    ['static RSA with CBC and SHA-1', 'AES128-SHA'],
    ['static RSA with CBC and SHA-256', 'AES256-SHA256'],
    ['ECDHE with CBC and SHA-1', 'ECDHE-RSA-AES128-SHA'],
    ['ECDHE with CBC and SHA-384', 'ECDHE-RSA-AES256-SHA384'],
    ['finite-field DHE', 'DHE-RSA-AES128-GCM-SHA256'],
  ])('refuses %s on TLS 1.2', async (_name, suite) => {
    expect(await handshake({ ciphers: suite, maxVersion: 'TLSv1.2' })).toMatch(/HANDSHAKE_FAILURE|NO_SHARED_CIPHER/);
  });
});

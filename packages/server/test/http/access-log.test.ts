import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/start-server.js';

interface LogLine {
  msg: string;
  reqId?: string;
  statusCode?: number;
  errorCode?: string;
  [key: string]: unknown;
}

/** A server on the production logger, and the JSON lines it wrote. */
async function withLoggedServer(
  overrides: Parameters<typeof startTestServer>[0],
  test: (t: TestServer, lines: LogLine[]) => Promise<void>,
): Promise<void> {
  const lines: LogLine[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const t = await startTestServer({ logLevel: 'info', ...overrides }, { logStream });
  try {
    await test(t, lines);
  } finally {
    await t.close();
  }
}

const completed = (lines: LogLine[], reqId: string | null) =>
  lines.find((line) => line.msg === 'request completed' && line.reqId === reqId);

describe('the access log', () => {
  it('says the errorCode of each failed request, and none on success', async () => {
    await withLoggedServer({}, async (t, lines) => {
      const refused = await t.send('POST', '/v2/access-tokens', { body: { username: 'admin', password: 'wrong' } });
      const missing = await t.send('GET', '/v2/clusters');
      const unknown = await t.send('GET', '/v2/no-such-route');
      const fine = await t.send('GET', '/irisservices/api/v1/public/basicClusterInfo');
      expect(completed(lines, refused.headers['x-request-id'] as string)).toMatchObject({
        statusCode: 400,
        errorCode: 'KValidationError',
      });
      expect(completed(lines, missing.headers['x-request-id'] as string)).toMatchObject({
        statusCode: 401,
        errorCode: 'KStatusUnauthorized',
      });
      expect(completed(lines, unknown.headers['x-request-id'] as string)).toMatchObject({
        statusCode: 404,
        errorCode: 'KNotFound',
      });
      const ok = completed(lines, fine.headers['x-request-id'] as string);
      expect(ok).toMatchObject({ statusCode: 200 });
      expect(ok).not.toHaveProperty('errorCode');
    });
  });

  it("keeps a trusted proxy's x-request-id, and replaces anyone else's", async () => {
    const headers = { 'x-request-id': 'proxy-req-42' };
    await withLoggedServer({ trustProxy: ['127.0.0.1'] }, async (t, lines) => {
      const kept = await t.send('GET', '/healthz', { headers });
      expect(kept.headers['x-request-id']).toBe('proxy-req-42');
      expect(completed(lines, 'proxy-req-42')).toMatchObject({ statusCode: 200 });
      // Not an id a log line could be forged with.
      const forged = await t.send('GET', '/healthz', { headers: { 'x-request-id': '{"msg":"forged"}' } });
      expect(forged.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
    await withLoggedServer({ trustProxy: ['10.0.0.5'] }, async (t) => {
      const replaced = await t.send('GET', '/healthz', { headers });
      expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
    await withLoggedServer({}, async (t) => {
      const replaced = await t.send('GET', '/healthz', { headers });
      expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  it('starts with a line of the running settings and ends with a stopped line', async () => {
    let all: LogLine[] = [];
    await withLoggedServer({ loginRateLimit: 7, apiRateLimit: 70 }, async (t, lines) => {
      all = lines;
      const started = lines.find((line) => line.msg === 'server started');
      expect(started).toMatchObject({
        version: expect.stringMatching(/^\d+\.\d+\.\d+/),
        store: 'sqlite',
        storeLocation: expect.stringContaining(t.dataDir),
        url: t.url,
        tls: 'self-signed',
        limits: { loginRateLimitPerMinute: 7, apiRateLimitPerMinute: 70, tokenTtlSeconds: null },
      });
      expect(lines.some((line) => line.msg === 'server stopped')).toBe(false);
    });
    expect(all.at(-1)?.msg).toBe('server stopped');
  });
});

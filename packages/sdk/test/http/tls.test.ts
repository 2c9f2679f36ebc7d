import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TlsError } from '../../src/index.js';
import { startTestCluster, type TestCluster } from '../helpers/test-cluster.js';

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startTestCluster();
});
afterAll(() => cluster.close());

const fingerprint = () => cluster.server.server.fingerprint256 ?? '';

describe('TLS', () => {
  it('rejects the self-signed certificate by default with TlsError', async () => {
    const client = cluster.client({ tls: {} });
    const error = await client.platform.getCluster().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TlsError);
    expect(error).toMatchObject({ code: 'ERR_TLS' });
  });

  it('accepts the certificate given as tls.ca', async () => {
    const client = cluster.client({ tls: { ca: cluster.ca } });
    expect((await client.platform.getCluster()).name).toBe('cohesity-dev');
  });

  it.each([
    ['colon-separated', (fp: string) => fp],
    ['bare lower-case hex', (fp: string) => fp.replace(/:/g, '').toLowerCase()],
  ])('accepts the pinned fingerprint256 (%s) on every connection', async (_form, format) => {
    const client = cluster.client({ tls: { fingerprint256: format(fingerprint()) } });
    // Many concurrent calls open several connections; each one is checked.
    const answers = await Promise.all(Array.from({ length: 20 }, () => client.platform.getCluster()));
    expect(answers).toHaveLength(20);
  });

  it('rejects a certificate that does not match the pinned fingerprint', async () => {
    const wrong = fingerprint().replace(/^../, (byte) => (byte === '00' ? '01' : '00'));
    const client = cluster.client({ tls: { fingerprint256: wrong } });
    const error = await client.platform.getCluster().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TlsError);
    expect((error as Error).message).toContain('does not match tls.fingerprint256');
  });

  it('connects with tls.insecure and warns exactly once per process', async () => {
    const warnings: string[] = [];
    const logger = { warn: (message: string) => warnings.push(message) };
    for (const _ of [1, 2]) {
      const client = cluster.client({ tls: { insecure: true }, logger });
      expect((await client.platform.getCluster()).name).toBe('cohesity-dev');
    }
    expect(warnings).toEqual(['cohesity-sdk: tls.insecure is set; the cluster certificate is NOT verified']);
  });
});

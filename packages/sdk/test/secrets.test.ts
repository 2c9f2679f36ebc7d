import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterClient } from '../src/index.js';
import { createAdminApiKey } from './helpers/api-key.js';
import { ADMIN_PASSWORD, startTestCluster, type TestCluster } from './helpers/test-cluster.js';

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startTestCluster();
});
afterAll(() => cluster.close());

/** Everything a user could print: inspected and serialised objects, with causes. */
const printable = (value: unknown) =>
  `${inspect(value, { depth: 10, showHidden: true, getters: true })}\n${JSON.stringify(value)}`;

// Every JWT starts with the base64url of '{"': any token that leaks shows this.
const TOKEN_PREFIX = 'eyJ';

describe('secrets', () => {
  it('never appear in inspect, JSON, errors or debug logs', async () => {
    const apiKey = await createAdminApiKey(cluster.server);
    const log: string[] = [];
    const logger = {
      debug: (message: string, fields?: Record<string, unknown>) => log.push(printable({ message, fields })),
      warn: (message: string, fields?: Record<string, unknown>) => log.push(printable({ message, fields })),
    };
    const outputs: string[] = [];
    const use = async (client: ClusterClient, call: () => Promise<unknown>) => {
      outputs.push(printable(client));
      outputs.push(printable(await call().catch((e: unknown) => e)));
      outputs.push(printable(client));
    };
    const good = cluster.client({ logger });
    await use(good, () => good.platform.getCluster());
    await use(good, () => good.request('GET', '/v2/no/such/path'));
    const wrong = cluster.client({ password: `${ADMIN_PASSWORD}-wrong`, logger });
    await use(wrong, () => wrong.platform.getCluster());
    const keyed = cluster.client({ apiKey, logger });
    await use(keyed, () => keyed.platform.getCluster());
    const badKey = cluster.client({ apiKey: `${apiKey.slice(0, -4)}0000`, logger });
    await use(badKey, () => badKey.platform.getCluster());
    const tls = cluster.client({ logger, tls: {} });
    await use(tls, () => tls.platform.getCluster());

    const text = [...outputs, ...log].join('\n');
    expect(log.length).toBeGreaterThan(5);
    expect(text).toContain('[redacted]');
    for (const secret of [ADMIN_PASSWORD, apiKey, apiKey.slice(0, -4), TOKEN_PREFIX]) {
      expect(text).not.toContain(secret);
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type CliFixture, loginArgs, startCliFixture } from '../helpers/cli-env.js';
import { requireBuiltCli, runCli } from '../helpers/run-cli.js';

let fixture: CliFixture;
let adminToken: string;
beforeAll(async () => {
  requireBuiltCli();
  fixture = await startCliFixture({ faults: true, loginRateLimit: 0 });
  const login = await runCli(loginArgs(fixture), { env: fixture.env(), input: ADMIN_PASSWORD });
  if (login.code !== 0) throw new Error(`login failed: ${login.stderr}`);
  adminToken = await fixture.server.login('admin', ADMIN_PASSWORD);
});
afterAll(() => fixture.close());

const cli = (args: string[]) => runCli(args, { env: fixture.env() });
const clusters = async () =>
  (await fixture.server.send('GET', '/v2/clusters', { headers: { authorization: `Bearer ${adminToken}` } })).status;

describe('cohesity faults', () => {
  it('injects a fault, lists it, removes it, and resets', async () => {
    const injected = await cli(['faults', 'inject', '503', '--count', '2', '--route', '/v2/clusters', '--json']);
    expect(injected.code).toBe(0);
    const fault = JSON.parse(injected.stdout) as { id: string; answer: number; remaining: number };
    expect(fault).toMatchObject({ answer: 503, remaining: 2, scope: { kind: 'route', route: '/v2/clusters' } });
    expect(await clusters()).toBe(503);

    const listed = JSON.parse((await cli(['faults', 'list', '--json'])).stdout) as { requestFaults: object[] };
    expect(listed.requestFaults).toEqual([expect.objectContaining({ id: fault.id, remaining: 1, hits: 1 })]);
    expect((await cli(['faults', 'remove', fault.id])).code).toBe(0);
    expect(await clusters()).toBe(200);

    expect((await cli(['faults', 'mode', 'session-management', 'on'])).code).toBe(0);
    const refused = await fixture.server.send('POST', '/v2/access-tokens', {
      body: { username: 'admin', password: ADMIN_PASSWORD },
    });
    expect(refused.body).toEqual({ errorCode: 'KValidationError', message: 'Access denied' });
    expect((await cli(['faults', 'clock', '2h'])).stderr).toContain('Clock moved');
    expect((await cli(['faults', 'reset'])).code).toBe(0);
    const state = JSON.parse((await cli(['faults', 'list', '--json'])).stdout);
    expect(state).toMatchObject({ modes: { sessionManagement: false }, clock: { offsetMsecs: 0 }, requestFaults: [] });
  });

  it('expires tokens (its own included), and says what it cannot take', async () => {
    expect((await cli(['faults', 'expire', '--kinds', 'tokens', '--json'])).code).toBe(0);
    expect(await clusters()).toBe(401);
    const again = await cli(['faults', 'list']);
    expect(again.code).toBe(3);
    expect(again.stderr).toContain('Token expired');

    expect((await cli(['faults', 'inject', '418'])).code).toBe(2);
    expect((await cli(['faults', 'clock', 'soon'])).code).toBe(2);
  });
});

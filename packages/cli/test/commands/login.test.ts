import { createHash, X509Certificate } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, baseLoginArgs, type CliFixture, loginArgs, startCliFixture } from '../helpers/cli-env.js';
import { requireBuiltCli, runCli, runCliInTerminal } from '../helpers/run-cli.js';

let fixture: CliFixture;
let fingerprint: string;

beforeAll(async () => {
  requireBuiltCli();
  fixture = await startCliFixture();
  const pem = await readFile(join(fixture.server.dataDir, 'tls-cert.pem'), 'utf8');
  fingerprint = new X509Certificate(pem).fingerprint256;
});
afterAll(() => fixture.close());

const profileFile = () => join(fixture.configDir, 'profiles.json');
const readProfiles = async () => JSON.parse(await readFile(profileFile(), 'utf8'));

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('cohesity login', () => {
  it('asks to trust the self-signed certificate on a terminal, hides the password and pins the fingerprint', async () => {
    const { code, screen } = await runCliInTerminal(
      ['login', '--vip', fixture.vip, '--username', 'admin', '--profile', 'tty'],
      [
        { expect: /Trust this certificate and pin it\? \[y\/N\] /, send: 'y\r' },
        { expect: /Password for admin: /, send: `${ADMIN_PASSWORD}\r` },
      ],
      { env: fixture.env() },
    );
    expect(code).toBe(0);
    expect(screen).toContain(fingerprint);
    expect(screen).toContain('Logged in to');
    expect(screen).not.toContain(ADMIN_PASSWORD);
    const { profiles } = await readProfiles();
    expect(profiles.tty).toMatchObject({
      vip: fixture.vip,
      username: 'admin',
      domain: 'LOCAL',
      tls: { fingerprint256: fingerprint },
    });
    const token = await fixture.server.send('GET', '/v2/clusters', {
      headers: { authorization: `Bearer ${profiles.tty.token.accessToken}` },
    });
    expect(token.status).toBe(200);
  });

  it('refuses to log in when the certificate is not trusted at the prompt, and saves nothing', async () => {
    const { code, screen } = await runCliInTerminal(
      ['login', '--vip', fixture.vip, '--username', 'admin', '--profile', 'refused'],
      [{ expect: /\[y\/N\] /, send: 'n\r' }],
      { env: fixture.env() },
    );
    expect(code).toBe(4);
    expect(screen).toContain('certificate not trusted');
    const profiles = await readProfiles().catch(() => ({ profiles: {} }));
    expect(profiles.profiles.refused).toBeUndefined();
  });

  it('saves a profile with mode 0600 in a 0700 directory, with the token and never the password', async () => {
    const result = await runCli(loginArgs(fixture), { env: fixture.env(), input: `${ADMIN_PASSWORD}\n` });
    expect(result.code).toBe(0);
    expect((await stat(profileFile())).mode & 0o777).toBe(0o600);
    expect((await stat(fixture.configDir)).mode & 0o777).toBe(0o700);
    const text = await readFile(profileFile(), 'utf8');
    expect(text).not.toContain(ADMIN_PASSWORD);
    const profile = JSON.parse(text).profiles.default;
    expect(profile.tls).toEqual({ fingerprint256: fingerprint });
    expect(profile.token.tokenType).toBe('Bearer');
    expect(Date.parse(profile.token.expiresAt)).toBeGreaterThan(Date.now());
  });

  it('trusts the certificate through --ca-file without asking, and saves that choice', async () => {
    const caFile = join(fixture.server.dataDir, 'tls-cert.pem');
    const result = await runCli([...baseLoginArgs(fixture), '--ca-file', caFile, '--profile', 'ca'], {
      env: fixture.env(),
      input: ADMIN_PASSWORD,
    });
    expect(result.stderr).not.toContain('SHA-256');
    expect(result.code).toBe(0);
    expect((await readProfiles()).profiles.ca.tls).toEqual({ caFile });
  });

  it('skips verification with COHESITY_INSECURE=1, says so, and saves that choice', async () => {
    const result = await runCli(
      loginArgs(fixture, '--profile', 'insecure').filter((arg) => arg !== '--yes'),
      {
        env: fixture.env({ COHESITY_INSECURE: '1' }),
        input: ADMIN_PASSWORD,
      },
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('NOT verified');
    expect((await readProfiles()).profiles.insecure.tls).toEqual({ insecure: true });
  });

  it('colours its output on a terminal only', async () => {
    const onTerminal = await runCliInTerminal(['cluster'], [], { env: fixture.env() });
    expect(onTerminal.code).toBe(0);
    expect(onTerminal.screen).toContain('\x1b[1m');
    const piped = await runCli(['cluster'], { env: fixture.env() });
    expect(piped.code).toBe(0);
    expect(piped.stdout).not.toContain('\x1b[');
    expect(piped.stderr).toBe('');
    const noColor = await runCliInTerminal(['cluster'], [], { env: fixture.env({ NO_COLOR: '1' }) });
    expect(noColor.screen).not.toContain('\x1b[1m');
  });

  it('exits 3 with the server message on a wrong password, and saves no profile', async () => {
    const result = await runCli(loginArgs(fixture, '--profile', 'wrong'), { env: fixture.env(), input: 'not-it' });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/login to .* as LOCAL\\admin: Invalid Username or Password \(KValidationError\)/);
    expect(result.stderr).toContain('hint:');
    expect(result.stderr).not.toContain('    at ');
    expect((await readProfiles()).profiles.wrong).toBeUndefined();
  });

  it('exits 4 when nothing listens at the VIP, in one line without a stack trace', async () => {
    const vip = `127.0.0.1:${await closedPort()}`;
    const result = await runCli(['login', '--vip', vip, '--username', 'admin', '--password-stdin', '--yes'], {
      env: fixture.env(),
      input: ADMIN_PASSWORD,
    });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('ECONNREFUSED');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    const call = await runCli(['cluster'], {
      env: fixture.env({ COHESITY_VIP: vip, COHESITY_API_KEY: 'any-key', COHESITY_INSECURE: '1' }),
    });
    expect(call.code).toBe(4);
    expect(call.stderr).toMatch(/^cohesity: GET \/v2\/clusters: connection failed \(ECONNREFUSED\)/m);
  });

  it('prints the stack of an error with --debug', async () => {
    const vip = `127.0.0.1:${await closedPort()}`;
    const result = await runCli(
      ['--debug', 'login', '--vip', vip, '--username', 'admin', '--password-stdin', '--yes'],
      {
        env: fixture.env(),
        input: ADMIN_PASSWORD,
      },
    );
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('    at ');
  });

  it('exits 2 on a usage error without a password prompt', async () => {
    const result = await runCli(['login', '--username', 'admin', '--profile', 'fresh'], { env: fixture.env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--vip');
  });

  it('refuses a pinned profile whose cluster now shows another certificate (exit 4)', async () => {
    const profiles = await readProfiles();
    const other = createHash('sha256').update('another certificate').digest('hex').toUpperCase();
    const pinned = { ...profiles.profiles.default, tls: { fingerprint256: other.match(/../g)?.join(':') } };
    const { writeFile } = await import('node:fs/promises');
    await writeFile(profileFile(), JSON.stringify({ profiles: { ...profiles.profiles, pinned } }), { mode: 0o600 });
    const result = await runCli(['--profile', 'pinned', 'cluster'], { env: fixture.env() });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('does not match');
    expect(result.stderr).toContain("run 'cohesity logout'");
  });
});

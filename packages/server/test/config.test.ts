import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, serverOptions } from '../src/config.js';

describe('loadConfig', () => {
  it('defaults to HTTPS on 127.0.0.1:8443 with ./.cohesity and admin/admin', () => {
    expect(loadConfig([], {})).toEqual({
      host: '127.0.0.1',
      port: 8443,
      dataDir: './.cohesity',
      databaseUrl: undefined,
      databaseWaitSeconds: 60,
      adminPassword: 'admin',
      tokenTtlSeconds: undefined,
      tls: undefined,
      http: false,
      trustProxy: undefined,
      clusterName: 'cohesity-dev',
      swVersion: '7.1.2_u3_release-20241231_bb47fe77',
      emptyCluster: false,
      runSeconds: 3,
      logLevel: 'info',
      loginRateLimit: 600,
      apiRateLimit: 60000,
      maxConnections: 4096,
      keyEncryptionKey: undefined,
      signingKeyRotationDays: 30,
      metricsToken: undefined,
      lazyValidators: false,
      faults: false,
    });
  });

  it('reads every setting from the environment', () => {
    const config = loadConfig([], {
      COHESITY_HOST: '0.0.0.0',
      COHESITY_PORT: '9443',
      COHESITY_DATA_DIR: '/var/lib/cohesity',
      COHESITY_ADMIN_PASSWORD: 's3cret!',
      COHESITY_TOKEN_TTL_SECONDS: '2',
      COHESITY_TLS_CERT: '/c.pem',
      COHESITY_TLS_KEY: '/k.pem',
      COHESITY_HTTP: '1',
      COHESITY_CLUSTER_NAME: 'prod',
      COHESITY_SW_VERSION: '7.2.0',
      COHESITY_LOG_LEVEL: 'warn',
    });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 9443,
      dataDir: '/var/lib/cohesity',
      adminPassword: 's3cret!',
      tokenTtlSeconds: 2,
      tls: { certFile: '/c.pem', keyFile: '/k.pem' },
      http: true,
      clusterName: 'prod',
      swVersion: '7.2.0',
      logLevel: 'warn',
    });
  });

  it('lets flags win over the environment', () => {
    const config = loadConfig(['--port', '0', '--data-dir=/tmp/x', '--http', '--token-ttl-seconds', '5'], {
      COHESITY_PORT: '9443',
      COHESITY_DATA_DIR: '/elsewhere',
    });
    expect(config).toMatchObject({ port: 0, dataDir: '/tmp/x', http: true, tokenTtlSeconds: 5 });
  });

  it('reads how long to wait for the database at start', () => {
    expect(loadConfig(['--database-wait-seconds', '0'], {}).databaseWaitSeconds).toBe(0);
    expect(loadConfig([], { COHESITY_DATABASE_WAIT_SECONDS: '5' }).databaseWaitSeconds).toBe(5);
  });

  it('treats an empty environment variable as unset', () => {
    expect(loadConfig([], { COHESITY_PORT: '' }).port).toBe(8443);
  });

  it('reads COHESITY_HTTP=0 as off', () => {
    expect(loadConfig([], { COHESITY_HTTP: '0' }).http).toBe(false);
  });

  it.each([
    [['--no-such-flag']],
    [['--port', 'abc']],
    [['--port', '70000']],
    [['--port', '-1']],
    [['--token-ttl-seconds', '0']],
    [['--token-ttl-seconds', '1.5']],
    [['--tls-cert', '/c.pem']],
    [['--tls-key', '/k.pem']],
    [['positional']],
    [['--log-level', 'loud']],
    [['--admin-password', 'x'.repeat(1025)]],
    [['--database-wait-seconds', '-1']],
    [['--database-wait-seconds', 'soon']],
  ])('refuses %j with a ConfigError', (argv) => {
    expect(() => loadConfig(argv, {})).toThrow(ConfigError);
  });

  it('names the bad setting in its message', () => {
    expect(() => loadConfig(['--port', 'abc'], {})).toThrow(/--port/);
    expect(() => loadConfig(['--tls-cert', '/c.pem'], {})).toThrow(/--tls-key/);
  });
});

describe("the README's configuration table", () => {
  it('lists every setting with its environment variable', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const missing = serverOptions.filter(
      (o) => !readme.includes(`\`--${o.flag}\``) || !readme.includes(`\`${o.env}\``),
    );
    expect(missing.map((o) => o.flag)).toEqual([]);
  });
});

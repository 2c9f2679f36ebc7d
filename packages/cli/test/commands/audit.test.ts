import { spawn } from 'node:child_process';
import type { AuditLogs } from 'cohesity-sdk/models';
import { beforeAll, describe, expect, it } from 'vitest';
import { useLoggedInCli } from '../helpers/logged-in-cli.js';
import { CLI, runCli } from '../helpers/run-cli.js';

const suite = useLoggedInCli();
beforeAll(async () => {
  // One failed login to find.
  await suite.fixture.server.send('POST', '/v2/access-tokens', { body: { username: 'admin', password: 'nope' } });
});

const { cli } = suite;

describe('cohesity audit', () => {
  it('lists entries oldest first, filtered by action, outcome and time', async () => {
    const all = JSON.parse((await cli(['audit', '--json'])).stdout) as AuditLogs;
    const times = all.auditLogs.map((entry) => entry.timeMsecs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const failures = JSON.parse(
      (await cli(['audit', '--action', 'login', '--outcome', 'failure', '--json'])).stdout,
    ) as AuditLogs;
    expect(failures.auditLogs.length).toBeGreaterThan(0);
    expect(failures.auditLogs.every((entry) => entry.action === 'login' && entry.outcome === 'failure')).toBe(true);
    const future = JSON.parse((await cli(['audit', '--since', '2999-01-01', '--json'])).stdout) as AuditLogs;
    expect(future.auditLogs).toEqual([]);
    const table = await cli(['audit', '--since', '1h']);
    expect(table.stdout).toMatch(/^time\s+action\s+outcome\s+actor\s+target\s+ip/);
    const bad = await cli(['audit', '--since', 'yesterday']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--since 'yesterday' is not a duration or a date");
  });

  it('--follow prints what happens after it starts, one JSON object per line', async () => {
    const child = spawn(
      process.execPath,
      [CLI, 'audit', '--follow', '--json', '--interval', '1', '--action', 'user.create'],
      {
        env: { ...process.env, ...suite.fixture.env() },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    const created = new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('"follow-me"')) resolve();
      });
    });
    try {
      const made = await runCli(['users', 'create', 'follow-me', '--password-stdin'], {
        env: suite.fixture.env(),
        input: 'Follow-Me-Pass-1!',
      });
      expect(made.code).toBe(0);
      await created;
      const lines = stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line));
      expect(lines.at(-1)).toMatchObject({
        action: 'user.create',
        outcome: 'success',
        details: { username: 'follow-me' },
      });
    } finally {
      child.kill('SIGTERM');
    }
  });
});

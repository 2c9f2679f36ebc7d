import type { ClusterClient } from 'cohesity-sdk';
import type { AuditLog, AuditLogs } from 'cohesity-sdk/models';
import { Command, Option } from 'commander';
import { usageError } from '../errors.js';
import { findUser } from '../find-user.js';
import { formatTime } from '../format-time.js';
import type { GlobalOptions } from '../global-options.js';
import { printJson, printTable } from '../output.js';
import { parseSince } from '../parse-since.js';
import { withClient } from '../with-client.js';

interface AuditOptions {
  action?: string;
  actor?: string;
  outcome?: string;
  since?: string;
  limit: string;
  follow?: boolean;
  interval: string;
}

const COLUMNS = ['time', 'action', 'outcome', 'actor', 'target', 'ip'];
const rowOf = (entry: AuditLog) => ({
  ...entry,
  time: formatTime(entry.timeMsecs),
  actor: entry.actorName ?? entry.actorSid,
});

function positive(value: string, flag: string, max: number): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > max)
    throw usageError('audit', `${flag} must be 1–${max}, not '${value}'`);
  return number;
}

/** Oldest first, as a log reads; `--outcome` is filtered here (the API has no such filter). */
async function fetchEntries(
  client: ClusterClient,
  query: Record<string, string[]>,
  outcome?: string,
): Promise<AuditLog[]> {
  const { auditLogs } = await client.request<AuditLogs>('GET', '/v2/audit-logs', { query });
  return auditLogs.filter((entry) => !outcome || entry.outcome === outcome).reverse();
}

function print(globals: GlobalOptions, entries: AuditLog[], follow: boolean): void {
  if (follow && globals.json) for (const entry of entries) process.stdout.write(`${JSON.stringify(entry)}\n`);
  else if (globals.json) printJson({ auditLogs: entries });
  else if (follow)
    for (const entry of entries)
      process.stdout.write(
        `${COLUMNS.map((c) => String((rowOf(entry) as Record<string, unknown>)[c] ?? '-')).join('  ')}\n`,
      );
  else printTable(entries.map(rowOf), COLUMNS);
}

async function audit(options: AuditOptions, command: Command): Promise<void> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const limit = positive(options.limit, '--limit', 1000);
  const intervalMs = positive(options.interval, '--interval', 3600) * 1000;
  const since = options.since ? parseSince(options.since) : undefined;
  await withClient(
    globals,
    async (client) => {
      const actorSid = options.actor ? (await findUser(client, options.actor, 'audit --actor')).sid : undefined;
      const query = (sinceMsecs: number | undefined) => ({
        limit: [String(limit)],
        ...(options.action ? { action: [options.action] } : {}),
        ...(actorSid ? { actorSid: [actorSid] } : {}),
        ...(sinceMsecs !== undefined ? { sinceMsecs: [String(sinceMsecs)] } : {}),
      });
      const first = await fetchEntries(client, query(since), options.outcome);
      print(globals, first, options.follow === true);
      if (!options.follow) return;
      // Polls for what is newer than the last line shown; ids tell apart entries of the same millisecond.
      const seen = new Set(first.map((entry) => entry.id));
      let cursor = first.at(-1)?.timeMsecs ?? since ?? Date.now();
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, intervalMs));
        const fresh = (await fetchEntries(client, query(cursor), options.outcome)).filter(
          (entry) => !seen.has(entry.id),
        );
        for (const entry of fresh) seen.add(entry.id);
        print(globals, fresh, true);
        cursor = fresh.at(-1)?.timeMsecs ?? cursor;
      }
    },
    { spinner: !options.follow },
  );
}

export function auditCommand(): Command {
  return new Command('audit')
    .description('Read the audit log (GET /v2/audit-logs; needs CLUSTER_AUDIT), oldest first')
    .option('--action <action>', 'only this action, e.g. login, user.create, apiKey.delete')
    .option('--actor <sid-or-username>', 'only what this user did')
    .addOption(
      new Option('--outcome <outcome>', 'only this outcome').choices(['success', 'failure', 'locked', 'denied']),
    )
    .option('--since <when>', 'from this long ago (30m, 2h, 7d) or this date')
    .option('--limit <n>', 'at most this many of the newest entries (1–1000)', '100')
    .option('-f, --follow', 'keep printing new entries as they come (Ctrl-C stops); with --json one object per line')
    .option('--interval <seconds>', 'with --follow: how often to ask', '2')
    .addHelpText(
      'after',
      `
Examples:
  $ cohesity audit --since 1h
  $ cohesity audit --action login --outcome failure --limit 20
  $ cohesity audit --follow --json | jq -r 'select(.outcome != "success") | .action'`,
    )
    .action(audit);
}

import { Command } from 'commander';
import { confirmOrYes } from '../confirm-or-yes.js';
import { usageError } from '../errors.js';
import type { GlobalOptions } from '../global-options.js';
import { note, printJson, printTable } from '../output.js';
import { withClient } from '../with-client.js';

async function list(options: { user?: string[] }, command: Command): Promise<void> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const counts = await withClient(globals, (client) =>
    client.users.getActiveSessionsCount(options.user ? { sids: options.user } : {}),
  );
  if (globals.json) {
    printJson(counts);
    return;
  }
  printTable(counts.sessionsPerUser ?? [], ['sid', 'sessionsCount']);
  process.stdout.write(`total: ${counts.totalSessionsCount}\n`);
}

async function remove(options: { user?: string; all?: boolean; yes?: boolean }, command: Command): Promise<void> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  // The API ends every session on the cluster when no user is given: make that explicit.
  if (!options.user === !options.all) {
    throw usageError('sessions delete', 'give --user SID or --all', "see 'cohesity sessions delete --help'");
  }
  if (options.all)
    await confirmOrYes(options.yes, 'End EVERY session on the cluster, of every user?', 'sessions delete --all');
  await withClient(globals, (client) => client.users.deleteSession(options.user ? { sid: options.user } : {}));
  if (globals.json) printJson({ ended: options.user ?? 'all' });
  else note(options.user ? `Ended the sessions of ${options.user}` : 'Ended every session on the cluster');
}

export function sessionsCommand(): Command {
  const sessions = new Command('sessions')
    .description("Count and end sessions (the 'session-id' header)")
    .addHelpText('after', '\nExamples:\n  $ cohesity sessions list\n  $ cohesity sessions delete --user <sid>');
  sessions
    .command('list')
    .description('Active sessions per user (GET /v2/users/sessions)')
    .option('--user <sid...>', 'only these users')
    .addHelpText('after', '\nExamples:\n  $ cohesity sessions list\n  $ cohesity sessions list --json')
    .action(list);
  sessions
    .command('delete')
    .description("End one user's sessions, or all of them")
    .option('--user <sid>', "end this user's sessions")
    .option('--all', 'end every session on the cluster')
    .option('-y, --yes', 'with --all: do not ask for confirmation')
    .addHelpText(
      'after',
      '\nExamples:\n  $ cohesity sessions delete --user S-1-100-21-1234-5678-1001\n  $ cohesity sessions delete --all --yes',
    )
    .action(remove);
  return sessions;
}

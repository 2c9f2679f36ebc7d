import { Command } from 'commander';
import { confirmOrYes } from '../../confirm-or-yes.js';
import { findUser } from '../../find-user.js';
import type { GlobalOptions } from '../../global-options.js';
import { note, printJson } from '../../output.js';
import { withClient } from '../../with-client.js';

async function remove(sidOrName: string, options: { yes?: boolean }, command: Command): Promise<void> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const what = `delete user ${sidOrName}`;
  const user = await withClient(globals, (client) => findUser(client, sidOrName, what));
  // Asked between two calls, never under the spinner.
  await confirmOrYes(
    options.yes,
    `Delete user ${user.domain}\\${user.username} (${user.sid}) with its API keys and sessions?`,
    what,
  );
  await withClient(globals, (client) => client.users.deleteUser(user.sid));
  if (globals.json) printJson({ deleted: user.sid });
  else note(`Deleted user ${user.username} (${user.sid}), with its API keys and sessions`);
}

export const usersDeleteCommand = () =>
  new Command('delete')
    .description('Delete a user by SID or username, with its API keys and sessions (asks first)')
    .argument('<sid-or-username>')
    .option('-y, --yes', 'do not ask for confirmation')
    .addHelpText(
      'after',
      '\nExamples:\n  $ cohesity users delete ops\n  $ cohesity users delete S-1-100-21-1234-5678-1001 --yes',
    )
    .action(remove);

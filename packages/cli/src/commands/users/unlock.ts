import { Command } from 'commander';
import { findUser } from '../../find-user.js';
import type { GlobalOptions } from '../../global-options.js';
import { note, printJson } from '../../output.js';
import { withClient } from '../../with-client.js';

async function unlock(sidOrName: string, _options: object, command: Command): Promise<void> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const user = await withClient(globals, async (client) => {
    const found = await findUser(client, sidOrName, `unlock user ${sidOrName}`);
    return client.users.updateUser(found.sid, { locked: false });
  });
  if (globals.json) printJson(user);
  else note(`Unlocked ${user.username} (${user.sid}); its failed-login count is cleared`);
}

export const usersUnlockCommand = () =>
  new Command('unlock')
    .description('Unlock an account locked by failed logins or by an admin')
    .argument('<sid-or-username>')
    .addHelpText('after', '\nExamples:\n  $ cohesity users unlock ops')
    .action(unlock);

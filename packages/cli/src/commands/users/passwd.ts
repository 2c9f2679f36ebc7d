import { Command } from 'commander';
import { usageError } from '../../errors.js';
import { findUser } from '../../find-user.js';
import type { GlobalOptions } from '../../global-options.js';
import { note, printJson } from '../../output.js';
import { askHidden, readStdin } from '../../prompts.js';
import { withClient } from '../../with-client.js';

async function newPassword(username: string, fromStdin: boolean | undefined): Promise<string> {
  if (fromStdin) return readStdin();
  const hint = 'use --password-stdin';
  const first = await askHidden(`New password for ${username}: `, hint);
  const again = await askHidden('Again: ', hint);
  if (first !== again) throw usageError('users passwd', 'the two passwords differ; nothing changed');
  return first;
}

async function passwd(sidOrName: string, options: { passwordStdin?: boolean }, command: Command): Promise<void> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const password = await newPassword(sidOrName, options.passwordStdin);
  if (!password) throw usageError('users passwd', 'the password is empty');
  const user = await withClient(globals, async (client) => {
    const found = await findUser(client, sidOrName, `set the password of ${sidOrName}`);
    return client.users.updateUser(found.sid, { localUserParams: { password } });
  });
  if (globals.json) printJson({ sid: user.sid, passwordChanged: true });
  else note(`Changed the password of ${user.username}; its tokens, sessions and API keys no longer work`);
}

export const usersPasswdCommand = () =>
  new Command('passwd')
    .description("Set a user's password (asked twice, hidden); ends its tokens, sessions and API keys")
    .argument('<sid-or-username>')
    .option('--password-stdin', 'read the new password from stdin')
    .addHelpText(
      'after',
      `
Examples:
  $ cohesity users passwd admin
  $ printf '%s' "$NEW_PASSWORD" | cohesity users passwd ops --password-stdin`,
    )
    .action(passwd);

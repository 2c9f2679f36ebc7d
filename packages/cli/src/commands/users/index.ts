import { Command } from 'commander';
import { usersCreateCommand } from './create.js';
import { usersDeleteCommand } from './delete.js';
import { usersListCommand } from './list.js';
import { usersPasswdCommand } from './passwd.js';
import { usersUnlockCommand } from './unlock.js';
import { usersUpdateCommand } from './update.js';

export function usersCommand(): Command {
  const users = new Command('users')
    .description('List, create, change, unlock and delete users')
    .addHelpText(
      'after',
      '\nExamples:\n  $ cohesity users list\n  $ cohesity users create ops --role COHESITY_OPERATOR\n  $ cohesity users unlock ops\n  $ cohesity users passwd admin',
    );
  for (const sub of [
    usersListCommand(),
    usersCreateCommand(),
    usersUpdateCommand(),
    usersUnlockCommand(),
    usersPasswdCommand(),
    usersDeleteCommand(),
  ]) {
    users.addCommand(sub);
  }
  return users;
}

import { Command } from 'commander';
import { profilesListCommand } from './list.js';
import { profilesRemoveCommand } from './remove.js';
import { profilesUseCommand } from './use.js';

export function profilesCommand(): Command {
  const profiles = new Command('profiles')
    .description('List, switch between and remove saved logins')
    .addHelpText(
      'after',
      '\nExamples:\n  $ cohesity profiles list\n  $ cohesity profiles use lab\n  $ cohesity profiles remove old --yes',
    );
  for (const sub of [profilesListCommand(), profilesUseCommand(), profilesRemoveCommand()]) profiles.addCommand(sub);
  return profiles;
}

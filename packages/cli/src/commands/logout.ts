import { Command } from 'commander';
import type { GlobalOptions } from '../global-options.js';
import { note } from '../output.js';
import { deleteProfile } from '../profiles.js';

async function logout(_options: object, command: Command): Promise<void> {
  const { profile } = command.optsWithGlobals<GlobalOptions>();
  const removed = await deleteProfile(profile);
  note(removed ? `Logged out (profile '${profile}' removed)` : `Not logged in (no profile '${profile}')`);
}

export function logoutCommand(): Command {
  return new Command('logout')
    .description("Forget a profile's token and pinned certificate")
    .addHelpText(
      'after',
      `
Examples:
  $ cohesity logout
  $ cohesity logout --profile lab`,
    )
    .action(logout);
}

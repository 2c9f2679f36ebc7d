import { Command } from 'commander';
import { confirmOrYes } from '../../confirm-or-yes.js';
import { usageError } from '../../errors.js';
import type { GlobalOptions } from '../../global-options.js';
import { note, printJson } from '../../output.js';
import { deleteProfile, loadProfile } from '../../profiles.js';

async function remove(name: string, options: { yes?: boolean }, command: Command): Promise<void> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const profile = await loadProfile(name);
  if (!profile) throw usageError('profiles remove', `no profile '${name}'`, "run 'cohesity profiles list'");
  await confirmOrYes(
    options.yes,
    `Forget profile '${name}' (${profile.domain}\\${profile.username} at ${profile.vip})?`,
    'profiles remove',
  );
  await deleteProfile(name);
  if (globals.json) printJson({ removed: name });
  else
    note(
      `Removed profile '${name}' (its token stays valid on the cluster until it expires; see 'cohesity logout --help')`,
    );
}

export const profilesRemoveCommand = () =>
  new Command('remove')
    .description('Forget a saved login on this machine (asks first)')
    .argument('<name>')
    .option('-y, --yes', 'do not ask for confirmation')
    .addHelpText('after', '\nExamples:\n  $ cohesity profiles remove lab\n  $ cohesity profiles remove lab --yes')
    .action(remove);

import { Command } from 'commander';
import { usageError } from '../../errors.js';
import type { GlobalOptions } from '../../global-options.js';
import { note, printJson } from '../../output.js';
import { useProfile } from '../../profiles.js';

async function use(name: string, _options: object, command: Command): Promise<void> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  if (!(await useProfile(name))) {
    throw usageError(
      'profiles use',
      `no profile '${name}'`,
      `run 'cohesity profiles list', or 'cohesity login --profile ${name}'`,
    );
  }
  if (globals.json) printJson({ current: name });
  else note(`Commands now use profile '${name}' unless --profile or COHESITY_PROFILE says otherwise`);
}

export const profilesUseCommand = () =>
  new Command('use')
    .description('Make a profile the one used without --profile')
    .argument('<name>')
    .addHelpText('after', '\nExamples:\n  $ cohesity profiles use lab')
    .action(use);

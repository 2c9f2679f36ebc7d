import { Command } from 'commander';
import { faultsRequest } from './faults-request.js';

export function removeCommand(): Command {
  return new Command('remove')
    .description('Remove one injected request fault')
    .argument('<id>', "the fault's id (see 'cohesity faults list')")
    .addHelpText('after', '\nExamples:\n  $ cohesity faults remove 1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed')
    .action(async (id: string, _options: object, cmd: Command) =>
      faultsRequest(cmd, 'DELETE', `/requests/${encodeURIComponent(id)}`, undefined, `Removed fault ${id}`),
    );
}

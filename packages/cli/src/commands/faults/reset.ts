import { Command } from 'commander';
import { faultsRequest } from './faults-request.js';

export function resetCommand(): Command {
  return new Command('reset')
    .description('Remove every fault and mode, and put the clock back to wall time')
    .addHelpText('after', '\nExamples:\n  $ cohesity faults reset')
    .action(async (_options: object, cmd: Command) => faultsRequest(cmd, 'DELETE', '', undefined, 'No faults left'));
}

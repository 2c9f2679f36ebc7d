import { Command } from 'commander';
import { clockCommand } from './faults/clock.js';
import { expireCommand } from './faults/expire.js';
import { injectCommand } from './faults/inject.js';
import { listCommand } from './faults/list.js';
import { modeCommand } from './faults/mode.js';
import { removeCommand } from './faults/remove.js';
import { resetCommand } from './faults/reset.js';

export function faultsCommand(): Command {
  const faults = new Command('faults')
    .description('Inject faults into a stand-in server started with --faults (administrators)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ cohesity faults expire --kinds tokens\n  $ cohesity faults inject 503 --count 3\n' +
        '  $ cohesity faults clock 25h\n  $ cohesity faults reset',
    );
  for (const command of [
    listCommand(),
    expireCommand(),
    injectCommand(),
    removeCommand(),
    modeCommand(),
    clockCommand(),
    resetCommand(),
  ]) {
    faults.addCommand(command);
  }
  return faults;
}

import type { FaultsState } from 'cohesity-sdk/models';
import { Command } from 'commander';
import type { GlobalOptions } from '../../global-options.js';
import { printJson, printRecord, printTable } from '../../output.js';
import { withClient } from '../../with-client.js';

async function list(_options: object, command: Command): Promise<void> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const state = await withClient(globals, (client) => client.request<FaultsState>('GET', '/_stand-in/faults'));
  if (globals.json) {
    printJson(state);
    return;
  }
  printRecord({ clock: state.clock, modes: state.modes });
  process.stdout.write('\nrequest faults:\n');
  printTable(state.requestFaults, ['id', 'scope', 'answer', 'remaining', 'share', 'latencyMsecs', 'hits']);
  process.stdout.write('\nexpiries:\n');
  printTable(state.expiries, ['scope', 'kinds', 'atMsecs']);
}

export function listCommand(): Command {
  return new Command('list')
    .description('Show the injected faults, modes and the clock')
    .addHelpText('after', '\nExamples:\n  $ cohesity faults list --json')
    .action(list);
}

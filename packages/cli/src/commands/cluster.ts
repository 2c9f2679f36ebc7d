import { Command } from 'commander';
import type { GlobalOptions } from '../global-options.js';
import { printJson, printRecord } from '../output.js';
import { withClient } from '../with-client.js';

async function cluster(_options: object, command: Command): Promise<void> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const info = await withClient(globals, (client) => client.platform.getCluster());
  if (globals.json) printJson(info);
  else printRecord(info);
}

export function clusterCommand(): Command {
  return new Command('cluster')
    .description('Show the cluster (GET /v2/clusters)')
    .addHelpText(
      'after',
      `
Examples:
  $ cohesity cluster
  $ cohesity cluster --json | jq -r .swVersion`,
    )
    .action(cluster);
}

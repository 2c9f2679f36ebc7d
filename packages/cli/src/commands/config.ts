import type { V2Schema } from 'cohesity-sdk';
import { Command } from 'commander';
import { usageError } from '../errors.js';
import type { GlobalOptions } from '../global-options.js';
import { printJson, printRecord } from '../output.js';
import { parseAssignments } from '../parse-assignments.js';
import { withClient } from '../with-client.js';

function pick(config: object, path: string, what = 'config get'): unknown {
  let value: unknown = config;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) {
      throw usageError(what, `no setting '${path}'`, "run 'cohesity config get' to see them all");
    }
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function show(globals: GlobalOptions, value: unknown): void {
  if (globals.json) printJson(value);
  else if (value !== null && typeof value === 'object') printRecord(value);
  else process.stdout.write(`${String(value)}\n`);
}

async function get(key: string | undefined, _options: object, command: Command): Promise<void> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const config = await withClient(globals, (client) => client.security.getSecurityConfig());
  show(globals, key ? pick(config, key) : config);
}

async function set(assignments: string[], _options: object, command: Command): Promise<void> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  // The cluster validates the types and ranges, and answers what is wrong; a misspelt key it
  // would drop silently, so each key must name a setting the cluster has.
  const update = parseAssignments(assignments) as V2Schema<'SecurityConfig'>;
  const paths = assignments.map((assignment) => assignment.slice(0, assignment.indexOf('=')));
  const updated = await withClient(globals, async (client) => {
    const current = await client.security.getSecurityConfig();
    for (const path of paths) pick(current, path, 'config set');
    return client.security.updateSecurityConfig(update);
  });
  show(globals, updated);
}

export function configCommand(): Command {
  const config = new Command('config')
    .description('Read and change the security config (/v2/security-config)')
    .addHelpText('after', '\nExamples:\n  $ cohesity config get\n  $ cohesity config set authTokenTimeoutMinutes=60');
  config
    .command('get')
    .description('Show the security config, or one setting')
    .argument('[key]', 'dotted path, e.g. sessionConfiguration.limitSessions')
    .addHelpText(
      'after',
      '\nExamples:\n  $ cohesity config get\n  $ cohesity config get authTokenTimeoutMinutes\n  $ cohesity config get accountLockout --json',
    )
    .action(get);
  config
    .command('set')
    .description('Change settings; the rest keep their values')
    .argument('<key=value...>', 'dotted path = JSON value (plain text counts as a string)')
    .addHelpText(
      'after',
      `
Examples:
  $ cohesity config set authTokenTimeoutMinutes=60
  $ cohesity config set sessionConfiguration.limitSessions=true sessionConfiguration.sessionLimitPerUser=5`,
    )
    .action(set);
  return config;
}

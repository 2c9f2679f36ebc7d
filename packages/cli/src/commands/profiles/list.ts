import { Command } from 'commander';
import type { GlobalOptions } from '../../global-options.js';
import { printJson, printTable } from '../../output.js';
import { listProfiles } from '../../profiles.js';

async function list(_options: object, command: Command): Promise<void> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const { current, profiles } = await listProfiles();
  const rows = Object.entries(profiles).map(([name, profile]) => ({
    current: name === current ? '*' : '',
    name,
    vip: profile.vip,
    user: `${profile.domain}\\${profile.username}`,
    credential: profile.apiKey ? 'API key' : 'token',
    expires: profile.token?.expiresAt ?? null,
  }));
  if (globals.json)
    printJson({ current, profiles: rows.map(({ current: mark, ...row }) => ({ ...row, current: mark === '*' })) });
  else printTable(rows, ['current', 'name', 'vip', 'user', 'credential', 'expires']);
}

export const profilesListCommand = () =>
  new Command('list')
    .description('List saved logins; * marks the one used without --profile')
    .addHelpText('after', '\nExamples:\n  $ cohesity profiles list\n  $ cohesity profiles list --json')
    .action(list);

import { Command } from 'commander';
import type { GlobalOptions } from '../../global-options.js';
import { parseRoles } from '../../parse-roles.js';
import { withClient } from '../../with-client.js';
import { showUsers } from './show-users.js';

async function list(options: { domain?: string; role?: string[] }, command: Command): Promise<void> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const query = {
    ...(options.domain ? { domain: options.domain } : {}),
    ...(options.role ? { roles: parseRoles('users list', options.role) } : {}),
  };
  const { users } = await withClient(globals, (client) => client.users.getUsers(query));
  showUsers(globals, users);
}

export const usersListCommand = () =>
  new Command('list')
    .description('List users (GET /v2/users)')
    .option('--domain <domain>', 'only this domain')
    .option('--role <role...>', 'only users with one of these roles')
    .addHelpText('after', '\nExamples:\n  $ cohesity users list\n  $ cohesity users list --role COHESITY_ADMIN --json')
    .action(list);

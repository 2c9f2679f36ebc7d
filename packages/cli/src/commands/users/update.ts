import type { ClusterClient } from 'cohesity-sdk';
import { Command } from 'commander';
import { usageError } from '../../errors.js';
import { findUser } from '../../find-user.js';
import type { GlobalOptions } from '../../global-options.js';
import { parseRoles } from '../../parse-roles.js';
import { withClient } from '../../with-client.js';
import { showUsers } from './show-users.js';

type UpdateUserParams = Parameters<ClusterClient['users']['updateUser']>[1];

interface UpdateOptions {
  role?: string[];
  email?: string;
  description?: string;
  lock?: boolean;
}

function paramsOf(options: UpdateOptions): UpdateUserParams {
  const params: UpdateUserParams = {
    ...(options.role ? { roles: parseRoles('users update', options.role) } : {}),
    ...(options.description !== undefined ? { description: options.description } : {}),
    ...(options.email !== undefined ? { localUserParams: { email: options.email } } : {}),
    ...(options.lock ? { locked: true } : {}),
  };
  if (Object.keys(params).length === 0) {
    throw usageError('users update', 'nothing to change', 'give --role, --email, --description or --lock');
  }
  return params;
}

async function update(sidOrName: string, options: UpdateOptions, command: Command): Promise<void> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const params = paramsOf(options);
  const user = await withClient(globals, async (client) => {
    const found = await findUser(client, sidOrName, `update user ${sidOrName}`);
    return client.users.updateUser(found.sid, params);
  });
  showUsers(globals, [user]);
}

export const usersUpdateCommand = () =>
  new Command('update')
    .description("Change a user's roles, e-mail or description, or lock it (PUT /v2/users/{sid})")
    .argument('<sid-or-username>')
    .option('--role <role...>', 'the roles it has from now on (replaces them all)')
    .option('--email <email>', 'e-mail address')
    .option('--description <text>', 'free text')
    .option('--lock', 'lock the account (ends its tokens and sessions); undo with users unlock')
    .addHelpText(
      'after',
      `
Changing roles or locking ends the user's tokens, sessions and API keys on the cluster.

Examples:
  $ cohesity users update ops --role COHESITY_OPERATOR COHESITY_VIEWER
  $ cohesity users update ops --email ops@example.com --description "night shift"`,
    )
    .action(update);

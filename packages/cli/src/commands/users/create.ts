import { DEFAULT_DOMAIN, type V2Schema } from 'cohesity-sdk';
import { Command, Option } from 'commander';
import type { GlobalOptions } from '../../global-options.js';
import { parseRoles } from '../../parse-roles.js';
import { askHidden, readStdin } from '../../prompts.js';
import { withClient } from '../../with-client.js';
import { showUsers } from './show-users.js';

type CreateUserParams = V2Schema<'CreateUserParameters'>;

interface CreateOptions {
  role: string[];
  domain: string;
  email?: string;
  description?: string;
  passwordStdin?: boolean;
}

async function create(username: string, options: CreateOptions, command: Command): Promise<void> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const roles = parseRoles('users create', options.role);
  const password = options.passwordStdin
    ? await readStdin()
    : await askHidden(`Password for the new user ${username}: `, 'use --password-stdin');
  const params: CreateUserParams = {
    username,
    domain: options.domain,
    roles,
    ...(options.description ? { description: options.description } : {}),
    localUserParams: { password, ...(options.email ? { email: options.email } : {}) },
  };
  const { users } = await withClient(globals, (client) => client.users.createUsers([params]));
  showUsers(globals, users);
}

export const usersCreateCommand = () =>
  new Command('create')
    .description('Create a local user (POST /v2/users); the password is asked with hidden input')
    .argument('<username>')
    .addOption(new Option('--role <role...>', 'roles to grant').default(['COHESITY_VIEWER']))
    .option('--domain <domain>', 'domain', DEFAULT_DOMAIN)
    .option('--email <email>', 'e-mail address')
    .option('--description <text>', 'free text')
    .option('--password-stdin', 'read the new password from stdin')
    .addHelpText(
      'after',
      `
Examples:
  $ cohesity users create ops --role COHESITY_OPERATOR
  $ printf '%s' "$NEW_PASSWORD" | cohesity users create backup --password-stdin --email backup@example.com`,
    )
    .action(create);

import { DEFAULT_DOMAIN, type V2Schema } from 'cohesity-sdk';
import { Command, Option } from 'commander';
import { CliError, ExitCode } from '../errors.js';
import { formatTime } from '../format-time.js';
import type { GlobalOptions } from '../global-options.js';
import { note, printJson, printTable } from '../output.js';
import { askHidden, readStdin } from '../prompts.js';
import { withClient } from '../with-client.js';

type User = V2Schema<'UserParams'>;
type CreateUserParams = V2Schema<'CreateUserParameters'>;

const COLUMNS = ['sid', 'username', 'domain', 'roles', 'locked', 'lastLogin'];
const rowOf = (user: User) => ({ ...user, lastLogin: formatTime(user.lastLoginTimeMsecs) });

function show(globals: GlobalOptions, users: User[]): void {
  if (globals.json) printJson({ users });
  else printTable(users.map(rowOf), COLUMNS);
}

async function list(options: { domain?: string; role?: string[] }, command: Command): Promise<void> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const query = {
    ...(options.domain ? { domain: options.domain } : {}),
    ...(options.role ? { roles: options.role } : {}),
  };
  const { users } = await withClient(globals, (client) => client.users.getUsers(query));
  show(globals, users ?? []);
}

interface CreateOptions {
  role: string[];
  domain: string;
  email?: string;
  description?: string;
  passwordStdin?: boolean;
}

async function create(username: string, options: CreateOptions, command: Command): Promise<void> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const password = options.passwordStdin
    ? await readStdin()
    : await askHidden(`Password for the new user ${username}: `, 'use --password-stdin');
  const params: CreateUserParams = {
    username,
    domain: options.domain,
    roles: options.role.map((role) => role.toUpperCase()),
    ...(options.description ? { description: options.description } : {}),
    localUserParams: { password, ...(options.email ? { email: options.email } : {}) },
  };
  const { users } = await withClient(globals, (client) => client.users.createUsers([params]));
  show(globals, users ?? []);
}

async function remove(user: string, _options: object, command: Command): Promise<void> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const sid = await withClient(globals, async (client) => {
    // A SID is unambiguous; a name is looked up first, so that `delete ops` works too.
    let target = user;
    if (!/^S-\d/.test(user)) {
      const { users } = await client.users.getUsers({ usernames: [user] });
      const found = users?.[0];
      if (!found?.sid) {
        throw new CliError({ exitCode: ExitCode.api, what: `delete user ${user}`, message: 'no such user' });
      }
      target = found.sid;
    }
    await client.users.deleteUser(target);
    return target;
  });
  if (globals.json) printJson({ deleted: sid });
  else note(`Deleted user ${user} (${sid}), with its API keys and sessions`);
}

export function usersCommand(): Command {
  const users = new Command('users')
    .description('List, create and delete users')
    .addHelpText(
      'after',
      '\nExamples:\n  $ cohesity users list\n  $ cohesity users create ops --role COHESITY_OPERATOR\n  $ cohesity users delete ops',
    );
  users
    .command('list')
    .description('List users (GET /v2/users)')
    .option('--domain <domain>', 'only this domain')
    .option('--role <role...>', 'only users with one of these roles')
    .addHelpText('after', '\nExamples:\n  $ cohesity users list\n  $ cohesity users list --role COHESITY_ADMIN --json')
    .action(list);
  users
    .command('create')
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
  users
    .command('delete')
    .description('Delete a user by SID or username, with its API keys and sessions')
    .argument('<sid-or-username>')
    .addHelpText(
      'after',
      '\nExamples:\n  $ cohesity users delete ops\n  $ cohesity users delete S-1-100-21-1234-5678-1001',
    )
    .action(remove);
  return users;
}

import type { ClusterClient, V2Schema } from 'cohesity-sdk';
import { Command } from 'commander';
import { confirmOrYes } from '../confirm-or-yes.js';
import { currentUserSid } from '../current-user-sid.js';
import { usageError } from '../errors.js';
import { formatTime } from '../format-time.js';
import type { GlobalOptions } from '../global-options.js';
import { note, printJson, printTable, warn } from '../output.js';
import { withClient } from '../with-client.js';

interface UserOption {
  user?: string;
}

type UserApiKey = V2Schema<'UserAPIKey'>;
type CreatedUserApiKey = V2Schema<'CreatedUserAPIKey'>;

const COLUMNS = ['id', 'name', 'userSid', 'isActive', 'isExpired', 'created', 'expires', 'lastRotated'];
const rowOf = (key: UserApiKey) => ({
  ...key,
  created: formatTime(key.createdTimeMsecs),
  expires: formatTime(key.expiryTimeMsecs),
  lastRotated: formatTime(key.lastRotatedTimeMsecs),
});

const ownerOf = (client: ClusterClient, options: UserOption) =>
  options.user ? Promise.resolve(options.user) : currentUserSid(client);

/** The secret goes to stdout alone (or in the JSON), the rest to stderr: `KEY=$(cohesity api-keys create ci)`. */
function showSecret(globals: GlobalOptions, key: CreatedUserApiKey, verb: string): void {
  if (globals.json) {
    printJson(key);
    return;
  }
  note(`${verb} API key '${key.name}' (id ${key.id}). This is the only time its secret is shown:`);
  process.stdout.write(`${key.apiKey}\n`);
}

function parseExpiry(value: string | undefined): number | null {
  if (value === undefined) return null;
  const msecs = Date.parse(value);
  if (Number.isNaN(msecs)) throw usageError('api-keys create', `--expires '${value}' is not a date`, 'e.g. 2027-01-31');
  if (msecs <= Date.now()) {
    const example = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
    throw usageError(
      'api-keys create',
      `--expires '${value}' is in the past: the key would never work`,
      `e.g. --expires ${example}`,
    );
  }
  return msecs;
}

async function create(
  name: string,
  options: UserOption & { expires?: string; inactive?: boolean },
  command: Command,
): Promise<void> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const expiryTimeMsecs = parseExpiry(options.expires);
  const key = await withClient(globals, async (client) =>
    client.users.createUserApiKey(await ownerOf(client, options), {
      name,
      isActive: !options.inactive,
      expiryTimeMsecs,
    }),
  );
  showSecret(globals, key, 'Created');
}

async function list(options: UserOption & { all?: boolean }, command: Command): Promise<void> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const { apiKeys = [] } = await withClient(globals, async (client) =>
    options.all ? client.users.getAllApiKeys() : client.users.getUserApiKeys(await ownerOf(client, options)),
  );
  if (globals.json) printJson({ apiKeys });
  else printTable(apiKeys.map(rowOf), COLUMNS);
}

async function rotate(id: string, options: UserOption, command: Command): Promise<void> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const key = await withClient(globals, async (client) =>
    client.users.rotateUserApiKey(await ownerOf(client, options), id),
  );
  showSecret(globals, key, 'Rotated');
  if (!globals.json) warn('The old secret no longer works.');
}

async function remove(id: string, options: UserOption & { yes?: boolean }, command: Command): Promise<void> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  await confirmOrYes(options.yes, `Delete API key ${id}? Whatever uses it stops working.`, `delete API key ${id}`);
  await withClient(globals, async (client) => client.users.deleteUserApiKeyById(await ownerOf(client, options), id));
  if (globals.json) printJson({ deleted: id });
  else note(`Deleted API key ${id}`);
}

const USER_HELP = "owner's SID (default: you)";

export function apiKeysCommand(): Command {
  const apiKeys = new Command('api-keys')
    .description("Create, list, rotate and delete API keys (the 'apiKey' header)")
    .addHelpText(
      'after',
      '\nExamples:\n  $ cohesity api-keys create backup-script\n  $ cohesity api-keys list --all\n  $ cohesity api-keys rotate <id>\n  $ cohesity api-keys delete <id>',
    );
  apiKeys
    .command('create')
    .description('Create an API key and print its secret, once')
    .argument('<name>')
    .option('--user <sid>', USER_HELP)
    .option('--expires <date>', 'expiry date (default: never)')
    .option('--inactive', 'create it disabled')
    .addHelpText(
      'after',
      `
Examples:
  $ cohesity api-keys create backup-script
  $ KEY=$(cohesity api-keys create ci --expires 2027-01-31)
  $ COHESITY_API_KEY=$KEY cohesity cluster`,
    )
    .action(create);
  apiKeys
    .command('list')
    .description('List API keys (never their secrets)')
    .option('--user <sid>', USER_HELP)
    .option('--all', "every user's keys (GET /v2/api-keys)")
    .addHelpText('after', '\nExamples:\n  $ cohesity api-keys list\n  $ cohesity api-keys list --all --json')
    .action(list);
  apiKeys
    .command('rotate')
    .description('Give an API key a new secret; the old one stops working')
    .argument('<id>')
    .option('--user <sid>', USER_HELP)
    .addHelpText(
      'after',
      '\nExamples:\n  $ cohesity api-keys rotate 1f0c…\n  $ cohesity api-keys rotate 1f0c… --json | jq -r .apiKey',
    )
    .action(rotate);
  apiKeys
    .command('delete')
    .description('Delete an API key (asks first)')
    .argument('<id>')
    .option('--user <sid>', USER_HELP)
    .option('-y, --yes', 'do not ask for confirmation')
    .addHelpText('after', '\nExamples:\n  $ cohesity api-keys delete 1f0c…\n  $ cohesity api-keys delete 1f0c… --yes')
    .action(remove);
  return apiKeys;
}

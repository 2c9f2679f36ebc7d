#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { apiKeysCommand } from './commands/api-keys.js';
import { auditCommand } from './commands/audit.js';
import { authCommand } from './commands/auth/index.js';
import { clusterCommand } from './commands/cluster.js';
import { completionCommand } from './commands/completion.js';
import { configCommand } from './commands/config.js';
import { faultsCommand } from './commands/faults.js';
import { loginCommand } from './commands/login.js';
import { logoutCommand } from './commands/logout.js';
import { profilesCommand } from './commands/profiles/index.js';
import { requestCommand } from './commands/request.js';
import { serveCommand } from './commands/serve.js';
import { sessionsCommand } from './commands/sessions.js';
import { tokenCommand } from './commands/token.js';
import { usersCommand } from './commands/users/index.js';
import { ExitCode, formatError, toCliError } from './errors.js';
import { listProfiles } from './profiles.js';
import { version } from './version.js';

/** Every command below `command`, depth first. */
const descendants = (command: Command): Command[] => command.commands.flatMap((sub) => [sub, ...descendants(sub)]);

async function buildProgram(): Promise<Command> {
  // COHESITY_PROFILE, else the one `cohesity profiles use` chose, else 'default'.
  const profile = process.env.COHESITY_PROFILE || (await listProfiles()).current;
  const program = new Command('cohesity')
    .description('Log in to a Cohesity cluster, manage users, API keys and sessions, or serve one')
    .version(version(), '-V, --version')
    .option('--profile <name>', 'saved login to use (COHESITY_PROFILE; cohesity profiles use)', profile)
    .option('--json', 'machine-readable output (pipe it to jq to pick fields)')
    .option('--debug', 'print stack traces on errors')
    .showSuggestionAfterError()
    .addHelpText(
      'after',
      `
Environment: COHESITY_VIP, COHESITY_USERNAME, COHESITY_PASSWORD, COHESITY_DOMAIN,
COHESITY_API_KEY (used instead of the profile's token), COHESITY_CA_FILE, COHESITY_INSECURE,
COHESITY_CONFIG_DIR (profiles; default $XDG_CONFIG_HOME/cohesity or ~/.config/cohesity).

Exit codes: 0 ok, 1 API error, 2 usage, 3 authentication, 4 connection or TLS.

Examples:
  $ cohesity login --vip 10.0.0.5 --username admin
  $ cohesity cluster
  $ curl -k -H "Authorization: Bearer $(cohesity token)" https://10.0.0.5/v2/clusters
  $ cohesity api-keys create backup-script`,
    );
  for (const command of [
    await serveCommand(),
    loginCommand(),
    logoutCommand(),
    authCommand(),
    profilesCommand(),
    tokenCommand(),
    clusterCommand(),
    usersCommand(),
    apiKeysCommand(),
    sessionsCommand(),
    configCommand(),
    auditCommand(),
    faultsCommand(),
    requestCommand(),
    completionCommand(),
  ]) {
    program.addCommand(command);
  }
  // Commander prints its own usage errors; we only choose the exit code (2, not its 1).
  // Each command's help lists the global options too (--json, --profile), as gh's does.
  for (const command of [program, ...descendants(program)]) {
    command.exitOverride();
    command.configureHelp({ showGlobalOptions: true });
  }
  return program;
}

async function main(argv: readonly string[]): Promise<void> {
  try {
    await (await buildProgram()).parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
      return;
    }
    const failure = toCliError(error);
    process.stderr.write(formatError(failure, argv.includes('--debug')));
    process.exitCode = failure.exitCode;
  }
}

// `cohesity --help | head -1`: a reader that has seen enough is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

await main(process.argv);

#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { apiKeysCommand } from './commands/api-keys.js';
import { clusterCommand } from './commands/cluster.js';
import { configCommand } from './commands/config.js';
import { loginCommand } from './commands/login.js';
import { logoutCommand } from './commands/logout.js';
import { requestCommand } from './commands/request.js';
import { serveCommand } from './commands/serve.js';
import { sessionsCommand } from './commands/sessions.js';
import { tokenCommand } from './commands/token.js';
import { usersCommand } from './commands/users.js';
import { ExitCode, formatError, toCliError } from './errors.js';
import { DEFAULT_PROFILE } from './profiles.js';
import { version } from './version.js';

async function buildProgram(): Promise<Command> {
  const program = new Command('cohesity')
    .description('Log in to a Cohesity cluster, manage users, API keys and sessions, or serve one')
    .version(version(), '-V, --version')
    .option(
      '--profile <name>',
      'saved login to use (COHESITY_PROFILE)',
      process.env.COHESITY_PROFILE || DEFAULT_PROFILE,
    )
    .option('--json', 'machine-readable output')
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
    tokenCommand(),
    clusterCommand(),
    usersCommand(),
    apiKeysCommand(),
    sessionsCommand(),
    configCommand(),
    requestCommand(),
  ]) {
    program.addCommand(command);
  }
  // Commander prints its own usage errors; we only choose the exit code (2, not its 1).
  program.exitOverride();
  for (const command of program.commands) {
    command.exitOverride();
    for (const sub of command.commands) sub.exitOverride();
  }
  return program;
}

async function main(argv: readonly string[]): Promise<void> {
  const program = await buildProgram();
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
      return;
    }
    const debug = program.opts<{ debug?: boolean }>().debug === true || argv.includes('--debug');
    const failure = toCliError(error);
    process.stderr.write(formatError(failure, debug));
    process.exitCode = failure.exitCode;
  }
}

await main(process.argv);

import type { ServerFlags, ServerOption } from 'cohesity-server/config';
import { Command, Option } from 'commander';
import { usageError } from '../errors.js';
import { loadServer, loadServerConfig, type ServerConfigModule, serverMissing } from '../load-server.js';

/** One commander option per row of the server's table, so `serve` and `npm start` never drift. */
function optionFor(row: ServerOption): Option {
  const fallback = row.default === undefined ? '' : `, default ${row.default}`;
  const flags = row.type === 'boolean' ? `--${row.flag}` : `--${row.flag} <value>`;
  return new Option(flags, `${row.description} (env ${row.env}${fallback})`);
}

function serveWith(server: ServerConfigModule) {
  return async function serve(options: Record<string, string | boolean | undefined>, command: Command): Promise<void> {
    // Only flags given on the command line: the server itself falls back to the environment.
    const flags: ServerFlags = {};
    for (const row of server.serverOptions) {
      const option = command.options.find((o) => o.long === `--${row.flag}`);
      const value = option ? options[option.attributeName()] : undefined;
      if (value !== undefined) flags[row.flag] = value;
    }
    try {
      const config = server.resolveConfig(flags, process.env);
      const { runServer } = await loadServer();
      await runServer(config);
    } catch (error) {
      if (error instanceof server.ConfigError) throw usageError('serve', error.message, "see 'cohesity serve --help'");
      throw error;
    }
  };
}

const EXAMPLES = `
Flags win over environment variables, which win over defaults. SIGTERM or SIGINT stop it
cleanly: requests in flight finish first.

Examples:
  $ cohesity serve
  $ cohesity serve --port 9443 --data-dir /var/lib/cohesity --admin-password "$ADMIN_PASSWORD"
  $ COHESITY_DATABASE_URL=postgres://127.0.0.1/cohesity cohesity serve --host 0.0.0.0`;

/** `cohesity serve`; without the optional cohesity-server package, it says how to install it. */
export async function serveCommand(): Promise<Command> {
  const command = new Command('serve').description(
    'Run the access-token server (the same flags and environment as npm start)',
  );
  const server = await loadServerConfig();
  if (!server) {
    return command
      .description('Run the access-token server (needs the cohesity-server package: npm install cohesity-server)')
      .allowUnknownOption()
      .allowExcessArguments()
      .addHelpText('after', EXAMPLES)
      .action(() => {
        throw serverMissing();
      });
  }
  for (const row of server.serverOptions) command.addOption(optionFor(row));
  return command.addHelpText('after', EXAMPLES).action(serveWith(server));
}

import { ConfigError, resolveConfig, type ServerFlags, type ServerOption, serverOptions } from 'cohesity-server/config';
import { Command, Option } from 'commander';
import { usageError } from '../errors.js';

/** One commander option per row of the server's table, so `serve` and `npm start` never drift. */
function optionFor(row: ServerOption): Option {
  const fallback = row.default === undefined ? '' : `, default ${row.default}`;
  const flags = row.type === 'boolean' ? `--${row.flag}` : `--${row.flag} <value>`;
  return new Option(flags, `${row.description} (env ${row.env}${fallback})`);
}

async function serve(options: Record<string, string | boolean | undefined>, command: Command): Promise<void> {
  // Only flags given on the command line: the server itself falls back to the environment.
  const flags: ServerFlags = {};
  for (const row of serverOptions) {
    const option = command.options.find((o) => o.long === `--${row.flag}`);
    const value = option ? options[option.attributeName()] : undefined;
    if (value !== undefined) flags[row.flag] = value;
  }
  try {
    const config = resolveConfig(flags, process.env);
    // The server (Fastify, SQLite, argon2) loads only for this command: the others start faster.
    const { runServer } = await import('cohesity-server');
    await runServer(config);
  } catch (error) {
    if (error instanceof ConfigError) throw usageError('serve', error.message);
    throw error;
  }
}

export function serveCommand(): Command {
  const command = new Command('serve').description(
    'Run the access-token server (the same flags and environment as npm start)',
  );
  for (const row of serverOptions) command.addOption(optionFor(row));
  return command
    .addHelpText(
      'after',
      `
Flags win over environment variables, which win over defaults. SIGTERM or SIGINT stop it
cleanly: requests in flight finish first.

Examples:
  $ cohesity serve
  $ cohesity serve --port 9443 --data-dir /var/lib/cohesity --admin-password "$ADMIN_PASSWORD"
  $ COHESITY_DATABASE_URL=postgres://127.0.0.1/cohesity cohesity serve --host 0.0.0.0`,
    )
    .action(serve);
}

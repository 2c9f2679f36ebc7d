#!/usr/bin/env node
import { usage } from './config/usage.js';
import { ConfigError, loadConfig, serverOptions } from './config.js';
import { runServer } from './run-server.js';
import { version } from './version.js';

/** `npm start` / `cohesity-server`: serve until SIGTERM or SIGINT, then stop cleanly. */
async function main(argv: readonly string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(usage(serverOptions));
    return;
  }
  if (argv.includes('--version')) {
    process.stdout.write(`${version()}\n`);
    return;
  }
  await runServer(loadConfig(argv, process.env));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  // A setting that cannot be used (flags, variables, an unreadable --tls-cert) is the operator's to fix.
  if (error instanceof ConfigError) {
    process.stderr.write(`cohesity-server: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`cohesity-server: failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});

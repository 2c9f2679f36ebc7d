#!/usr/bin/env node
import { ConfigError, loadConfig, type ServerConfig } from './config.js';
import { runServer } from './run-server.js';

/** `npm start` / `cohesity-server`: serve until SIGTERM or SIGINT, then stop cleanly. */
async function main(): Promise<void> {
  let config: ServerConfig;
  try {
    config = loadConfig(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`cohesity-server: ${error.message}\n`);
    process.exit(2);
  }
  await runServer(config);
}

main().catch((error: unknown) => {
  // A setting only checked at start (e.g. a weak --admin-password) is still a usage error.
  if (error instanceof ConfigError) {
    process.stderr.write(`cohesity-server: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`cohesity-server: failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});

#!/usr/bin/env node
import { printBanner } from './banner.js';
import { ConfigError, loadConfig } from './config.js';
import { startServer } from './server.js';

/** `npm start` / `cohesity-server`: serve until SIGTERM or SIGINT, then stop cleanly. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`cohesity-server: ${error.message}\n`);
    process.exit(2);
  }
  const server = await startServer(config, {
    onDatabaseRetry: ({ attempt, retryInMs, waitMs, reason }) =>
      process.stderr.write(
        `cohesity-server: the database is unavailable (${reason}); retry ${attempt} in ${retryInMs / 1000} s, ` +
          `giving up ${waitMs / 1000} s after start\n`,
      ),
  });
  printBanner(server, config, process.stderr);

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    server.app.log.info({ signal }, 'stopping: finishing in-flight requests');
    await server.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`cohesity-server: failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});

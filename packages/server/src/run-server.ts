import { assertAdminPasswordStrength } from './accounts/admin-password-policy.js';
import { printBanner } from './banner.js';
import type { ServerConfig } from './config.js';
import { type RunningServer, startServer } from './server.js';

/**
 * Starts the server, prints the banner and stops cleanly on SIGTERM or SIGINT (in-flight
 * requests finish, then the process exits 0). `npm start` and `cohesity serve` both run this.
 */
export async function runServer(
  config: ServerConfig,
  out: NodeJS.WritableStream = process.stderr,
): Promise<RunningServer> {
  assertAdminPasswordStrength(config.adminPassword);
  const server = await startServer(config, {
    onDatabaseRetry: ({ attempt, retryInMsecs, waitMsecs, reason }) =>
      out.write(
        `cohesity-server: the database is unavailable (${reason}); retry ${attempt} in ${retryInMsecs / 1000} s, ` +
          `giving up ${waitMsecs / 1000} s after start\n`,
      ),
  });
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
  // After the handlers: whoever reads the banner may stop the server at once.
  printBanner(server, config, out);
  return server;
}

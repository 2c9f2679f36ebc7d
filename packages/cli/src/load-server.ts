import { CliError, ExitCode } from './errors.js';

/** `cohesity-server/config`: the server's option table, without the server itself. */
export type ServerConfigModule = typeof import('cohesity-server/config');

const isMissing = (error: unknown, name: string) =>
  (error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && (error as Error).message.includes(`'${name}'`);

/** The error for `cohesity serve` where the optional `cohesity-server` package is not installed. */
export const serverMissing = () =>
  new CliError({
    exitCode: ExitCode.usage,
    what: 'serve',
    message: 'the cohesity-server package is not installed (the CLI needs it only for this command)',
    hint: "run 'npm install cohesity-server' where cohesity-cli is installed, then 'cohesity serve' again",
  });

/**
 * The server package is an optional peer dependency: every other command works without it,
 * and without its native modules. Undefined when it is not installed.
 */
export async function loadServerConfig(): Promise<ServerConfigModule | undefined> {
  try {
    return await import('cohesity-server/config');
  } catch (error) {
    if (isMissing(error, 'cohesity-server')) return undefined;
    throw error;
  }
}

/** The server itself (Fastify, SQLite, argon2): loaded only to serve. */
export async function loadServer(): Promise<typeof import('cohesity-server')> {
  try {
    return await import('cohesity-server');
  } catch (error) {
    if (isMissing(error, 'cohesity-server')) throw serverMissing();
    throw error;
  }
}

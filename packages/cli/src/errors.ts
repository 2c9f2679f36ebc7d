import {
  ApiException,
  CohesityError,
  ConfigurationError,
  ForbiddenException,
  NetworkError,
  TimeoutError,
  TlsError,
  UnauthorizedException,
} from 'cohesity-sdk';
import { CommanderError } from 'commander';

/** The CLI's exit codes; scripts branch on them. */
export const ExitCode = { ok: 0, api: 1, usage: 2, auth: 3, connection: 4 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface CliErrorDetails {
  exitCode: ExitCode;
  /** What failed, e.g. `login to 10.0.0.5`; empty when the message says it already. */
  what: string;
  /** Why: usually the cluster's own message. */
  message: string;
  hint?: string;
  cause?: unknown;
}

/** A failure the CLI explains in one line and turns into an exit code. */
export class CliError extends Error {
  override name = 'CliError';
  readonly exitCode: ExitCode;
  readonly what: string;
  readonly hint: string | undefined;

  constructor(details: CliErrorDetails) {
    super(details.message, { cause: details.cause });
    this.exitCode = details.exitCode;
    this.what = details.what;
    this.hint = details.hint;
  }
}

/** A command used wrongly: exit 2. */
export const usageError = (what: string, message: string, hint?: string) =>
  new CliError({ exitCode: ExitCode.usage, what, message, ...(hint ? { hint } : {}) });

const LOGIN_HINT = "run 'cohesity login' again";

function apiError(error: ApiException, what: string): CliError {
  const message = error.body ? `${error.body.message} (${error.errorCode})` : `HTTP ${error.status}`;
  if (error instanceof UnauthorizedException) {
    return new CliError({ exitCode: ExitCode.auth, what, message, hint: LOGIN_HINT, cause: error });
  }
  const hint =
    error instanceof ForbiddenException
      ? "ask an admin to give you a role that has it: 'cohesity users update NAME --role ROLE'"
      : undefined;
  return new CliError({ exitCode: ExitCode.api, what, message, ...(hint ? { hint } : {}), cause: error });
}

/** Any thrown value, as a `CliError`; `what` names the step when the error's message does not. */
export function toCliError(error: unknown, what = ''): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof CommanderError) return usageError(what, error.message.replace(/^error: /, ''));
  if (error instanceof ApiException) return apiError(error, `${error.method} ${error.path}`);
  if (error instanceof TlsError) {
    const hint = /does not match/.test(error.message)
      ? "the cluster's certificate changed since login: if that is expected, run 'cohesity logout' and log in again"
      : "run 'cohesity login --ca-file FILE' with the cluster's CA, or log in without it to pin the certificate";
    return new CliError({ exitCode: ExitCode.connection, what, message: error.message, hint, cause: error });
  }
  if (error instanceof NetworkError || error instanceof TimeoutError) {
    const hint = "check the VIP and port ('cohesity profiles list' shows them), and that the cluster is up";
    return new CliError({ exitCode: ExitCode.connection, what, message: error.message, hint, cause: error });
  }
  if (error instanceof ConfigurationError) return usageError(what, error.message);
  if (error instanceof CohesityError) return new CliError({ exitCode: ExitCode.api, what, message: error.message });
  const message = error instanceof Error ? error.message : String(error);
  return new CliError({ exitCode: ExitCode.api, what, message, cause: error });
}

/** One line: what failed, why, and what to do. The stack only with --debug. */
export function formatError(error: CliError, debug: boolean): string {
  const hint = error.hint ? ` (hint: ${error.hint})` : '';
  const what = error.what ? `${error.what}: ` : '';
  const line = `cohesity: ${what}${error.message}${hint}\n`;
  if (!debug) return line;
  const cause = error.cause instanceof Error ? error.cause : error;
  return `${line}${cause.stack ?? ''}\n`;
}

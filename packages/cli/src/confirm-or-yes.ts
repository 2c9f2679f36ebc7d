import { CliError, ExitCode } from './errors.js';
import { confirm } from './prompts.js';

/**
 * Asks before something that cannot be undone, unless `--yes`. Without a terminal to ask on,
 * it refuses and says to pass `--yes`: a script must say it means it.
 */
export async function confirmOrYes(yes: boolean | undefined, question: string, what: string): Promise<void> {
  if (yes) return;
  if (await confirm(question, 'pass --yes to go ahead without asking')) return;
  throw new CliError({
    exitCode: ExitCode.usage,
    what,
    message: 'not confirmed, nothing changed',
    hint: 'answer y, or pass --yes',
  });
}

import { Command, Option } from 'commander';
import { faultsRequest } from './faults-request.js';
import { type ScopeOptions, scopeOf, withScopeOptions } from './scope-options.js';

const KINDS = ['tokens', 'sessions', 'cookies', 'apiKeys'];

export function expireCommand(): Command {
  const command = new Command('expire')
    .description('Expire tokens, sessions, cookies and API keys now: the next call gets what a real expiry gives')
    .addOption(new Option('--kinds <kind...>', 'only these kinds').choices(KINDS))
    .addHelpText(
      'after',
      '\nExamples:\n  $ cohesity faults expire --kinds tokens\n  $ cohesity faults expire --user alice\n\n' +
        "Expiring every token expires this CLI's own too: run 'cohesity login' again afterwards.",
    );
  return withScopeOptions(command, false).action(async (options: ScopeOptions & { kinds?: string[] }, cmd: Command) =>
    faultsRequest(
      cmd,
      'POST',
      '/expire',
      { ...scopeOf(options), ...(options.kinds ? { kinds: options.kinds } : {}) },
      'Expired',
    ),
  );
}

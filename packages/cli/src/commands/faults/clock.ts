import { Command, InvalidArgumentError } from 'commander';
import { faultsRequest } from './faults-request.js';

const UNIT_MSECS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `90s`, `30m`, `25h`, `2d` (or plain milliseconds) as milliseconds. */
export function parseDuration(value: string): number {
  const match = /^(\d+)(ms|s|m|h|d)?$/.exec(value.trim());
  const msecs = match ? Number(match[1]) * (UNIT_MSECS[match[2] ?? 'ms'] ?? 1) : Number.NaN;
  if (!(msecs >= 1)) throw new InvalidArgumentError('a duration such as 90s, 30m, 25h or 2d');
  return msecs;
}

export function clockCommand(): Command {
  return new Command('clock')
    .description("Move the server's clock forward: tokens, sessions, API keys and lockouts see the new time")
    .argument('<duration>', 'how far: 90s, 30m, 25h, 2d', parseDuration)
    .addHelpText('after', '\nExamples:\n  $ cohesity faults clock 25h')
    .action(async (advanceMsecs: number, _options: object, cmd: Command) =>
      faultsRequest(cmd, 'POST', '/clock', { advanceMsecs }, 'Clock moved'),
    );
}

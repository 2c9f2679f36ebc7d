import { Command, InvalidArgumentError } from 'commander';
import { faultsRequest } from './faults-request.js';
import { type ScopeOptions, scopeOf, withScopeOptions } from './scope-options.js';

const ANSWERS = ['429', '500', '502', '503', 'hang-up', 'delay'];

const integer = (value: string) => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new InvalidArgumentError('a whole number');
  return parsed;
};
const share = (value: string) => {
  const parsed = Number(value);
  if (!(parsed > 0 && parsed <= 1)) throw new InvalidArgumentError('a number above 0, at most 1');
  return parsed;
};

interface InjectOptions extends ScopeOptions {
  count?: number;
  share?: number;
  latency?: number;
  retryAfter?: number;
}

export function injectCommand(): Command {
  const command = new Command('inject')
    .description('Make the next N matching requests (or a share) answer 429, 500, 502, 503, hang up, or wait')
    .argument('<answer>', ANSWERS.join(', '), (value: string) => {
      if (!ANSWERS.includes(value)) throw new InvalidArgumentError(`one of ${ANSWERS.join(', ')}`);
      return /^\d+$/.test(value) ? Number(value) : value;
    })
    .option('--count <n>', 'the next n matching requests (default 1)', integer)
    .option('--share <fraction>', 'this share of matching requests, until removed', share)
    .option('--latency <msecs>', 'added before the answer (required for delay)', integer)
    .option('--retry-after <seconds>', 'Retry-After of a 429 or 503 (default 1)', integer)
    .addHelpText(
      'after',
      '\nExamples:\n  $ cohesity faults inject 503 --count 2 --route /v2/clusters\n' +
        '  $ cohesity faults inject delay --latency 5000 --share 0.1\n  $ cohesity faults inject hang-up --user alice',
    );
  return withScopeOptions(command).action(async (answer: string | number, options: InjectOptions, cmd: Command) => {
    const { count, share: fraction, latency, retryAfter, ...scope } = options;
    const body = {
      answer,
      ...scopeOf(scope),
      ...(count === undefined ? {} : { count }),
      ...(fraction === undefined ? {} : { share: fraction }),
      ...(latency === undefined ? {} : { latencyMsecs: latency }),
      ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
    };
    await faultsRequest(cmd, 'POST', '/requests', body, 'Injected');
  });
}

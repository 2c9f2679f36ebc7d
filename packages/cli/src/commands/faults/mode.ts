import { Command, InvalidArgumentError } from 'commander';
import { faultsRequest } from './faults-request.js';

const MODES: Record<string, string> = { 'session-management': 'sessionManagement', mfa: 'mfaRequired' };

export function modeCommand(): Command {
  return new Command('mode')
    .description('Switch session-management mode (token logins refused) or MFA-required mode on or off')
    .argument('<mode>', Object.keys(MODES).join(' or '), (value: string) => {
      const field = MODES[value];
      if (!field) throw new InvalidArgumentError(`one of ${Object.keys(MODES).join(', ')}`);
      return field;
    })
    .argument('<state>', 'on or off', (value: string) => {
      if (value !== 'on' && value !== 'off') throw new InvalidArgumentError('on or off');
      return value === 'on';
    })
    .addHelpText('after', '\nExamples:\n  $ cohesity faults mode session-management on')
    .action(async (field: string, on: boolean, _options: object, cmd: Command) =>
      faultsRequest(cmd, 'PUT', '/modes', { [field]: on }, 'Modes:'),
    );
}

import { Command } from 'commander';
import { authStatusCommand } from './status.js';

export function authCommand(): Command {
  return new Command('auth')
    .description('Check the login in use (cohesity login and logout change it)')
    .addHelpText('after', '\nExamples:\n  $ cohesity auth status')
    .addCommand(authStatusCommand());
}

import { Command } from 'commander';
import { usageError } from '../errors.js';
import type { GlobalOptions } from '../global-options.js';
import { loginCommandFor } from '../login-hint.js';
import { printJson } from '../output.js';
import { loadProfile } from '../profiles.js';
import { resolveToken } from '../resolve-token.js';

async function token(_options: object, command: Command): Promise<void> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const profile = await loadProfile(globals.profile);
  if (profile?.apiKey) {
    throw usageError(
      `profile '${globals.profile}'`,
      'it holds an API key, not an access token (send the key in the apiKey header instead)',
      `run '${loginCommandFor(globals.profile, '--vip HOST --username NAME')}' to get a token`,
    );
  }
  const { token: saved } = await resolveToken(globals, profile);
  if (globals.json) {
    const { accessToken, tokenType, privileges } = saved;
    printJson({ accessToken, tokenType, privileges });
  } else {
    process.stdout.write(`${saved.accessToken}\n`);
  }
}

export function tokenCommand(): Command {
  return new Command('token')
    .description('Print a valid access token for scripts (--json: the whole AccessTokenResponse)')
    .addHelpText(
      'after',
      `
An expired token is renewed only when COHESITY_PASSWORD is set (profiles hold no
password); otherwise the command fails with exit code 3: log in again.

Examples:
  $ curl -k -H "Authorization: Bearer $(cohesity token)" https://10.0.0.5/v2/clusters
  $ cohesity token --json | jq -r .privileges[]`,
    )
    .action(token);
}

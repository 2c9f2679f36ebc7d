import { Command } from 'commander';
import type { GlobalOptions } from '../global-options.js';
import { note, printJson, warn } from '../output.js';
import { deleteProfile, loadProfile } from '../profiles.js';

async function logout(_options: object, command: Command): Promise<void> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const { profile } = globals;
  const saved = await loadProfile(profile);
  const removed = await deleteProfile(profile);
  if (globals.json) {
    printJson({ profile, removed, tokenValidUntil: saved?.token?.expiresAt ?? null });
    return;
  }
  if (!removed) {
    note(`Not logged in (no profile '${profile}')`);
    return;
  }
  note(`Logged out (profile '${profile}' removed from this machine)`);
  // The contract has no call that revokes one token; saying so beats a false sense of safety.
  if (saved?.token) {
    warn(
      `The token itself stays valid on the cluster until ${saved.token.expiresAt}: the cluster's API cannot revoke one token.\n` +
        `If it may have leaked, end all of ${saved.username}'s tokens by changing the password: cohesity users passwd ${saved.username}`,
    );
  } else if (saved?.apiKey) {
    warn(
      "The API key still works on the cluster: delete it with 'cohesity api-keys delete <id>' if it is no longer needed.",
    );
  }
}

export function logoutCommand(): Command {
  return new Command('logout')
    .description("Forget a profile's token or API key and pinned certificate on this machine")
    .addHelpText(
      'after',
      `
A Cohesity cluster has no call that revokes a single access token: the token stays valid until
it expires. Changing the user's password (cohesity users passwd) ends all of its tokens.

Examples:
  $ cohesity logout
  $ cohesity logout --profile lab`,
    )
    .action(logout);
}

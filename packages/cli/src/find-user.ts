import type { ClusterClient, User } from 'cohesity-sdk';
import { CliError, ExitCode } from './errors.js';

/** A user by SID, or by username (`users delete ops`); one clear error when there is none. */
export async function findUser(client: ClusterClient, sidOrName: string, what: string): Promise<User> {
  const { users } = await client.users.getUsers(
    /^S-\d/.test(sidOrName) ? { sids: [sidOrName] } : { usernames: [sidOrName] },
  );
  const found = users[0];
  if (!found) {
    throw new CliError({
      exitCode: ExitCode.api,
      what,
      message: `no user '${sidOrName}' on the cluster`,
      hint: "run 'cohesity users list' to see them",
    });
  }
  return found;
}

import type { ClusterClient, V2Schema } from 'cohesity-sdk';
import { CliError, ExitCode } from './errors.js';

type User = V2Schema<'UserParams'>;

/** A user by SID, or by username (`users delete ops`); one clear error when there is none. */
export async function findUser(
  client: ClusterClient,
  sidOrName: string,
  what: string,
): Promise<User & { sid: string; username: string; domain: string }> {
  const { users } = await client.users.getUsers(
    /^S-\d/.test(sidOrName) ? { sids: [sidOrName] } : { usernames: [sidOrName] },
  );
  const found = users?.[0];
  if (!found?.sid || !found.username || !found.domain) {
    throw new CliError({
      exitCode: ExitCode.api,
      what,
      message: `no user '${sidOrName}' on the cluster`,
      hint: "run 'cohesity users list' to see them",
    });
  }
  return { ...found, sid: found.sid, username: found.username, domain: found.domain };
}

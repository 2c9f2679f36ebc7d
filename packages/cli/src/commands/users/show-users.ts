import type { V2Schema } from 'cohesity-sdk';
import { formatTime } from '../../format-time.js';
import type { GlobalOptions } from '../../global-options.js';
import { printJson, printTable } from '../../output.js';

type User = V2Schema<'UserParams'>;

const COLUMNS = ['sid', 'username', 'domain', 'roles', 'locked', 'lastLogin'];
const rowOf = (user: User) => ({ ...user, lastLogin: formatTime(user.lastLoginTimeMsecs) });

/** Users as a table, or `{users}` with --json. */
export function showUsers(globals: GlobalOptions, users: readonly User[] | null | undefined = []): void {
  if (globals.json) printJson({ users: users ?? [] });
  else printTable((users ?? []).map(rowOf), COLUMNS);
}

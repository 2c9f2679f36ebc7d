import type { User } from 'cohesity-sdk';
import { formatTime } from '../../format-time.js';
import type { GlobalOptions } from '../../global-options.js';
import { printJson, printTable } from '../../output.js';

const COLUMNS = ['sid', 'username', 'domain', 'roles', 'locked', 'lastLogin'];
const rowOf = (user: User) => ({ ...user, lastLogin: formatTime(user.lastLoginTimeMsecs) });

/** Users as a table, or `{users}` with --json. */
export function showUsers(globals: GlobalOptions, users: User[]): void {
  if (globals.json) printJson({ users });
  else printTable(users.map(rowOf), COLUMNS);
}

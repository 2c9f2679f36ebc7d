import { Roles } from 'cohesity-sdk';

type Role = (typeof Roles)[number];

import { usageError } from './errors.js';

/** `--role` values, upper-cased; an unknown one is refused with the list of the cluster's roles. */
export function parseRoles(what: string, values: readonly string[]): Role[] {
  return values.map((value) => {
    const role = value.toUpperCase();
    if (!(Roles as readonly string[]).includes(role)) {
      throw usageError(what, `'${value}' is not a role`, `use one of ${Roles.join(', ')}`);
    }
    return role as Role;
  });
}

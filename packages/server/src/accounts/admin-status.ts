import { DEFAULT_DOMAIN } from 'cohesity-sdk/models';
import type { PasswordHasher } from '../auth/passwords.js';
import type { Store } from '../store/store.js';

/** The password `admin` gets when no `--admin-password` is given. */
export const DEFAULT_ADMIN_PASSWORD = 'admin';

/** What is true of the `admin` login right after start, for the banner. */
export interface AdminStatus {
  /** The `admin` user exists (another administrator may have deleted it). */
  exists: boolean;
  /** This start created it, from `--admin-password` or the default. */
  created: boolean;
  /** Its stored password is still the default `admin`. */
  defaultPassword: boolean;
  /** `--admin-password` was given but not used: the user existed already with another password. */
  ignored: boolean;
}

/**
 * Reads the truth from the store rather than the flags: after a restart the flags say
 * nothing about the stored password. One or two hash checks at start, off the event loop.
 */
export async function adminStatus(
  store: Store,
  hasher: PasswordHasher,
  configuredPassword: string,
  created: boolean,
): Promise<AdminStatus> {
  const user = await store.findUser('admin', DEFAULT_DOMAIN);
  if (!user) return { exists: false, created: false, defaultPassword: false, ignored: false };
  if (created) {
    return { exists: true, created, defaultPassword: configuredPassword === DEFAULT_ADMIN_PASSWORD, ignored: false };
  }
  const defaultPassword = await hasher.verify(user.passwordHash, DEFAULT_ADMIN_PASSWORD);
  const given = configuredPassword !== DEFAULT_ADMIN_PASSWORD;
  const ignored = given && !(await hasher.verify(user.passwordHash, configuredPassword));
  return { exists: true, created, defaultPassword, ignored };
}

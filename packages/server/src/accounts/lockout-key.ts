import { hashSecret } from '../secret-hash.js';

/**
 * Failed logins count per account (username and domain, whether or not such a user exists)
 * and source address, stored hashed: the typed "username" is sometimes a password typed
 * into the wrong field, which must not sit in the database in clear.
 */
export const lockoutAccount = (username: string, domain: string) => hashSecret(`${domain.toLowerCase()}\\${username}`);

/**
 * A stranger's wrong passwords lock the account for the stranger's address only, not for
 * its owner logging in from elsewhere (`lockoutAccount` prefixes every address's key).
 */
export const lockoutKey = (username: string, domain: string, ip: string) => `${lockoutAccount(username, domain)}@${ip}`;

/** Lockout counts per username and domain, whether or not such a user exists. */
export const lockoutKey = (username: string, domain: string) => `${domain.toLowerCase()}\\${username}`;

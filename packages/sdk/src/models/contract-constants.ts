// Values of the contract that server, SDK and CLI must agree on. No schema library here:
// the SDK's root entry re-exports these without loading TypeBox.

/** The domain of local users: what a login or a user without one belongs to. */
export const DEFAULT_DOMAIN = 'LOCAL';

/**
 * Longest password accepted, in UTF-8 bytes: longer ones are refused before any hashing
 * (argon2's cost grows with its input). Schemas use it as a character bound, which no
 * password within the byte limit exceeds.
 */
export const MAX_PASSWORD_BYTES = 1024;

/** The 401 message for an access token past its expiry. */
export const TOKEN_EXPIRED_MESSAGE = 'Token expired';

/** The 401 message for an access token the cluster does not accept (signature, key, revocation). */
export const INVALID_TOKEN_MESSAGE = 'The access token is invalid.';

/** The 401 messages of an ended session (`session-id` or the web-login cookie). */
export const SESSION_EXPIRED_MESSAGE = 'The session has expired.';
export const SESSION_INVALID_MESSAGE = 'The session is invalid.';

/** The 401 messages after which a client holding a password logs in again and replays once. */
export const REPLAYABLE_401_MESSAGES: readonly string[] = [TOKEN_EXPIRED_MESSAGE, INVALID_TOKEN_MESSAGE];

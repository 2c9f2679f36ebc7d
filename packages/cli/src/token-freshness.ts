import type { SavedToken } from './profiles.js';

/**
 * Whether a saved token is still worth sending. A token about to expire would die on its way,
 * so the last minute does not count, but never more than a quarter of its whole lifetime: a
 * cluster set to one-minute tokens must not see every token as expired on arrival.
 */
export function isFresh(token: SavedToken, now = Date.now()): boolean {
  const expires = Date.parse(token.expiresAt);
  const issued = token.issuedAt ? Date.parse(token.issuedAt) : Number.NaN;
  const margin = Number.isNaN(issued) ? 60_000 : Math.min(60_000, (expires - issued) / 4);
  return expires - now > margin;
}

/** Why a token is not fresh, truthfully: expired, or only about to. */
export function staleness(token: SavedToken, now = Date.now()): string {
  const left = Date.parse(token.expiresAt) - now;
  return left <= 0
    ? `the access token expired at ${token.expiresAt}`
    : `the access token expires at ${token.expiresAt}, in ${Math.ceil(left / 1000)} s: too soon to use it`;
}

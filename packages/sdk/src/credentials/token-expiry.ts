const DAY_MSECS = 24 * 60 * 60 * 1000;

/** When a token expires, measured from the moment it was received. */
export interface TokenExpiry {
  /** Milliseconds from receipt until the cluster stops accepting the token. */
  remainingMsecs: number;
  /** The token's whole lifetime (from `iat` when present), which sizes the renewal margin. */
  lifetimeMsecs: number;
}

function decodeClaims(token: string): Record<string, unknown> | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
    const claims: unknown = JSON.parse(json);
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The cluster's clock at the moment a response arrived. `Date` has one-second resolution, so
 * a local clock within that second is the same clock, only more precise; otherwise the
 * local clock is off and we take the header, rounded up so a renewal is never late.
 */
export function serverNowMsecs(dateHeader: string | null | undefined, localNowMsecs: number): number {
  const dateMsecs = dateHeader ? Date.parse(dateHeader) : Number.NaN;
  if (Number.isNaN(dateMsecs)) return localNowMsecs;
  return localNowMsecs >= dateMsecs && localNowMsecs < dateMsecs + 1000 ? localNowMsecs : dateMsecs + 999;
}

/**
 * Reads the token's `expiration-time` claim (epoch seconds, as a string) without verifying
 * it: the cluster verifies, the client only plans its renewal. Falls back to 24 hours.
 * @example
 * tokenExpiry(accessToken, response.headers.get('date'), Date.now()).remainingMsecs
 */
export function tokenExpiry(token: string, dateHeader: string | null | undefined, localNowMsecs: number): TokenExpiry {
  const claims = decodeClaims(token);
  const expiresSec = Number(claims?.['expiration-time']);
  if (!Number.isFinite(expiresSec) || expiresSec <= 0) return { remainingMsecs: DAY_MSECS, lifetimeMsecs: DAY_MSECS };
  const remainingMsecs = Math.max(0, expiresSec * 1000 - serverNowMsecs(dateHeader, localNowMsecs));
  const issuedSec = Number(claims?.iat);
  const lifetimeMsecs =
    Number.isFinite(issuedSec) && issuedSec < expiresSec ? (expiresSec - issuedSec) * 1000 : remainingMsecs;
  return { remainingMsecs, lifetimeMsecs };
}

import { describe, expect, it } from 'vitest';
import { serverNowMsecs, tokenExpiry } from '../../src/credentials/token-expiry.js';

const HOUR = 3_600_000;
const jwt = (claims: Record<string, unknown>) =>
  `eyJhbGciOiJSUzI1NiJ9.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

describe('tokenExpiry', () => {
  const serverNow = Date.parse('2026-06-01T12:00:00Z');
  const token = jwt({ 'expiration-time': String(serverNow / 1000 + 3600), iat: serverNow / 1000 });
  const date = new Date(serverNow).toUTCString();

  it('measures the remaining lifetime on the server clock, whatever the local clock says', () => {
    for (const skew of [0, -5 * HOUR, 5 * HOUR, 30 * 24 * HOUR]) {
      const { remainingMsecs, lifetimeMsecs } = tokenExpiry(token, date, serverNow + skew);
      expect(lifetimeMsecs).toBe(HOUR);
      // Off clocks round the header up by < 1 s, so a renewal is never late.
      expect(remainingMsecs).toBeGreaterThan(HOUR - 1000);
      expect(remainingMsecs).toBeLessThanOrEqual(HOUR);
    }
  });

  it('uses the precise local clock when it agrees with the Date header', () => {
    expect(serverNowMsecs(date, serverNow + 400)).toBe(serverNow + 400);
    expect(serverNowMsecs(date, serverNow - 1)).toBe(serverNow + 999);
    expect(serverNowMsecs(null, 42)).toBe(42);
    expect(serverNowMsecs('not a date', 42)).toBe(42);
  });

  it('falls back to 24 hours when the token has no readable expiration-time', () => {
    for (const odd of ['opaque-token', jwt({}), jwt({ 'expiration-time': 'soon' }), 'a.!!!.b']) {
      expect(tokenExpiry(odd, date, serverNow)).toEqual({ remainingMsecs: 24 * HOUR, lifetimeMsecs: 24 * HOUR });
    }
  });
});

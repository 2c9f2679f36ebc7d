/**
 * The web login's one cookie (login flows §2, the project's name): host-only, `Path=/` so
 * it reaches `/irisservices/api/v1` and `/v2` alike, no `Max-Age` (the server ends it).
 */
export const SESSION_COOKIE = 'cohesity-session';

const ATTRIBUTES = 'Path=/; HttpOnly; Secure; SameSite=Strict';

export const sessionCookie = (sessionId: string) => `${SESSION_COOKIE}=${sessionId}; ${ATTRIBUTES}`;

export const clearedSessionCookie = () => `${SESSION_COOKIE}=; ${ATTRIBUTES}; Max-Age=0`;

/**
 * The session cookie's values in a `Cookie` header, in order. More than one means two
 * parties may each believe a different one is in use: the caller refuses that.
 */
export function sessionCookiesIn(header: string | undefined): string[] {
  if (!header) return [];
  const values: string[] = [];
  for (const pair of header.split(';')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === SESSION_COOKIE) values.push(pair.slice(at + 1).trim());
  }
  return values;
}

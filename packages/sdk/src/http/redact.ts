/** The headers that carry credentials (contract §3) or cookies. The only list of them. */
const SECRET_HEADERS = new Set([
  'authorization',
  'apikey',
  'session-id',
  'cookie',
  'set-cookie',
  'proxy-authorization',
]);

export const REDACTED = '[redacted]';

/** True for a header whose value must never be printed. */
const isSecretHeader = (name: string): boolean => SECRET_HEADERS.has(name.toLowerCase());

/**
 * A copy of the headers with every credential replaced by `[redacted]`; names lower-cased.
 * @example
 * redactHeaders({ Authorization: 'Bearer abc' }) // { authorization: '[redacted]' }
 */
export function redactHeaders(headers: Iterable<[string, string]> | Record<string, string>): Record<string, string> {
  const entries = Symbol.iterator in headers ? [...headers] : Object.entries(headers);
  const redacted: Record<string, string> = {};
  for (const [name, value] of entries) {
    redacted[name.toLowerCase()] = isSecretHeader(name) ? REDACTED : value;
  }
  return redacted;
}

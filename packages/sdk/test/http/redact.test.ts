import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REDACTED, redactHeaders } from '../../src/http/redact.js';

describe('redactHeaders', () => {
  it('hides every credential header whatever its case, and keeps the rest', () => {
    const headers = {
      Authorization: 'Bearer secret-token',
      APIKEY: 'secret-key',
      'Session-Id': 'secret-session',
      Cookie: 'a=secret',
      'Set-Cookie': 'b=secret',
      'Proxy-Authorization': 'Basic secret',
      'Content-Type': 'application/json',
    };
    expect(redactHeaders(headers)).toEqual({
      authorization: REDACTED,
      apikey: REDACTED,
      'session-id': REDACTED,
      cookie: REDACTED,
      'set-cookie': REDACTED,
      'proxy-authorization': REDACTED,
      'content-type': 'application/json',
    });
  });

  it('never returns a credential value, for any casing and value', () => {
    const name = fc
      .constantFrom('authorization', 'apikey', 'session-id', 'cookie')
      .chain((n) =>
        fc
          .array(fc.boolean(), { minLength: n.length, maxLength: n.length })
          .map((up) => [...n].map((c, i) => (up[i] ? c.toUpperCase() : c)).join('')),
      );
    fc.assert(
      fc.property(name, fc.string({ minLength: 1 }), (header, value) => {
        expect(Object.values(redactHeaders([[header, value]]))).toEqual([REDACTED]);
      }),
    );
  });
});

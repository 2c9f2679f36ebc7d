import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withoutCredentials } from '../../src/cluster-api/credential-fields.js';

describe('withoutCredentials', () => {
  it('drops credentials at any depth and keeps switches, names and ids', () => {
    const written = {
      endpoint: 'vc.example.com',
      password: 'p',
      regenerateToken: true,
      tokenId: 't-1',
      s3SecretKey: 's',
      vmwareParams: { username: 'root', sshPrivateKey: 'k', credentials: [{ userPassword: 'u', domain: 'D' }] },
    };
    expect(withoutCredentials(written)).toEqual({
      endpoint: 'vc.example.com',
      regenerateToken: true,
      tokenId: 't-1',
      vmwareParams: { username: 'root', credentials: [{ domain: 'D' }] },
    });
  });

  it('never leaves a string under a credential name, and changes nothing else', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const kept = JSON.stringify(withoutCredentials(value));
        expect(kept).not.toMatch(/"[^"]*(password|secret|token)":"/i);
        const plain = JSON.stringify(value);
        if (!/password|passphrase|secret|key|token|code"/i.test(plain)) expect(kept).toBe(plain);
      }),
    );
  });
});

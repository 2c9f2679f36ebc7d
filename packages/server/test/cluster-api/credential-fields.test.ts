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
    // JSON values with credentials put in on purpose, at any depth, beside ordinary fields.
    const credential = fc.constantFrom('password', 's3SecretKey', 'apiToken', 'clientPrivateKey', 'mfaCode');
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue({ maxDepth: 1 }),
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(fc.oneof(credential, fc.string()), fc.oneof(fc.string(), tie('value')), { maxKeys: 4 }),
      ),
    }));
    fc.assert(
      fc.property(value, (written) => {
        const kept = JSON.stringify(withoutCredentials(written));
        expect(kept).not.toMatch(/"(password|s3SecretKey|apiToken|clientPrivateKey|mfaCode)":"/);
        const plain = JSON.stringify(written);
        if (!/password|passphrase|secret|key|token|code"/i.test(plain)) expect(kept).toBe(plain);
      }),
    );
  });
});

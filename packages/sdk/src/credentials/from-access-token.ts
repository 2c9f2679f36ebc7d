import type { Credential, CredentialProvider } from './credential-provider.js';

class AccessTokenCredentialProvider implements CredentialProvider {
  readonly kind = 'accessToken';
  readonly #credential: Credential;

  constructor(accessToken: string, tokenType: string) {
    this.#credential = { headers: { authorization: `${tokenType} ${accessToken}` } };
  }

  async get(): Promise<Credential> {
    return this.#credential;
  }

  // Without a password there is no way to a new token: a rejected one stays rejected.
  shouldReplay(): boolean {
    return false;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return 'AccessTokenCredentialProvider {}';
  }

  toJSON(): { kind: 'accessToken' } {
    return { kind: 'accessToken' };
  }
}

/**
 * Credentials from an access token obtained elsewhere (e.g. saved by the CLI): sent as
 * `Authorization: <tokenType> <accessToken>`; never logs in or renews.
 * @example
 * const provider = fromAccessToken(saved.accessToken, saved.tokenType);
 */
export function fromAccessToken(accessToken: string, tokenType = 'Bearer'): CredentialProvider {
  return new AccessTokenCredentialProvider(accessToken, tokenType);
}

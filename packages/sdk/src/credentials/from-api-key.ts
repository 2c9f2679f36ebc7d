import type { Credential, CredentialProvider } from './credential-provider.js';

class ApiKeyCredentialProvider implements CredentialProvider {
  readonly kind = 'apiKey';
  readonly #credential: Credential;

  constructor(apiKey: string) {
    this.#credential = { headers: { apiKey } };
  }

  async get(): Promise<Credential> {
    return this.#credential;
  }

  // A rejected key stays rejected: logging in again is not an option, so never replay.
  shouldReplay(): boolean {
    return false;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return 'ApiKeyCredentialProvider {}';
  }

  toJSON(): { kind: 'apiKey' } {
    return { kind: 'apiKey' };
  }
}

/**
 * Credentials from an API key: sent as the `apiKey` header; never logs in.
 * @example
 * const provider = fromApiKey(process.env.COHESITY_API_KEY ?? '');
 */
export function fromApiKey(apiKey: string): CredentialProvider {
  return new ApiKeyCredentialProvider(apiKey);
}

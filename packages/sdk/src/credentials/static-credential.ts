import type { Credential, CredentialProvider } from './credential-provider.js';

class StaticCredentialProvider implements CredentialProvider {
  readonly kind: CredentialProvider['kind'];
  readonly #credential: Credential;

  constructor(kind: CredentialProvider['kind'], headers: Readonly<Record<string, string>>) {
    this.kind = kind;
    this.#credential = { headers };
  }

  async get(): Promise<Credential> {
    return this.#credential;
  }

  // Without a password there is no way to fresh credentials: a rejected one stays rejected.
  shouldReplay(): boolean {
    return false;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `CredentialProvider { kind: '${this.kind}' }`;
  }

  toJSON(): { kind: CredentialProvider['kind'] } {
    return { kind: this.kind };
  }
}

/** Credentials that never change: the same headers on every request, never renewed or replayed. */
export function staticCredential(
  kind: CredentialProvider['kind'],
  headers: Readonly<Record<string, string>>,
): CredentialProvider {
  return new StaticCredentialProvider(kind, headers);
}

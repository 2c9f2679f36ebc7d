/** The headers that authenticate one request. */
export interface Credential {
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Where a request's credentials come from (AWS SDK v3's credential providers, as an object).
 * `get` may log in; `shouldReplay` says whether a 401 earned one new try with fresh credentials.
 */
export interface CredentialProvider {
  readonly kind: 'password' | 'apiKey' | 'accessToken';
  get(signal?: AbortSignal): Promise<Credential>;
  /** Called with the credential the cluster rejected and the cluster's message. */
  shouldReplay(rejected: Credential, message: string): boolean;
}

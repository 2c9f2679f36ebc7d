import type { CredentialProvider } from './credential-provider.js';
import { staticCredential } from './static-credential.js';

/**
 * Credentials from an API key: sent as the `apiKey` header; never logs in.
 * @example
 * const provider = fromApiKey(process.env.COHESITY_API_KEY ?? '');
 */
export function fromApiKey(apiKey: string): CredentialProvider {
  return staticCredential('apiKey', { apiKey });
}

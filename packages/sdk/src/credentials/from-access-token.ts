import type { CredentialProvider } from './credential-provider.js';
import { staticCredential } from './static-credential.js';

/**
 * Credentials from an access token obtained elsewhere (e.g. saved by the CLI): sent as
 * `Authorization: <tokenType> <accessToken>`; never logs in or renews.
 * @example
 * const provider = fromAccessToken(saved.accessToken, saved.tokenType);
 */
export function fromAccessToken(accessToken: string, tokenType = 'Bearer'): CredentialProvider {
  return staticCredential('accessToken', { authorization: `${tokenType} ${accessToken}` });
}

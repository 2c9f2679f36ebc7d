import type { Api } from './endpoint.js';

/**
 * A login's answer as the contract has it: exactly these three keys, never null. The
 * documents mark every field optional and nullable (their gap 4: the contract wins).
 */
export interface AccessTokenResponse {
  accessToken: string;
  tokenType: string;
  privileges: string[];
}

/** Results the contract types more strictly than the documents do, by operationId. */
export interface ResultCorrections {
  v2: { createAccessToken: AccessTokenResponse };
  v1: { createGenerateAccessToken: AccessTokenResponse };
}

/** The document's result type, or the contract's where it says more. */
export type Corrected<A extends Api, Id, R> = Id extends keyof ResultCorrections[A] ? ResultCorrections[A][Id] : R;

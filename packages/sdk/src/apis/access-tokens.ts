import type { AccessTokenResponse, CreateAccessTokenRequestParams } from '../models/access-token.js';
import { DEFAULT_DOMAIN } from '../models/contract-constants.js';
import type { ApiCall, CallOptions } from './api-call.js';

/** `AccessTokenApi`: the login endpoint itself. The client logs in for you; call this to get a token to hand elsewhere. */
export class AccessTokenApi {
  readonly #call: ApiCall;

  constructor(call: ApiCall) {
    this.#call = call;
  }

  /**
   * `POST /v2/access-tokens`: a new token for these credentials (domain defaults to LOCAL).
   * @example
   * const { accessToken } = await client.accessToken.createAccessToken({ username: 'admin', password });
   */
  createAccessToken(params: CreateAccessTokenRequestParams, options: CallOptions = {}): Promise<AccessTokenResponse> {
    return this.#call({
      method: 'POST',
      path: '/v2/access-tokens',
      body: { ...params, domain: params.domain ?? DEFAULT_DOMAIN },
      signal: options.signal,
      auth: false,
      idempotent: true,
    });
  }
}

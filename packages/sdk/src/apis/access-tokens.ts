import type { ApiResponse } from '../http/http-client.js';
import type { AccessTokenResponse, CreateAccessTokenRequestParams } from '../models/access-token.js';
import type { ApiCall, CallOptions, ResponseOptions } from './api-call.js';

/** `AccessTokenApi`: the login endpoint itself. The client logs in for you; call this to get a token to hand elsewhere. */
export class AccessTokenApi {
  readonly #call: ApiCall;

  constructor(call: ApiCall) {
    this.#call = call;
  }

  /**
   * `POST /v2/access-tokens`: a new token for these credentials (domain defaults to LOCAL).
   * With `withResponse: true`, the answer's status and headers too (its `Date` dates the token).
   * @example
   * const { accessToken } = await client.accessToken.createAccessToken({ username: 'admin', password });
   */
  createAccessToken(
    params: CreateAccessTokenRequestParams,
    options: ResponseOptions,
  ): Promise<ApiResponse<AccessTokenResponse>>;
  createAccessToken(params: CreateAccessTokenRequestParams, options?: CallOptions): Promise<AccessTokenResponse>;
  createAccessToken(
    params: CreateAccessTokenRequestParams,
    options: CallOptions | ResponseOptions = {},
  ): Promise<AccessTokenResponse | ApiResponse<AccessTokenResponse>> {
    const request = {
      method: 'POST',
      path: '/v2/access-tokens',
      body: { ...params, domain: params.domain ?? 'LOCAL' },
      signal: options.signal,
      auth: false,
      idempotent: true,
    } as const;
    return 'withResponse' in options ? this.#call(request, options) : this.#call(request);
  }
}

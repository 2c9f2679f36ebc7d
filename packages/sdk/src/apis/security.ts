import type { SecurityConfig, UpdateSecurityConfig } from '../models/security-config.js';
import type { ApiCall, CallOptions } from './api-call.js';

/** `SecurityApi`: cluster-wide token lifetime, lockout, sessions and password rules. */
export class SecurityApi {
  readonly #call: ApiCall;

  constructor(call: ApiCall) {
    this.#call = call;
  }

  /**
   * `GET /v2/security-config`.
   * @example
   * const { authTokenTimeoutMinutes } = await client.security.getSecurityConfig();
   */
  getSecurityConfig(options: CallOptions = {}): Promise<SecurityConfig> {
    return this.#call({ method: 'GET', path: '/v2/security-config', signal: options.signal });
  }

  /**
   * `PUT /v2/security-config`: parts left out keep their values.
   * @example
   * await client.security.updateSecurityConfig({ authTokenTimeoutMinutes: 60 });
   */
  updateSecurityConfig(params: UpdateSecurityConfig, options: CallOptions = {}): Promise<SecurityConfig> {
    return this.#call({ method: 'PUT', path: '/v2/security-config', body: params, signal: options.signal });
  }
}

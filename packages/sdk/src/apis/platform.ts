import type { Cluster, LocalDomainSid } from '../models/cluster.js';
import type { ApiCall, CallOptions } from './api-call.js';

/** `PlatformApi`: the cluster itself. */
export class PlatformApi {
  readonly #call: ApiCall;

  constructor(call: ApiCall) {
    this.#call = call;
  }

  /**
   * `GET /v2/clusters`.
   * @example
   * const { name, swVersion } = await client.platform.getCluster();
   */
  getCluster(options: CallOptions = {}): Promise<Cluster> {
    return this.#call({ method: 'GET', path: '/v2/clusters', signal: options.signal });
  }

  /**
   * `GET /v2/clusters/local-domain-sid`: the prefix of every local user's SID.
   * @example
   * const { sid } = await client.platform.getClusterLocalDomainSid();
   */
  getClusterLocalDomainSid(options: CallOptions = {}): Promise<LocalDomainSid> {
    return this.#call({ method: 'GET', path: '/v2/clusters/local-domain-sid', signal: options.signal });
  }
}

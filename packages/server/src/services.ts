import type { SecurityConfig } from 'cohesity-sdk/models';
import type { PasswordHasher } from './auth/passwords.js';
import type { TokenService } from './auth/tokens.js';
import type { ClusterApiContext } from './cluster-api/cluster-api-context.js';
import type { ServerConfig } from './config.js';
import type { AtRestCipher } from './secrets/at-rest-cipher.js';
import type { ClusterIdentity, Store } from './store/store.js';

/** What route plugins need, handed to each as its options. */
export interface Services {
  readonly config: ServerConfig;
  readonly store: Store;
  readonly hasher: PasswordHasher;
  readonly tokens: TokenService;
  readonly cluster: ClusterIdentity;
  /** Seals secrets kept in the database that must be read back (TOTP). */
  readonly atRest: AtRestCipher;
  /** The stand-in cluster's API: both documents, their validators and the resource store. */
  readonly clusterApi: ClusterApiContext;
  /** The current security config (settable through `/v2/security-config`). */
  securityConfig(): Promise<SecurityConfig>;
  /** Milliseconds since the epoch; one clock for the whole server. */
  now(): number;
}

import { randomBytes } from 'node:crypto';

/**
 * The key-encryption key every PostgreSQL node a test starts is given, as an operator gives
 * every node of a cluster the same one (each test node has a data dir of its own).
 */
export const CLUSTER_KEY_ENCRYPTION_KEY = randomBytes(32).toString('base64url');

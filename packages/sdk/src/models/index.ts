/**
 * The wire contract: TypeBox schemas for every body the cluster takes or answers.
 * The server validates with them and the SDK takes its types from them.
 */
export * from './access-token.js';
export * from './api-key.js';
export * from './audit-log.js';
export * from './cluster.js';
export * from './common.js';
export * from './contract-constants.js';
export * from './error.js';
export * from './faults.js';
export * from './mfa.js';
export * from './privileges.js';
export * from './security-config.js';
export * from './session.js';
export * from './tenant.js';
export * from './user.js';
export * from './web-login.js';

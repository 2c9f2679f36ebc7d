import type fc from 'fast-check';
import {
  apiKeyBody,
  createUsersBody,
  loginBody,
  mfaConfigBody,
  protectionGroupBody,
  restoreBody,
  runBody,
  securityConfigBody,
  settingsBody,
  tenantBody,
  totpKeyBody,
  updateUserBody,
  updateUserV1Body,
  verifyOtpBody,
} from './fuzz-shapes.js';

/** One API endpoint the fuzzer aims at. Add a row when a route lands; the suite does the rest. */
export interface FuzzEndpoint {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path template; each `{param}` is filled with a known id or an arbitrary path segment. */
  readonly path: string;
  /** True for routes that need no credentials (logins, cluster info). */
  readonly public?: boolean;
  /** Tables a refused request may append to, with why: logins audit and count failures. */
  readonly mayAppendTo?: readonly ('audit_log' | 'login_failures')[];
  /** Bodies shaped like the route's own, mixed with the generic garbage. */
  readonly body?: fc.Arbitrary<unknown>;
  /**
   * Changes the caller's own state without naming them (their TOTP key, their session): left
   * out of the phase that expects a viewer to change nothing.
   */
  readonly actsOnCaller?: boolean;
  /** The route's query parameter names, mixed into the generic query strings. */
  readonly query?: readonly string[];
}

/** Tables any refused login may write to: its audit line and the failure count behind lockout. */
export const LOGIN_TABLES = ['audit_log', 'login_failures'] as const;

const V1 = '/irisservices/api/v1/public';
const KEY = '/v2/users/{sid}/api-keys/{id}';
const V1_KEY = `${V1}/users/{sid}/apiKeys/{id}`;
const KEY_QUERY = ['ids', 'isActive', 'isExpired'];
const GROUPS = '/v2/data-protect/protection-groups';

export const FUZZ_ENDPOINTS: readonly FuzzEndpoint[] = [
  { method: 'POST', path: '/v2/access-tokens', public: true, mayAppendTo: LOGIN_TABLES },
  { method: 'POST', path: `${V1}/accessTokens`, public: true, mayAppendTo: LOGIN_TABLES },
  { method: 'GET', path: '/v2/clusters' },
  { method: 'GET', path: '/v2/clusters/local-domain-sid' },
  { method: 'GET', path: `${V1}/basicClusterInfo`, public: true },
  { method: 'GET', path: `${V1}/cluster`, query: ['fetchStats'] },
  { method: 'GET', path: `${V1}/sessionUser` },
  { method: 'GET', path: `${V1}/sessionUser/preferences` },
  { method: 'GET', path: '/healthz', public: true },
  { method: 'GET', path: '/readyz', public: true },
  // Users (contract §7).
  { method: 'POST', path: '/v2/users', body: createUsersBody },
  { method: 'GET', path: '/v2/users', query: ['domain', 'sids', 'usernames', 'roles'] },
  { method: 'GET', path: '/v2/users/{sid}' },
  { method: 'PUT', path: '/v2/users/{sid}', body: updateUserBody },
  { method: 'DELETE', path: '/v2/users/{sid}' },
  { method: 'GET', path: `${V1}/users`, query: ['domain', 'usernames', 'sids'] },
  // API keys, v2 (contract §5) and v1.
  { method: 'POST', path: '/v2/users/{sid}/api-keys', body: apiKeyBody('expiryTimeMsecs') },
  { method: 'GET', path: '/v2/users/{sid}/api-keys', query: KEY_QUERY },
  { method: 'GET', path: KEY },
  { method: 'PUT', path: KEY, body: apiKeyBody('expiryTimeMsecs') },
  { method: 'DELETE', path: KEY },
  { method: 'POST', path: `${KEY}/rotate` },
  { method: 'GET', path: '/v2/api-keys', query: [...KEY_QUERY, 'ownerSids'] },
  { method: 'POST', path: `${V1}/users/{sid}/apiKeys`, body: apiKeyBody('expiringTimeMsecs') },
  { method: 'GET', path: `${V1}/users/{sid}/apiKeys` },
  { method: 'GET', path: V1_KEY },
  { method: 'PUT', path: V1_KEY, body: apiKeyBody('expiringTimeMsecs') },
  { method: 'DELETE', path: V1_KEY },
  { method: 'POST', path: `${V1_KEY}/rotate` },
  // Sessions (contract §6): creating one is a login.
  { method: 'POST', path: '/v2/users/sessions', public: true, mayAppendTo: LOGIN_TABLES },
  { method: 'GET', path: '/v2/users/sessions', query: ['sids'] },
  { method: 'DELETE', path: '/v2/users/sessions', query: ['sid'] },
  // Settings and the audit log.
  { method: 'GET', path: '/v2/security-config' },
  { method: 'PUT', path: '/v2/security-config', body: securityConfigBody },
  { method: 'POST', path: '/v2/signing-keys/rotate' },
  { method: 'GET', path: '/v2/audit-logs', query: ['limit', 'action', 'actorSid', 'sinceMsecs'] },
  // The login flows: web login, MFA, password changes, tenants.
  { method: 'POST', path: '/login', public: true, mayAppendTo: LOGIN_TABLES, body: loginBody },
  { method: 'POST', path: '/logout', actsOnCaller: true },
  { method: 'GET', path: '/v2/mfa-config' },
  { method: 'PUT', path: '/v2/mfa-config', body: mfaConfigBody },
  { method: 'POST', path: '/v2/totp-key', body: totpKeyBody, actsOnCaller: true },
  { method: 'POST', path: '/v2/send-email-otp', actsOnCaller: true },
  { method: 'POST', path: '/v2/email-otp', public: true, mayAppendTo: LOGIN_TABLES, body: loginBody },
  { method: 'POST', path: `${V1}/verify-otp`, mayAppendTo: LOGIN_TABLES, body: verifyOtpBody },
  { method: 'PUT', path: `${V1}/users`, mayAppendTo: LOGIN_TABLES, body: updateUserV1Body },
  { method: 'GET', path: `${V1}/tenants`, query: ['ids', 'properties', 'hierarchy', 'includeSelf', 'status'] },
  { method: 'POST', path: `${V1}/tenants`, body: tenantBody },
  { method: 'GET', path: '/v2/tenants', query: ['ids', 'statuses'] },
  { method: 'POST', path: '/v2/tenants', body: tenantBody },
  // The generic cluster API (src/cluster-api): lists with filters, records, runs, the
  // documents' ambiguous path pairs, and a route whose query is required.
  { method: 'GET', path: GROUPS, query: ['ids', 'names', 'environments', 'isActive', 'isDeleted'] },
  { method: 'POST', path: GROUPS, body: protectionGroupBody },
  { method: 'GET', path: `${GROUPS}/{id}` },
  { method: 'PUT', path: `${GROUPS}/{id}`, body: protectionGroupBody },
  { method: 'DELETE', path: `${GROUPS}/{id}` },
  { method: 'POST', path: `${GROUPS}/{id}/runs`, body: runBody },
  { method: 'GET', path: `${GROUPS}/{id}/runs`, query: ['runId', 'startTimeUsecs', 'runTypes'] },
  { method: 'GET', path: `${GROUPS}/{id}/runs/{runId}` },
  { method: 'GET', path: `${V1}/protectionJobs`, query: ['ids', 'names', 'environments', 'isActive'] },
  { method: 'POST', path: `${V1}/protectionJobs`, body: protectionGroupBody },
  { method: 'PUT', path: `${V1}/protectionJobs/{id}`, body: protectionGroupBody },
  { method: 'POST', path: `${V1}/protectionJobs/run/{id}`, body: runBody },
  { method: 'GET', path: `${V1}/protectionJobs/{id}/auditTrail` },
  { method: 'GET', path: `${V1}/protectionRuns`, query: ['jobId', 'numRuns', 'excludeTasks'] },
  { method: 'GET', path: `${V1}/alerts`, query: ['maxAlerts', 'alertIdList', 'alertCategoryList'] },
  { method: 'GET', path: '/v2/alerts', query: ['maxAlerts', 'alertIds'] },
  { method: 'GET', path: `${V1}/views/{name}/fileLocks` },
  { method: 'GET', path: `${V1}/nodes/{id}` },
  { method: 'GET', path: `${V1}/protectionSources/registrationInfo`, query: ['environments', 'ids'] },
  { method: 'POST', path: '/v2/data-protect/recoveries', body: restoreBody },
  { method: 'POST', path: '/v2/data-protect/recoveries/{id}/cancel' },
  // v1 restore tasks (the same records as v2 recoveries).
  { method: 'POST', path: `${V1}/restore/recover`, body: restoreBody },
  { method: 'POST', path: `${V1}/restore/clone`, body: restoreBody },
  { method: 'DELETE', path: `${V1}/restore/clone/{id}` },
  { method: 'GET', path: `${V1}/restore/tasks`, query: ['taskIds', 'taskTypes', 'startTimeUsecs'] },
  { method: 'GET', path: `${V1}/restore/tasks/{id}` },
  // Records under a parent that may not exist; settings documents.
  { method: 'POST', path: '/v2/file-services/views/{id}/user-quotas', body: settingsBody },
  { method: 'GET', path: `${V1}/views/id/{id}` },
  { method: 'PUT', path: '/v2/clusters/smtp', body: settingsBody },
  { method: 'DELETE', path: '/v2/clusters/smtp' },
  { method: 'PUT', path: `${V1}/banners`, body: settingsBody },
  { method: 'PATCH', path: '/v2/chassis/{id}', body: settingsBody },
  { method: 'PUT', path: '/v2/mfa-config', body: protectionGroupBody },
  // Paths that do not exist, or exist under other methods: 404 and 405 must hold too.
  { method: 'DELETE', path: '/v2/clusters' },
  { method: 'PUT', path: '/v2/access-tokens/{id}' },
  { method: 'GET', path: '/v2/{resource}/{id}' },
];

/** One API endpoint the fuzzer aims at. Add a row when a route lands; the suite does the rest. */
export interface FuzzEndpoint {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path template; each `{param}` is filled with an arbitrary path segment. */
  readonly path: string;
  /** True for routes that need no credentials (logins, cluster info). */
  readonly public?: boolean;
  /** Tables a refused request may append to, with why: logins audit and count failures. */
  readonly mayAppendTo?: readonly ('audit_log' | 'login_failures')[];
}

const LOGIN_SIDE_EFFECTS = ['audit_log', 'login_failures'] as const;

export const FUZZ_ENDPOINTS: readonly FuzzEndpoint[] = [
  { method: 'POST', path: '/v2/access-tokens', public: true, mayAppendTo: LOGIN_SIDE_EFFECTS },
  {
    method: 'POST',
    path: '/irisservices/api/v1/public/accessTokens',
    public: true,
    mayAppendTo: LOGIN_SIDE_EFFECTS,
  },
  { method: 'GET', path: '/v2/clusters' },
  { method: 'GET', path: '/v2/clusters/local-domain-sid' },
  { method: 'GET', path: '/irisservices/api/v1/public/basicClusterInfo', public: true },
  { method: 'GET', path: '/irisservices/api/v1/public/cluster' },
  { method: 'GET', path: '/irisservices/api/v1/public/sessionUser' },
  { method: 'GET', path: '/irisservices/api/v1/public/sessionUser/preferences' },
  { method: 'GET', path: '/healthz', public: true },
  // Paths that do not exist, or exist under other methods: 404 and 405 must hold too.
  { method: 'DELETE', path: '/v2/clusters' },
  { method: 'PUT', path: '/v2/access-tokens/{id}' },
  { method: 'GET', path: '/v2/{resource}/{id}' },
];

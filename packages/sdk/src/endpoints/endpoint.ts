/** Which of the cluster's two REST APIs an operation belongs to. */
export type Api = 'v1' | 'v2';

/** Where each API lives below the cluster's origin (the documents' `servers`). */
export const API_BASE: Readonly<Record<Api, string>> = { v2: '/v2', v1: '/irisservices/api/v1' };

/** How a list operation pages (see scripts/naming.mjs, which reads it from the document). */
export interface Paging {
  style: 'cookie' | 'index' | 'maxViewId' | 'after' | 'page';
  /** The query parameter that moves to the next page. */
  cursor: string;
  /** The page-size query parameter, or '' when there is none. */
  size: string;
  /** The answer's fields that hold the items (`['']` when the answer is the list itself). */
  items: readonly string[];
  /**
   * Where the next cursor is read, a dotted path: `cookie`, in the answer (the cursor's own
   * name when absent); `maxViewId` and `after`, in the last item.
   */
  from?: string;
}

/** One operation of a document, as the generated tables describe it. */
export interface Endpoint {
  api: Api;
  operationId: string;
  method: string;
  /** The path template from the cluster's root, e.g. `/v2/data-protect/protection-groups/{id}`. */
  path: string;
  /** The parameters sent as headers; every other non-path parameter goes in the query. */
  headers: readonly string[];
  body: 'none' | 'json' | 'multipart';
  /** What the method's first argument is: parameters and `body`, the body itself, or nothing. */
  input: 'params' | 'body' | 'none';
  /** The answer is a file: resolve to its bytes. */
  binary: boolean;
  /** The document sends no credentials (v1's login and basicClusterInfo). */
  public: boolean;
  /** A redirect is the documented answer (a web login's 302), not a failure. */
  redirect: boolean;
  paging: Paging | undefined;
  /** Retry this POST like an idempotent request (a login). */
  idempotent?: boolean;
  /** Fills in what the cluster defaults, before the body is sent. */
  prepareBody?: (body: Record<string, unknown>) => Record<string, unknown>;
}

const STYLES = new Set<string>(['cookie', 'index', 'maxViewId', 'after', 'page']);

/**
 * Reads one table row: `METHOD /path flag…`, with flags `b`/`B` (JSON body, `B` alone),
 * `m`/`M` (multipart), `o` (binary answer), `a` (public), `r` (a redirect answers), `q` (query parameters),
 * `h:names` (header parameters), `p:paging`.
 */
export function decodeEndpoint(api: Api, operationId: string, row: string): Endpoint {
  const [method = '', path = '', ...flags] = row.split(' ');
  const endpoint: Endpoint = {
    api,
    operationId,
    method,
    path: API_BASE[api] + path,
    headers: [],
    body: 'none',
    input: path.includes('{') ? 'params' : 'none',
    binary: false,
    public: false,
    redirect: false,
    paging: undefined,
  };
  for (const flag of flags) {
    if (flag === 'b' || flag === 'B') endpoint.body = 'json';
    if (flag === 'm' || flag === 'M') endpoint.body = 'multipart';
    if (flag === 'B' || flag === 'M') endpoint.input = 'body';
    if (flag === 'b' || flag === 'm' || flag === 'q' || flag.startsWith('h:')) endpoint.input = 'params';
    if (flag === 'o') endpoint.binary = true;
    if (flag === 'a') endpoint.public = true;
    if (flag === 'r') endpoint.redirect = true;
    if (flag.startsWith('h:')) endpoint.headers = flag.slice(2).split(',');
    if (flag.startsWith('p:')) {
      const [style = '', cursor = '', size = '', items = '', from] = flag.slice(2).split(',');
      if (STYLES.has(style)) {
        const fields = items.split('+');
        endpoint.paging = { style: style as Paging['style'], cursor, size, items: fields, ...(from ? { from } : {}) };
      }
    }
  }
  return endpoint;
}

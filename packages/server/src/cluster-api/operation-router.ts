import FindMyWay, { type HTTPMethod } from 'find-my-way';
import type { KnownRoutes } from '../http/method-not-allowed.js';
import type { Operation } from './spec.js';

/** An operation found for a request, with its path parameters (decoded). */
export interface FoundOperation {
  readonly operation: Operation;
  readonly params: Record<string, string | undefined>;
}

export interface OperationRouter {
  find(method: string, path: string): FoundOperation | undefined;
  /**
   * The patterns of hand-written routes with parameters that would take a documented literal
   * path (`/v2/tenants/:id`, which takes `/v2/tenants/swift`): only their requests ask `shadowed`.
   */
  readonly shadowing: ReadonlySet<string>;
  /** The operation of such a documented literal path: it answers the path, not the route. */
  shadowed(method: string, path: string): FoundOperation | undefined;
  /** `${version} ${operationId}` of every operation answered here (not by a hand-written route). */
  readonly generic: ReadonlySet<string>;
  /** The 404 or 405 for a path no operation answers with this method. */
  refusal: KnownRoutes['refusal'];
}

/**
 * The operations no hand-written route answers, in a router of their own: find-my-way, as
 * Fastify's, so literal segments match before parameters (the documents' ambiguous pairs,
 * `/public/views/id/{id}` before `/public/views/{name}/fileLocks`). Each is added to the
 * known routes, for 405 answers that name every method of a path.
 */
export function createOperationRouter(operations: readonly Operation[], known: KnownRoutes): OperationRouter {
  const router = FindMyWay({ ignoreTrailingSlash: true, maxParamLength: 256 });
  const generic = new Set<string>();
  // A literal path is hand-written only where a route has exactly that path; all asked
  // before any is added: an added `/x/:id` would otherwise claim a later `/x/y`.
  const isLiteral = (operation: Operation) => !operation.url.includes(':');
  const handWritten = (operation: Operation) =>
    isLiteral(operation)
      ? known.hasExactly(operation.method, operation.url)
      : known.routeTaking(operation.method, operation.url) !== undefined;
  const answered = operations.filter((operation) => !handWritten(operation));
  const shadowed = new Map<string, Operation>();
  const shadowing = new Set<string>();
  for (const operation of answered.filter(isLiteral)) {
    const route = known.routeTaking(operation.method, operation.url);
    if (route === undefined) continue;
    shadowed.set(`${operation.method} ${operation.url}`, operation);
    shadowing.add(route);
  }
  for (const operation of answered) {
    router.on(operation.method as HTTPMethod, operation.url, () => undefined, { operation });
    known.add(operation.method, operation.url);
    generic.add(`${operation.version} ${operation.operationId}`);
  }
  return {
    generic,
    refusal: known.refusal,
    shadowing,
    shadowed(method, path) {
      const operation = shadowed.get(`${method} ${path.replace(/(?<=.)\/$/, '')}`);
      return operation && { operation, params: {} };
    },
    find(method, path) {
      const found = router.find(method as HTTPMethod, path);
      const store = found?.store as { operation: Operation } | undefined;
      return store && found ? { operation: store.operation, params: { ...found.params } } : undefined;
    },
  };
}

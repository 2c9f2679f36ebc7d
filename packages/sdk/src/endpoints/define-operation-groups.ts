import type { CallOptions, ResponseOptions } from '../call-options.js';
import type { Api } from './endpoint.js';
import { GROUP_NAMES } from './load-endpoint.js';

/** Runs one operation: the client's one path from a method call to the wire. */
export type Invoke = (api: Api, group: string, operationId: string, args: readonly unknown[]) => Promise<unknown>;

/** The two argument shapes a generated method is called with. */
export type MethodArgs = [input?: unknown, options?: CallOptions | ResponseOptions];

/**
 * One group's methods, made on first access from the operation's name alone: the group's
 * table is loaded by the first call, so an unused group costs nothing but its name.
 */
function operationGroup(api: Api, group: string, invoke: Invoke): object {
  const methods = new Map<string, unknown>();
  return new Proxy(Object.create(null) as object, {
    get(_target, name) {
      // Not an operation: keeps `await group`, `String(group)` and inspection sane.
      if (typeof name !== 'string' || name === 'then' || name === 'toJSON') return undefined;
      let method = methods.get(name);
      if (!method) {
        const call = (...args: MethodArgs) => invoke(api, group, name, args);
        method = Object.assign(call, { api, group, operationId: name });
        methods.set(name, method);
      }
      return method;
    },
  });
}

/**
 * The groups of one API as lazy properties of `target`: `client.protectionGroup`,
 * `client.v1.protectionJobs`.
 */
export function defineOperationGroups(target: object, api: Api, invoke: Invoke): void {
  for (const group of GROUP_NAMES[api]) {
    let made: object | undefined;
    Object.defineProperty(target, group, {
      enumerable: false,
      configurable: true,
      get: () => {
        made ??= operationGroup(api, group, invoke);
        return made;
      },
    });
  }
}

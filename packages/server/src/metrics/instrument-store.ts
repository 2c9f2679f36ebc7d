import { performance } from 'node:perf_hooks';
import type { AuditEvent, Store } from '../store/store.js';
import type { ServerMetrics } from './server-metrics.js';

/**
 * The store, with each call's latency measured and each audit line shown to the metrics.
 * A proxy rather than a subclass: the stores keep `#private` state, so every call must
 * reach the real object as `this`.
 */
export function instrumentStore(store: Store, metrics: ServerMetrics): Store {
  const wrappers = new Map<PropertyKey, unknown>();
  const wrap = (name: string, method: (...args: unknown[]) => unknown) =>
    function timed(...args: unknown[]) {
      if (name === 'appendAudit') metrics.observeAudit(args[0] as AuditEvent);
      const started = performance.now();
      const done = () => metrics.observeDatabase(name, (performance.now() - started) / 1000);
      const result = method.apply(store, args);
      // then(), not finally(): finally() makes two more promises per call, and every request calls.
      if (result instanceof Promise) {
        return result.then(
          (value: unknown) => {
            done();
            return value;
          },
          (error: unknown) => {
            done();
            throw error;
          },
        );
      }
      done();
      return result;
    };
  return new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function' || typeof property !== 'string' || property === 'close') return value;
      let wrapper = wrappers.get(property);
      if (wrapper === undefined) {
        wrapper = wrap(property, value as (...args: unknown[]) => unknown);
        wrappers.set(property, wrapper);
      }
      return wrapper;
    },
  });
}

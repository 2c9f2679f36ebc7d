import type { ClusterApiContext } from './cluster-api-context.js';
import { listItemsSchema } from './generic-handler.js';
import { parameterSchema } from './request-validation.js';
import type { SchemaValidators } from './schema-validators.js';
import { type Operation, resolveRef, type Schema } from './spec.js';

/** Every check a request of `op` may compile: its parameters, its body, its answer and its records. */
function checksOf(ctx: ClusterApiContext, op: Operation): [SchemaValidators, Schema][] {
  const { text, plain } = ctx.validators;
  const checks: [SchemaValidators, Schema][] = [[text, parameterSchema(op)]];
  if (op.body && !op.body.multipart) checks.push([plain, op.body.schema]);
  const answer = op.success.schema;
  if (answer !== undefined) {
    checks.push([plain, answer]);
    const items = resolveRef(ctx.spec, op.version, answer).items ?? listItemsSchema(ctx, op);
    if (items !== undefined) checks.push([plain, items]);
  }
  return checks;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

// Reading the documents and building Ajv take the event loop for a while: not while a
// start-up script asks /readyz for the first time.
const QUIET_START_MSECS = 1000;

/**
 * A warm-up under way: `done` settles when every check is compiled (with the operations it
 * compiled), or with undefined soon after `stop()`.
 */
export interface WarmUp {
  readonly done: Promise<ReadonlySet<Operation> | undefined>;
  /** The operations whose checks it has compiled so far. */
  readonly warmed: ReadonlySet<Operation>;
  stop(): void;
}

/**
 * Compiles the checks of every generic operation after the server listens, one schema per
 * turn of the event loop: requests in between are answered, and a request that comes first
 * compiles what it needs itself (the checks are made once, whoever asks first). Without it
 * each operation's first call pays its compile, which takes seconds on a loaded machine.
 */
export function warmValidators(ctx: ClusterApiContext, enabled: boolean): WarmUp {
  let stopped = !enabled;
  let wake: (() => void) | undefined;
  const warmed = new Set<Operation>();
  const done = (async () => {
    await new Promise<void>((resolve) => {
      wake = resolve;
      setTimeout(resolve, QUIET_START_MSECS).unref();
    });
    if (stopped) return undefined;
    for (const op of ctx.spec.operations) {
      if (stopped) return undefined;
      if (!ctx.genericOperations.has(`${op.version} ${op.operationId}`)) continue;
      for (const [validators, schema] of checksOf(ctx, op)) {
        if (stopped) return undefined;
        validators.check(op.version, schema);
        await nextTurn();
      }
      warmed.add(op);
    }
    return warmed;
  })();
  return {
    done,
    warmed,
    stop() {
      stopped = true;
      wake?.();
    },
  };
}

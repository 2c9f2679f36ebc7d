import { Ajv2020, type ErrorObject, type Options, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ApiVersion, ClusterApiSpec, Schema } from './spec.js';

/** A schema check that answers the first failure, or undefined when the value passes. */
export type Check = (value: unknown) => ErrorObject | undefined;

/**
 * Ajv's 2020 build over both documents, compiling each schema the first time it is asked
 * for: compiling all of them up front would cost seconds at every start.
 */
export class SchemaValidators {
  readonly #spec: ClusterApiSpec;
  readonly #options: Options;
  #made: Ajv2020 | undefined;
  // By the schema object itself: the documents' objects live as long as the process, and a
  // lookup per request must not serialise the schema to find its check.
  readonly #checks = new WeakMap<Schema, Check>();

  constructor(spec: ClusterApiSpec, options: Options) {
    this.#spec = spec;
    this.#options = options;
  }

  /** Made on first use, not at start: adding the two documents costs hundreds of milliseconds. */
  get #ajv(): Ajv2020 {
    if (this.#made === undefined) {
      // strict: false because a document's root is not a schema; the formats are the
      // generator's words (int32, int64, binary), which only constrain numbers here.
      const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true, ...this.#options });
      (addFormats as unknown as (ajv: Ajv2020) => void)(ajv);
      // Not checked against the meta-schema: the documents are valid (their README) and
      // never change; the check alone would take most of a second.
      for (const version of ['v1', 'v2'] as const) {
        ajv.addSchema(this.#spec.documents[version] as object, `cluster-${version}`, undefined, false);
      }
      this.#made = ajv;
    }
    return this.#made;
  }

  /** A check of `schema` (an object of `version`'s document, or one kept as long), compiled once. */
  check(version: ApiVersion, schema: Schema): Check {
    let check = this.#checks.get(schema);
    if (check === undefined) {
      const validate: ValidateFunction = this.#ajv.compile(rebase(version, schema));
      check = (value) => (validate(value) ? undefined : (validate.errors?.[0] ?? undefined));
      this.#checks.set(schema, check);
    }
    return check;
  }
}

/** Local `#/components/...` refs, pointed at the document they come from. */
function rebase(version: ApiVersion, schema: Schema): Schema {
  return JSON.parse(
    JSON.stringify(schema).replaceAll('"$ref":"#/components/', `"$ref":"cluster-${version}#/components/`),
  ) as Schema;
}

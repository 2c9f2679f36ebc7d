import { Ajv, type ErrorObject, type Options } from 'ajv';
import type { FastifyInstance, FastifySchema, FastifySchemaCompiler } from 'fastify';

const common: Options = { useDefaults: true, removeAdditional: true, allErrors: false, strict: false };
// Bodies keep their JSON types: `"locked": "yes"` is an error, not a guess. Keys the schema
// does not name are dropped (TypeBox objects allow them): handlers pass bodies on to the
// store and the audit log, where `{"passwordHash": …}` or a deeply nested extra must never go.
const bodyAjv = new Ajv({ ...common, coerceTypes: false, removeAdditional: 'all' });
// Query strings and path parameters are text on the wire and must be coerced.
const textAjv = new Ajv({ ...common, coerceTypes: 'array' });

type JsonSchema = { type?: unknown; properties?: Record<string, JsonSchema> };

/** Splits `ids=a,b` into `['a', 'b']` for array parameters, as the Python SDK sends them. */
function splitCommaLists(schema: JsonSchema, query: Record<string, unknown>): void {
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const value = query[name];
    if (property.type !== 'array') continue;
    if (typeof value === 'string') query[name] = value.split(',').filter(Boolean);
    else if (Array.isArray(value)) query[name] = value.flatMap((v) => String(v).split(',')).filter(Boolean);
  }
}

const compileValidator: FastifySchemaCompiler<FastifySchema> = ({ schema, httpPart }) => {
  if (httpPart === 'body') return bodyAjv.compile(schema as object);
  const validate = textAjv.compile(schema as object);
  if (httpPart !== 'querystring') return validate;
  return (data: unknown) => {
    if (data && typeof data === 'object') splitCommaLists(schema as JsonSchema, data as Record<string, unknown>);
    return validate(data) ? { value: data } : { error: toError(validate.errors ?? [], 'querystring') };
  };
};

/** Words of a schema failure, in the contract's style; never the offending value (the generic cluster API shares them). */
export function toError(errors: readonly ErrorObject[], dataVar: string): Error {
  const first = errors[0];
  if (!first) return new Error('Invalid request');
  const where = `${dataVar}${first.instancePath.replaceAll('/', '.')}`;
  if (first.keyword === 'required') {
    return new Error(`Please specify the mandatory parameters: ${where}.${first.params.missingProperty}`);
  }
  if (dataVar === 'body' && first.instancePath === '' && first.keyword === 'type') {
    return new Error('Please specify the mandatory parameters: the request body must be a JSON object');
  }
  return new Error(`Invalid parameter ${where}: ${first.message ?? 'is not valid'}`);
}

/** Installs the validators and their error wording on `app`. */
export function useContractValidation(app: FastifyInstance): void {
  app.setValidatorCompiler(compileValidator);
  app.setSchemaErrorFormatter((errors, dataVar) => toError(errors as ErrorObject[], dataVar));
}

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** A JSON Schema 2020-12 node of the documents, as far as this server reads it. */
export interface Schema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  allOf?: Schema[];
  oneOf?: Schema[];
  pattern?: string;
  format?: string;
  default?: unknown;
  const?: unknown;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  minLength?: number;
  readOnly?: boolean;
  additionalProperties?: boolean | Schema;
}

interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}

interface MediaObject {
  schema?: Schema;
}

interface OperationObject {
  operationId: string;
  tags?: string[];
  parameters?: ParameterObject[];
  requestBody?: { required?: boolean; content: Record<string, MediaObject> };
  responses: Record<string, { content?: Record<string, MediaObject> }>;
  security?: unknown[];
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, Schema> };
}

export type ApiVersion = 'v1' | 'v2';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One operation of a document, flattened for routing. */
export interface Operation {
  readonly version: ApiVersion;
  readonly operationId: string;
  readonly method: HttpMethod;
  /** The document's path, e.g. `/data-protect/protection-groups/{id}`. */
  readonly path: string;
  /** The same in Fastify's words, under the version's prefix. */
  readonly url: string;
  readonly tags: readonly string[];
  readonly parameters: readonly ParameterObject[];
  readonly body: { readonly required: boolean; readonly schema: Schema; readonly multipart: boolean } | undefined;
  /** The status to answer, and the body's schema when the document gives one. */
  readonly success: { readonly status: number; readonly schema: Schema | undefined };
  /** The Ajv id the operation's `$ref`s resolve against. */
  readonly schemaId: string;
}

export const API_PREFIXES: Readonly<Record<ApiVersion, string>> = { v1: '/irisservices/api/v1', v2: '/v2' };

const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Reads a document the SDK package ships (module resolution, not a path into its folder). */
function readDocument(version: ApiVersion): OpenApiDocument {
  const file = createRequire(import.meta.url).resolve(`cohesity-sdk/openapi/cluster-${version}.openapi.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as OpenApiDocument;
}

/**
 * v1 says only `2XX`: a create answers 201, an answer without content 204, anything else 200.
 * v2 names its status; of `200` and `204` together the one with content wins.
 */
function successOf(method: HttpMethod, op: OperationObject): Operation['success'] {
  const codes = Object.keys(op.responses).filter((code) => /^[23]/.test(code));
  const chosen = codes.find((code) => op.responses[code]?.content) ?? codes[0] ?? '200';
  const schema = op.responses[chosen]?.content?.['application/json']?.schema;
  if (/^\d+$/.test(chosen)) return { status: Number(chosen), schema };
  if (schema === undefined) return { status: 204, schema };
  return { status: method === 'POST' && op.requestBody ? 201 : 200, schema };
}

function operationsOf(version: ApiVersion, document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const op = item[method.toLowerCase()];
      if (!op) continue;
      const [contentType, media] = Object.entries(op.requestBody?.content ?? {})[0] ?? [];
      operations.push({
        version,
        operationId: op.operationId,
        method,
        path,
        url: API_PREFIXES[version] + path.replace(/\{([^}]+)\}/g, ':$1'),
        tags: op.tags ?? [],
        parameters: op.parameters ?? [],
        body:
          media?.schema === undefined
            ? undefined
            : {
                required: op.requestBody?.required ?? false,
                schema: media.schema,
                multipart: contentType === 'multipart/form-data',
              },
        success: successOf(method, op),
        schemaId: `cluster-${version}`,
      });
    }
  }
  return operations;
}

/** Both documents and their operations, read once per process. */
export interface ClusterApiSpec {
  readonly documents: Readonly<Record<ApiVersion, OpenApiDocument>>;
  readonly operations: readonly Operation[];
}

let loaded: ClusterApiSpec | undefined;

/**
 * Operations real clients call that the v2 document lacks (its SDK has no method for
 * them). `GET /v2/alerts` is the one a popular client calls right after login.
 */
const V2_ADDITIONS: OpenApiDocument['paths'] = {
  '/alerts': {
    get: {
      operationId: 'getAlerts',
      tags: ['Alert'],
      parameters: [
        { name: 'alertIds', in: 'query', schema: { type: 'array', items: { type: 'string' } } },
        { name: 'maxAlerts', in: 'query', schema: { type: 'integer' } },
        { name: 'alertStates', in: 'query', schema: { type: 'array', items: { type: 'string' } } },
        { name: 'severities', in: 'query', schema: { type: 'array', items: { type: 'string' } } },
      ],
      responses: {
        '200': {
          content: {
            'application/json': {
              schema: { type: 'object', properties: { alerts: { type: 'array', items: { type: 'object' } } } },
            },
          },
        },
      },
    },
  },
};

export function loadClusterApiSpec(): ClusterApiSpec {
  if (loaded) return loaded;
  const documents = { v1: readDocument('v1'), v2: readDocument('v2') };
  const additions = operationsOf('v2', { paths: V2_ADDITIONS, components: { schemas: {} } });
  loaded = {
    documents,
    operations: [...operationsOf('v2', documents.v2), ...additions, ...operationsOf('v1', documents.v1)],
  };
  return loaded;
}

/** The schema a `$ref` inside `version`'s document names (one level). */
export function resolveRef(spec: ClusterApiSpec, version: ApiVersion, schema: Schema): Schema {
  let current = schema;
  for (let depth = 0; current.$ref && depth < 8; depth++) {
    const name = current.$ref.replace('#/components/schemas/', '');
    current = spec.documents[version].components.schemas[name] ?? {};
  }
  return current;
}

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** The two documents, read the way any client of the SDK package reads them. */
export type Version = 'v1' | 'v2';
export const PREFIX: Record<Version, string> = { v1: '/irisservices/api/v1', v2: '/v2' };

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Record<string, unknown>;
}
interface RawOperation {
  operationId: string;
  tags?: string[];
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: Record<string, unknown> }> };
  responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
}
export interface Document {
  paths: Record<string, Record<string, RawOperation>>;
  components: { schemas: Record<string, Record<string, unknown>> };
}

export interface DocumentOperation {
  version: Version;
  method: string;
  path: string;
  operationId: string;
  raw: RawOperation;
}

const require = createRequire(import.meta.url);
export const DOCUMENTS: Record<Version, Document> = {
  v1: JSON.parse(readFileSync(require.resolve('cohesity-sdk/openapi/cluster-v1.openapi.json'), 'utf8')),
  v2: JSON.parse(readFileSync(require.resolve('cohesity-sdk/openapi/cluster-v2.openapi.json'), 'utf8')),
};

export function documentOperations(): DocumentOperation[] {
  const result: DocumentOperation[] = [];
  for (const version of ['v2', 'v1'] as const) {
    for (const [path, item] of Object.entries(DOCUMENTS[version].paths)) {
      for (const [method, raw] of Object.entries(item)) {
        result.push({ version, method: method.toUpperCase(), path, operationId: raw.operationId, raw });
      }
    }
  }
  return result;
}

// The test's own Ajv: the server's validators are what is under test.
const ajv = new Ajv2020({ strict: false, allErrors: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
ajv.addSchema(DOCUMENTS.v1 as object, 'doc-v1');
ajv.addSchema(DOCUMENTS.v2 as object, 'doc-v2');
const compiled = new Map<string, ValidateFunction>();

/** Ajv's complaints about `value` against a schema of `version`'s document; [] when it fits. */
export function schemaErrors(version: Version, schema: Record<string, unknown>, value: unknown): string[] {
  const key = `${version}${JSON.stringify(schema)}`;
  let validate = compiled.get(key);
  if (!validate) {
    const rebased = JSON.stringify(schema).replaceAll('"#/components/', `"doc-${version}#/components/`);
    validate = ajv.compile(JSON.parse(rebased));
    compiled.set(key, validate);
  }
  return validate(value) ? [] : (validate.errors ?? []).slice(0, 3).map((e) => `${e.instancePath} ${e.message}`);
}

/** The success status and schema the document declares (v1's `2XX` is any of 200–208). */
export function declaredSuccess(op: DocumentOperation): { statuses: number[]; schema?: Record<string, unknown> } {
  const codes = Object.keys(op.raw.responses).filter((code) => /^[23]/.test(code));
  const statuses = codes.flatMap((code) =>
    code === '2XX' ? [200, 201, 202, 203, 204, 205, 206, 207, 208] : [Number(code)],
  );
  const withContent = codes.find((code) => op.raw.responses[code]?.content);
  const schema = withContent ? op.raw.responses[withContent]?.content?.['application/json']?.schema : undefined;
  return { statuses, ...(schema ? { schema } : {}) };
}

import { loadClusterApiSpec, type Schema } from '../../src/cluster-api/spec.js';
import { synthesize } from '../../src/cluster-api/synthesize.js';
import type { SendOptions, TestResponse } from '../helpers/start-server.js';
import { type DocumentOperation, documentOperations, PREFIX, type Version } from './documents.js';

export interface WalkRequest {
  method: string;
  path: string;
  options: SendOptions;
}

type Send = (method: string, path: string, options?: SendOptions) => Promise<TestResponse>;

const spec = loadClusterApiSpec();
const example = (version: Version, schema: Record<string, unknown> | undefined) =>
  synthesize(spec, version, schema as Schema | undefined);
const ALL = documentOperations();
const BOUNDARY = 'cohesity-walk-boundary';

function textOf(value: unknown): string {
  return Array.isArray(value) ? value.map(String).join(',') : String(value);
}

function exampleParameter(version: Version, schema: Record<string, unknown> | undefined): string {
  const value = example(version, schema);
  if (Array.isArray(value) && value.length === 0) {
    return textOf(example(version, (schema as { items?: Record<string, unknown> }).items));
  }
  return textOf(value);
}

/**
 * Valid requests for each operation of the documents. Path parameters name real records:
 * where the collection above a parameter has a create, one is made first (as `send`'s
 * caller); where it is only listed, its first record is used.
 */
export class WalkRequests {
  #made = 0;
  constructor(readonly send: Send) {}

  async #pathValue(op: DocumentOperation, template: string, name: string, resolved: Record<string, string>) {
    // `/public/protectionJobs/run/{id}` names a protection job: look above literal segments.
    let create: DocumentOperation | undefined;
    let list: DocumentOperation | undefined;
    for (let above = template; above !== '' && !create && !list; above = above.replace(/\/[^/{]+$/, '')) {
      create = ALL.find(
        (o) => o.version === op.version && o.method === 'POST' && o.path === above && o.raw.requestBody,
      );
      list = ALL.find((o) => o.version === op.version && o.method === 'GET' && o.path === above);
      if (!/\/[^/{]+$/.test(above)) break;
    }
    const pick = (record: Record<string, unknown> | undefined) => {
      const value = name === 'name' ? record?.name : (record?.[name] ?? record?.id ?? record?.viewId);
      return value === undefined || value === null ? undefined : String(value);
    };
    if (create) {
      const request = await this.build(create, resolved);
      // Records found by name need one (the smallest valid body may leave it out).
      const body = request.options.body;
      if (name === 'name' && body && typeof body === 'object' && !Array.isArray(body)) {
        request.options.body = { ...body, name: `walk-${++this.#made}` };
      }
      const response = await this.send(request.method, request.path, request.options);
      const value = response.status < 300 ? pick(response.body as Record<string, unknown>) : undefined;
      if (value !== undefined) return value;
    }
    if (list) {
      const request = await this.build(list, resolved);
      const response = await this.send(request.method, request.path, request.options);
      const body = response.body as unknown;
      const records = Array.isArray(body)
        ? body
        : Object.values((body ?? {}) as Record<string, unknown>).find((v) => Array.isArray(v));
      const value = pick((records as Record<string, unknown>[] | undefined)?.[0]);
      if (value !== undefined) return value;
    }
    const parameter = op.raw.parameters?.find((p) => p.in === 'path' && p.name === name);
    return exampleParameter(op.version, parameter?.schema);
  }

  /** A valid request for `op`; `known` path values are reused (a nested path's parents). */
  async build(op: DocumentOperation, known: Record<string, string> = {}, realIds = true): Promise<WalkRequest> {
    const resolved: Record<string, string> = { ...known };
    const segments = op.path.split('/');
    for (let i = 0; i < segments.length; i++) {
      const name = /^\{(.+)\}$/.exec(segments[i] ?? '')?.[1];
      if (name === undefined || resolved[name] !== undefined) continue;
      const template = segments.slice(0, i).join('/');
      const parameter = op.raw.parameters?.find((p) => p.in === 'path' && p.name === name);
      resolved[name] = realIds
        ? await this.#pathValue(op, template, name, resolved)
        : exampleParameter(op.version, parameter?.schema);
    }
    const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(resolved[name] ?? ''));
    const query = new URLSearchParams();
    const headers: Record<string, string> = {};
    for (const parameter of op.raw.parameters ?? []) {
      if (!parameter.required || parameter.in === 'path') continue;
      const value = exampleParameter(op.version, parameter.schema);
      if (parameter.in === 'query') query.set(parameter.name, value);
      else headers[parameter.name] = value;
    }
    const search = query.size ? `?${query}` : '';
    const [contentType, media] = Object.entries(op.raw.requestBody?.content ?? {})[0] ?? [];
    const options: SendOptions = { headers };
    if (contentType === 'multipart/form-data') {
      headers['content-type'] = `multipart/form-data; boundary=${BOUNDARY}`;
      options.rawBody = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\n\r\nabc\r\n--${BOUNDARY}--\r\n`;
    } else if (media?.schema) {
      options.body = example(op.version, media.schema);
    }
    return { method: op.method, path: `${PREFIX[op.version]}${path}${search}`, options };
  }
}

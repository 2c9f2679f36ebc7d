import type { HttpRequest } from '../http/http-client.js';
import type { QueryParams } from '../http/request-url.js';
import type { Endpoint } from './endpoint.js';

type Params = Record<string, unknown>;

/** A query or header value as the cluster's own SDKs send it: arrays joined by commas. */
function wireValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(',');
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/**
 * The HTTP request for one call: path parameters encoded into the template, header
 * parameters as headers, `body` as the body, and every other parameter in the query.
 */
export async function buildRequest(endpoint: Endpoint, input: unknown): Promise<HttpRequest> {
  const params: Params = endpoint.input === 'body' ? { body: input } : ((input ?? {}) as Params);
  const used = new Set(['body']);
  const path = endpoint.path.replace(/\{([^}]+)\}/g, (_all, name: string) => {
    used.add(name);
    const value = params[name];
    if (value === undefined || value === null) throw new TypeError(`${endpoint.operationId}: ${name} is required`);
    return encodeURIComponent(String(value));
  });
  const headers: Record<string, string> = {};
  for (const name of endpoint.headers) {
    used.add(name);
    const value = params[name];
    if (value !== undefined && value !== null) headers[name] = wireValue(value);
  }
  const query: QueryParams = {};
  let hasQuery = false;
  for (const [name, value] of Object.entries(params)) {
    if (used.has(name) || value === undefined || value === null) continue;
    query[name] = wireValue(value);
    hasQuery = true;
  }
  const request: HttpRequest = { method: endpoint.method, path, headers, binary: endpoint.binary };
  if (endpoint.redirect) request.redirect = true;
  if (hasQuery) request.query = query;
  if (endpoint.idempotent) request.idempotent = true;
  const body = params.body;
  if (endpoint.body === 'none' || body === undefined) return request;
  if (endpoint.body === 'multipart') {
    // Three operations upload files: their encoder is a chunk of its own when bundled.
    const { encodeMultipart } = await import('./multipart.js');
    return { ...request, payload: await encodeMultipart(body as Params) };
  }
  const prepared = endpoint.prepareBody && isObject(body) ? endpoint.prepareBody(body) : body;
  return { ...request, body: prepared };
}

const isObject = (value: unknown): value is Params =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

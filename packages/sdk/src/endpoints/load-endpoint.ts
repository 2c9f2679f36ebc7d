import { groups as v1 } from '../generated/v1/index.js';
import { groups as v2 } from '../generated/v2/index.js';
import { type Api, decodeEndpoint, type Endpoint } from './endpoint.js';
import { overrideOf } from './overrides.js';

type Table = Readonly<Record<string, string>>;

/** Each API's groups and the loader of each group's table (a chunk of its own when bundled). */
export const GROUPS: Readonly<Record<Api, Readonly<Record<string, () => Promise<{ default: Table }>>>>> = { v1, v2 };

const tables = new Map<string, Promise<Table>>();
const endpoints = new Map<string, Endpoint>();

/** The endpoint of `api`'s `group.operationId`, loading the group's table on first use. */
export async function loadEndpoint(api: Api, group: string, operationId: string): Promise<Endpoint> {
  const key = `${api}:${operationId}`;
  const known = endpoints.get(key);
  if (known) return known;
  const loader = Object.hasOwn(GROUPS[api], group) ? GROUPS[api][group] : undefined;
  if (!loader) throw new TypeError(`${api === 'v1' ? 'v1.' : ''}${group} is not an API group`);
  let table = tables.get(`${api}:${group}`);
  if (!table) {
    table = loader().then((module) => module.default);
    tables.set(`${api}:${group}`, table);
  }
  const rows = await table;
  const row = Object.hasOwn(rows, operationId) ? rows[operationId] : undefined;
  if (row === undefined) throw new TypeError(`${group}.${operationId} is not an operation of the ${api} API`);
  const endpoint = { ...decodeEndpoint(api, operationId, row), ...overrideOf(api, operationId) };
  endpoints.set(key, endpoint);
  return endpoint;
}

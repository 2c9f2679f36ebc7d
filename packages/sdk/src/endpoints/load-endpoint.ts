import { groupNames as v1Names } from '../generated/v1/index.js';
import { groupNames as v2Names } from '../generated/v2/index.js';
import { type Api, decodeEndpoint, type Endpoint } from './endpoint.js';
import { overrideOf } from './overrides.js';

type Table = Readonly<Record<string, string>>;
type Loaders = Readonly<Record<string, () => Promise<{ default: Table }>>>;

/** Each API's group names, known without loading any table. */
export const GROUP_NAMES: Readonly<Record<Api, readonly string[]>> = { v1: v1Names.split(','), v2: v2Names.split(',') };

// Two steps, each a chunk of its own when bundled: the API's loaders, then the group's table.
const LOADERS: Readonly<Record<Api, () => Promise<{ loaders: Loaders }>>> = {
  v1: () => import('../generated/v1/loaders.js'),
  v2: () => import('../generated/v2/loaders.js'),
};

const tables = new Map<string, Promise<Table>>();
const endpoints = new Map<string, Endpoint>();

async function tableOf(api: Api, group: string): Promise<Table> {
  if (!GROUP_NAMES[api].includes(group))
    throw new TypeError(`${api === 'v1' ? 'v1.' : ''}${group} is not an API group`);
  const key = `${api}:${group}`;
  let table = tables.get(key);
  if (!table) {
    table = LOADERS[api]().then(async ({ loaders }) => (await (loaders[group] as Loaders[string])()).default);
    // A failed load (a chunk that could not be fetched) is tried again on the next call.
    table.catch(() => tables.delete(key));
    tables.set(key, table);
  }
  return table;
}

/** The endpoint of `api`'s `group.operationId`, loading the group's table on first use. */
export async function loadEndpoint(api: Api, group: string, operationId: string): Promise<Endpoint> {
  const key = `${api}:${operationId}`;
  const known = endpoints.get(key);
  if (known) return known;
  const rows = await tableOf(api, group);
  const row = Object.hasOwn(rows, operationId) ? rows[operationId] : undefined;
  if (row === undefined) throw new TypeError(`${group}.${operationId} is not an operation of the ${api} API`);
  const endpoint = { ...decodeEndpoint(api, operationId, row), ...overrideOf(api, operationId) };
  endpoints.set(key, endpoint);
  return endpoint;
}

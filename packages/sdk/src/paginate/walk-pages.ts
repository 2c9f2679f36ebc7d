import type { Endpoint } from '../endpoints/endpoint.js';

type Page = Record<string, unknown> | unknown[] | undefined;

const itemsOf = (page: Page, field: string): unknown[] => {
  const items = field === '' ? page : (page as Record<string, unknown> | undefined)?.[field];
  return Array.isArray(items) ? items : [];
};

/**
 * The parameters of the page after `page`, or undefined when `page` was the last. One rule
 * per paging style of the documents (see scripts/naming.mjs, which tells them apart).
 */
function nextParams(
  endpoint: Endpoint,
  params: Record<string, unknown>,
  page: Page,
): Record<string, unknown> | undefined {
  const paging = endpoint.paging;
  if (!paging) return undefined;
  const items = itemsOf(page, paging.items);
  if (items.length === 0) return undefined;
  const answer = Array.isArray(page) ? {} : (page ?? {});
  switch (paging.style) {
    case 'cookie': {
      const cookie = answer[paging.cursor];
      // A cookie that does not move would ask for the same page forever.
      if (typeof cookie !== 'string' || cookie === '' || cookie === params[paging.cursor]) return undefined;
      return { ...params, [paging.cursor]: cookie };
    }
    case 'index': {
      const size = params[paging.size];
      if (typeof size === 'number' && items.length < size) return undefined;
      const start = typeof params[paging.cursor] === 'number' ? (params[paging.cursor] as number) : 0;
      const total = answer.totalCount;
      if (typeof total === 'number' && start + items.length >= total) return undefined;
      return { ...params, [paging.cursor]: start + items.length };
    }
    case 'maxViewId': {
      if (answer.lastResult === true) return undefined;
      const last = items.at(-1) as Record<string, unknown> | undefined;
      const id = last?.[paging.id ?? ''];
      if (id === undefined || id === params[paging.cursor]) return undefined;
      return { ...params, [paging.cursor]: id };
    }
  }
}

/**
 * Yields every item of a paginated operation, asking for one page at a time, as the caller
 * consumes them (a `break` sends no further request).
 */
export async function* walkPages(
  load: () => Promise<Endpoint>,
  call: (params: Record<string, unknown>) => Promise<unknown>,
  params: unknown,
): AsyncIterableIterator<unknown> {
  const endpoint = await load();
  if (!endpoint.paging) {
    throw new TypeError(`${endpoint.operationId} does not page: call it directly`);
  }
  let current: Record<string, unknown> | undefined = { ...(params as Record<string, unknown> | undefined) };
  let previousFirst: string | undefined;
  while (current) {
    const page = (await call(current)) as Page;
    const items = itemsOf(page, endpoint.paging.items);
    // A cluster that ignores the cursor answers the same page again: stop instead of looping.
    const first = JSON.stringify(items[0]);
    if (first === previousFirst) return;
    previousFirst = first;
    yield* items;
    current = nextParams(endpoint, current, page);
  }
}

import type { Endpoint, Paging } from '../endpoints/endpoint.js';

type Page = Record<string, unknown> | unknown[] | undefined;

/** The items of a page: the answer itself (`''`), or the fields the document says hold them. */
const itemsOf = (page: Page, fields: Paging['items']): unknown[] =>
  fields.flatMap((field) => {
    const items = field === '' ? page : (page as Record<string, unknown> | undefined)?.[field];
    return Array.isArray(items) ? items : [];
  });

const numberOr = (value: unknown, otherwise: number) => (typeof value === 'number' ? value : otherwise);

/** The value at a dotted path (`paginationInfo.cookie`, `protectionSource.id`). */
const valueAt = (value: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (at, name) => (typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[name] : undefined),
      value,
    );

/**
 * The parameters of the page after `page`, or undefined when `page` was the last. One rule
 * per paging style of the documents (see scripts/naming.mjs, which tells them apart).
 */
function nextParams(
  paging: Paging,
  params: Record<string, unknown>,
  page: Page,
  items: unknown[],
): Record<string, unknown> | undefined {
  if (items.length === 0) return undefined;
  const answer = Array.isArray(page) ? {} : (page ?? {});
  const size = params[paging.size];
  // A page shorter than asked for is the last one.
  const short = typeof size === 'number' && items.length < size;
  switch (paging.style) {
    case 'cookie': {
      const cookie = valueAt(answer, paging.from ?? paging.cursor);
      // A cookie that does not move would ask for the same page forever.
      if (typeof cookie !== 'string' || cookie === '' || cookie === params[paging.cursor]) return undefined;
      return { ...params, [paging.cursor]: cookie };
    }
    case 'index': {
      const start = numberOr(params[paging.cursor], 0);
      const total = answer.totalCount;
      if (short || (typeof total === 'number' && start + items.length >= total)) return undefined;
      return { ...params, [paging.cursor]: start + items.length };
    }
    case 'page':
      return short ? undefined : { ...params, [paging.cursor]: numberOr(params[paging.cursor], 1) + 1 };
    case 'maxViewId':
    case 'after': {
      // The last item names where the next page starts. `lastResult` ends a list of views
      // (which says so); a short page ends one after an entity (which does not).
      if (paging.style === 'maxViewId' ? answer.lastResult === true : short) return undefined;
      const id = valueAt(items.at(-1), paging.from ?? '');
      if (id === undefined || id === params[paging.cursor]) return undefined;
      return { ...params, [paging.cursor]: id };
    }
  }
}

/**
 * Yields each page of a paginated operation with its items, asking for one page at a
 * time, as the caller consumes them (a `break` sends no further request).
 */
export async function* walkPages(
  load: () => Promise<Endpoint>,
  call: (params: Record<string, unknown>) => Promise<unknown>,
  params: unknown,
): AsyncGenerator<{ page: unknown; items: unknown[] }> {
  const { operationId, paging } = await load();
  if (!paging) throw new TypeError(`${operationId} does not page: call it directly`);
  let current: Record<string, unknown> | undefined = { ...(params as Record<string, unknown> | undefined) };
  let previousFirst: string | undefined;
  while (current) {
    const page = (await call(current)) as Page;
    const items = itemsOf(page, paging.items);
    // A cluster that ignores the cursor answers the same page again: stop instead of looping.
    const first = JSON.stringify(items[0]);
    if (items.length > 0 && first === previousFirst) return;
    previousFirst = first;
    yield { page, items };
    current = nextParams(paging, current, page, items);
  }
}

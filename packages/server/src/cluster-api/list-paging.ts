import type { Operation } from './spec.js';

/** One page of a list and the answer's fields that lead to the next (`paginationCookie`, `lastResult`…). */
export interface ListPage {
  readonly views: Record<string, unknown>[];
  readonly fields: Record<string, unknown>;
}

const CURSORS = ['paginationCookie', 'cookie'];
const SIZES = ['maxResultCount', 'maxCount', 'pageCount', 'pageSize', 'count', 'numRuns'];

/**
 * Where the answer puts the next page's cookie: a field of the cursor's own name, or
 * `paginationInfo.cookie` (v2 protected objects and their runs); undefined when it has no
 * place for one (the cursor is then no cursor).
 */
function cookiePlace(answerFields: ReadonlySet<string>, cursor: string) {
  if (answerFields.has(cursor)) return (next: string) => ({ [cursor]: next });
  if (answerFields.has('paginationInfo')) return (next: string) => ({ paginationInfo: { cookie: next } });
  return undefined;
}

/**
 * The page of `views` the request asks for, in the paging style the operation's query
 * parameters name, as a cluster pages: a cookie (the offset of the next page, absent after
 * the last; only where the answer, of `answerFields`, can carry it), `startIndex`, `page`
 * (from 1), or `maxViewId` (the views after it, with `lastResult`). Without a page size,
 * the whole list.
 */
export function pageOfList(
  operation: Operation,
  answerFields: ReadonlySet<string>,
  params: Readonly<Record<string, unknown>>,
  views: Record<string, unknown>[],
): ListPage {
  const query = new Set(operation.parameters.filter((p) => p.in === 'query').map((p) => p.name));
  // The first page size the request gives (v2 group runs take maxResultCount or numRuns).
  const size = SIZES.filter((name) => query.has(name))
    .map((name) => params[name])
    .find((value): value is number => typeof value === 'number' && value >= 1);
  if (size === undefined) return { views, fields: {} };
  for (const cursor of CURSORS) {
    const place = query.has(cursor) ? cookiePlace(answerFields, cursor) : undefined;
    if (place === undefined) continue;
    const start = Number(params[cursor] ?? 0) || 0;
    const more = start + size < views.length;
    return { views: views.slice(start, start + size), fields: more ? place(String(start + size)) : {} };
  }
  if (query.has('maxViewId')) {
    const after = Number(params.maxViewId ?? 0);
    const rest = views
      .filter((view) => Number(view.viewId) > after)
      .sort((a, b) => Number(a.viewId) - Number(b.viewId));
    return { views: rest.slice(0, size), fields: { lastResult: rest.length <= size } };
  }
  const start = query.has('startIndex')
    ? Number(params.startIndex ?? 0)
    : query.has('page')
      ? (Number(params.page ?? 1) - 1) * size
      : 0;
  return { views: views.slice(start, start + size), fields: { totalCount: views.length } };
}

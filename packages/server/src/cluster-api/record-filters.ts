import type { Operation } from './spec.js';

const singular = (name: string) => name.replace(/ies$/, 'y').replace(/s$/, '');

/**
 * The simple filters the document names (`ids`, `names`, `environments`, `viewNames`…):
 * a query parameter filters on the field of its own or its singular name, or on `id`/`name`
 * when it names the collection itself (`viewIds` on views). Parameters naming no field of
 * the records (paging, `includeX` flags) filter nothing.
 */
export function matchesFilters(
  operation: Operation,
  params: Readonly<Record<string, unknown>>,
  document: Readonly<Record<string, unknown>>,
): boolean {
  const collectionWord = operation.path.toLowerCase().replaceAll('-', '');
  for (const parameter of operation.parameters) {
    // Whose records a list shows is the tenant scope's (src/tenants/resource-scope.ts).
    if (parameter.in !== 'query' || parameter.name === 'tenantIds') continue;
    const wanted = params[parameter.name];
    if (wanted === undefined) continue;
    const field = fieldFor(parameter.name, document, collectionWord);
    if (field === undefined) continue;
    const actual = document[field];
    const values = [wanted].flat().map(String);
    if (values.length === 0) continue;
    const actuals = [actual].flat().map(String);
    if (!actuals.some((a) => values.includes(a))) return false;
  }
  return true;
}

function fieldFor(name: string, document: Readonly<Record<string, unknown>>, collectionWord: string) {
  for (const candidate of [name, singular(name)]) if (document[candidate] !== undefined) return candidate;
  const own = /^([a-z]+)(Ids|Names)$/.exec(name);
  if (own?.[1] && collectionWord.includes(own[1].toLowerCase().slice(0, 5))) return own[2] === 'Ids' ? 'id' : 'name';
  return undefined;
}

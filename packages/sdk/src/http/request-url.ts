/** Query values; arrays are sent as repeated parameters. `undefined` and `null` are left out. */
export type QueryParams = Record<
  string,
  string | number | boolean | readonly (string | number | boolean)[] | null | undefined
>;

// RFC 3986 path characters only: such a path needs neither parsing nor escaping.
const PLAIN_PATH = /^\/[\w\-.~!$&'()*+,;=:@%/]*$/;

/**
 * The request URL. Paths are appended to the origin, never resolved against it, so no path
 * (`//other.host/x` included) can send the credentials to another host. The API methods'
 * own paths skip URL parsing, which costs more than the rest of building a call.
 */
export function requestUrl(origin: string, path: string, query: QueryParams | undefined): string {
  const absolute = path.startsWith('/') ? path : `/${path}`;
  if (query === undefined && PLAIN_PATH.test(absolute)) return origin + absolute;
  const url = new URL(origin + absolute);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(name, String(item));
  }
  return url.toString();
}

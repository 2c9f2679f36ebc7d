/**
 * The value, or a thrown error when it is null or undefined. The documents mark nearly
 * every answer field optional and nullable; a test that needs one says so here.
 */
export function present<T>(value: T | null | undefined, what = 'value'): T {
  if (value === null || value === undefined) throw new Error(`expected ${what} to be present`);
  return value;
}

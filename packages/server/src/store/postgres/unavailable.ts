import { StoreUnavailableError } from '../store.js';

// Socket errors, and the SQLSTATEs of a server that is gone, going or not yet there:
// 57P01-03 (admin/crash shutdown, cannot connect now), class 08 (connection exceptions),
// 53300 (too many connections).
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '53300',
]);

// What pg throws without a code when a connection dies or never comes.
const UNAVAILABLE_MESSAGES =
  /connection terminated|connection timeout|timeout exceeded when trying to connect|client has encountered a connection error|not queryable|cannot use a pool after calling end/i;

/** Whether `error` means the database cannot be reached (rather than a bad query). */
export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  if (error instanceof AggregateError) return error.errors.some(isUnavailable);
  return UNAVAILABLE_MESSAGES.test(error.message);
}

/** Rethrows a lost connection as StoreUnavailableError (the server answers 503), anything else as is. */
export function toStoreError(error: unknown): unknown {
  return isUnavailable(error)
    ? new StoreUnavailableError('The PostgreSQL database is unavailable', { cause: error })
    : error;
}

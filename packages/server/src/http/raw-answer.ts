import { STATUS_CODES } from 'node:http';
import type { ApiError } from '../errors.js';

/**
 * The bytes of a whole HTTP/1.1 answer carrying the contract's `Error`, for the few places
 * that answer on the socket itself rather than through Node's response object.
 */
export function rawAnswer(answer: ApiError, headers: Readonly<Record<string, string>> = {}): string {
  const body = JSON.stringify({ errorCode: answer.errorCode, message: answer.message });
  const extra = Object.entries({ ...answer.headers, ...headers })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  return (
    `HTTP/1.1 ${answer.statusCode} ${STATUS_CODES[answer.statusCode]}\r\nConnection: close\r\n${extra}` +
    `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
}

import { type Dispatcher, request } from 'undici';
import { expect } from 'vitest';
import type { FuzzRequest } from './fuzz-arbitraries.js';

/** Socket errors a client may see when the server rightly cuts an oversized upload short. */
const CUT_SHORT = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE', 'UND_ERR_CLOSED']);
// The body limit is 1 MiB and the header limit 32 KiB: past those the server may hang up.
const isOversized = (fuzz: FuzzRequest) => (fuzz.body?.length ?? 0) > 1024 * 1024 || fuzz.path.length > 30_000;

export interface FuzzAnswer {
  status: number;
  text: string;
}

/** Sends one fuzz request as-is; answers undefined when an oversized upload was cut short. */
export async function sendFuzzRequest(
  dispatcher: Dispatcher,
  origin: string,
  fuzz: FuzzRequest,
): Promise<FuzzAnswer | undefined> {
  const hasBody = fuzz.body !== undefined && fuzz.method !== 'GET';
  try {
    const response = await request(`${origin}${fuzz.path}`, {
      method: fuzz.method as Dispatcher.HttpMethod,
      dispatcher,
      headers: fuzz.headers,
      body: hasBody ? fuzz.body : null,
    });
    return { status: response.statusCode, text: await response.body.text() };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (CUT_SHORT.has(code) && isOversized(fuzz)) return undefined;
    throw error;
  }
}

/** The promises every answer keeps: no 5xx, the contract's Error on every non-2xx, no echo. */
export function expectWellFormed(fuzz: FuzzRequest, answer: FuzzAnswer, secrets: readonly string[]): void {
  const context = `${fuzz.method} ${fuzz.path.slice(0, 200)} → ${answer.status} ${answer.text.slice(0, 200)}`;
  expect(answer.status, context).toBeLessThan(500);
  for (const secret of secrets) expect(answer.text.includes(secret), `echoed a secret: ${context}`).toBe(false);
  if (answer.status < 300 || fuzz.method === 'HEAD') return;
  let body: unknown;
  expect(() => {
    body = JSON.parse(answer.text);
  }, context).not.toThrow();
  expect(body, context).toEqual({ errorCode: expect.stringMatching(/^K[A-Za-z]+$/), message: expect.any(String) });
}

/** The passwords a fuzz body carried, at any depth, when long enough to look for in answers. */
export function passwordsIn(fuzz: FuzzRequest): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'password' && typeof inner === 'string' && inner.length >= 8) found.push(inner);
        else walk(inner);
      }
    }
  };
  try {
    walk(JSON.parse(fuzz.body?.toString() ?? ''));
  } catch {}
  return found;
}

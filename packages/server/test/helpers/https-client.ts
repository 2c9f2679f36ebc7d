import { Agent, request } from 'undici';

export interface TestResponse<T = unknown> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
  text: string;
}

export interface SendOptions {
  body?: unknown;
  /** Sent as-is, instead of JSON.stringify(body). */
  rawBody?: string | Buffer;
  headers?: Record<string, string | string[]>;
}

export interface HttpsClient {
  /** One request that trusts the server's own certificate (`ca`). */
  send<T = unknown>(method: string, path: string, options?: SendOptions): Promise<TestResponse<T>>;
  /** Logs in and answers the access token. */
  login(username: string, password: string, domain?: string): Promise<string>;
  close(): Promise<void>;
}

/** Requests to one server; the body is parsed as JSON when it is JSON. */
export function createHttpsClient(baseUrl: string, ca: string | undefined): HttpsClient {
  const dispatcher = new Agent({ connect: { ca }, keepAliveTimeout: 1000 });
  const send = async <T>(method: string, path: string, options: SendOptions = {}): Promise<TestResponse<T>> => {
    const hasJson = options.body !== undefined;
    const response = await request(`${baseUrl}${path}`, {
      method: method as 'GET',
      dispatcher,
      headers: { ...(hasJson ? { 'content-type': 'application/json' } : {}), ...options.headers },
      body: options.rawBody ?? (hasJson ? JSON.stringify(options.body) : null),
    });
    const text = await response.body.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {}
    return { status: response.statusCode, headers: response.headers, body: body as T, text };
  };
  return {
    send,
    async login(username, password, domain = 'LOCAL') {
      const response = await send<{ accessToken: string }>('POST', '/v2/access-tokens', {
        body: { username, password, domain },
      });
      if (response.status !== 201) throw new Error(`login failed: ${response.status} ${response.text}`);
      return response.body.accessToken;
    },
    close: () => dispatcher.close(),
  };
}

import fc from 'fast-check';
import type { FuzzEndpoint } from './fuzz-endpoints.js';
import { queryOver, toQueryString, unstorableText } from './fuzz-shapes.js';

/** A request as the fuzzer sends it: everything raw, nothing the client library may fix. */
export interface FuzzRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: Buffer | undefined;
}

/** Genuine credentials and ids the fuzzer mixes in, so some requests get past authentication. */
export interface FuzzSecrets {
  readonly token: string;
  readonly apiKey?: string;
  readonly sessionId?: string;
  /** Usernames that exist, tried in logins. */
  readonly usernames: readonly [string, ...string[]];
  /** User sids and API key ids that exist, used as path parameters. */
  readonly knownIds: readonly string[];
}

/** Text that survives as a header value: Latin-1, no control characters. */
const headerText = fc.string({
  unit: fc
    .integer({ min: 0x20, max: 0xff })
    .filter((c) => c !== 0x7f)
    .map((c) => String.fromCharCode(c)),
  maxLength: 80,
});

/** Any UTF-16 code units, with NUL and lone surrogates often. */
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), unstorableText);

const anyJson = fc.jsonValue({ maxDepth: 4, stringUnit: 'binary' });

const asJson = (value: unknown) => Buffer.from(JSON.stringify(value) ?? 'null');

const credentialLike = (secrets: FuzzSecrets) =>
  fc.record(
    {
      username: fc.oneof(fc.constantFrom(...secrets.usernames), anyText, anyJson),
      password: fc.oneof(
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.string({ minLength: 1025, maxLength: 1100 }),
        anyJson,
      ),
      domain: fc.oneof(fc.constantFrom('LOCAL', 'local', 'Local', '', 'OTHER'), anyText, anyJson),
      otpType: fc.oneof(fc.constantFrom('Totp', 'Email'), anyJson),
      otpCode: fc.oneof(fc.constant(null), anyText),
    },
    { requiredKeys: [] },
  );

// Prototype keys are written as text: an object literal's `__proto__` would set a prototype.
const pollution = fc.constantFrom('', '"__proto__":{"isAdmin":true},', '"constructor":{"prototype":{"isAdmin":true}},');

const deepNesting = fc
  .integer({ min: 100, max: 20_000 })
  .chain((depth) =>
    fc.constantFrom(`${'['.repeat(depth)}${']'.repeat(depth)}`, `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
  );

const invalidJsonText = fc.constantFrom(
  '{',
  '{"username":',
  "{'username':'admin'}",
  '{"username":"admin",}',
  'username=admin&password=admin',
  'null',
  '"\\ud800"',
  '{"a":1}{"b":2}',
  '\uFEFF{"username":"admin"}',
  '{"__proto__":{"x":1}}',
  '{"constructor":{"prototype":{"x":1}}}',
  '1e999999',
  'NaN',
);

/** Bodies: JSON values, credential-shaped objects, deep nesting, huge, broken text and raw bytes. */
export const bodyArbitrary = (secrets: FuzzSecrets): fc.Arbitrary<Buffer | undefined> =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 8, arbitrary: anyJson.map(asJson) },
    {
      weight: 8,
      arbitrary: fc
        .tuple(credentialLike(secrets), pollution)
        .map(([value, extra]) => Buffer.from(JSON.stringify(value).replace(/^\{/, `{${extra}`).replace(/,\}$/, '}'))),
    },
    { weight: 1, arbitrary: deepNesting.map((text) => Buffer.from(text)) },
    { weight: 4, arbitrary: invalidJsonText.map((text) => Buffer.from(text)) },
    { weight: 4, arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(1024 * 1024 - 100, 1024 * 1024 + 1, 2 * 1024 * 1024)
        .map((size) => Buffer.from(`{"username":"${'x'.repeat(size)}"}`)),
    },
  );

const contentType = fc.oneof(
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'application/json; charset=latin1',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'text/plain',
    'application/octet-stream',
    '*/*',
    '',
  ),
  headerText,
);

/** Credential headers (some genuine), content types and encodings, including gzip claims. */
export const headersArbitrary = (secrets: FuzzSecrets): fc.Arbitrary<Record<string, string>> =>
  fc.record(
    {
      authorization: fc.oneof(
        fc.constant(`Bearer ${secrets.token}`),
        fc.constant(`Bearer ${secrets.token.slice(0, -3)}xyz`),
        headerText.map((text) => `Bearer ${text}`),
        headerText,
      ),
      apikey: fc.oneof(fc.uuid(), headerText, ...(secrets.apiKey ? [fc.constant(secrets.apiKey)] : [])),
      'session-id': fc.oneof(fc.uuid(), headerText, ...(secrets.sessionId ? [fc.constant(secrets.sessionId)] : [])),
      'content-type': contentType,
      'content-encoding': fc.oneof(fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'gzip, gzip'), headerText),
      accept: fc.oneof(fc.constantFrom('application/json', 'text/html', '*/*'), headerText),
      'accept-encoding': fc.constantFrom('gzip', 'br', '*', 'identity;q=0'),
      'x-forwarded-for': headerText,
      cookie: headerText,
    },
    { requiredKeys: [] },
  );

const anySegment = fc.oneof(
  fc.webSegment(),
  fc.constantFrom(
    '..',
    '.',
    '%2e%2e',
    '%2E%2E%2F',
    '..%2f..%2f',
    '%00',
    'S-1-100-21-1-1%00',
    '%ED%A0%80',
    '%zz',
    '%c0%ae',
    '%u002e',
    '~',
    'S-1-100-21-1-1-1',
  ),
  fc.string({ unit: 'grapheme', maxLength: 20 }).map((text) => encodeURIComponent(text)),
  fc.integer({ min: 300, max: 40_000 }).map((length) => 'a'.repeat(length)),
);

const queryString = fc.oneof(
  fc.constant(''),
  fc
    .dictionary(
      fc.string({ maxLength: 10 }),
      fc.oneof(fc.string({ maxLength: 30 }), unstorableText, fc.array(fc.string(), { maxLength: 3 })),
    )
    .map(toQueryString),
  fc.constantFrom('?', '?&&=&', '?a=%zz', '?ids=a,,b&ids=c', '?__proto__[x]=1', '?constructor[prototype][x]=1'),
);

/** Fills `{param}`s (often with ids that exist), sometimes mangles the path, adds a query string. */
const pathFor = (endpoint: FuzzEndpoint, knownIds: readonly string[]) =>
  fc
    .record({
      params: fc.array(
        knownIds.length > 0
          ? fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...knownIds) }, { weight: 1, arbitrary: anySegment })
          : anySegment,
        { minLength: 4, maxLength: 4 },
      ),
      mangle: fc.constantFrom('none', 'none', 'none', 'double-slash', 'traversal', 'trailing-slash', 'upper-case'),
      query: endpoint.query
        ? fc.oneof({ weight: 3, arbitrary: queryOver(endpoint.query) }, { weight: 1, arbitrary: queryString })
        : queryString,
    })
    .map(({ params, mangle, query }) => {
      let index = 0;
      let path = endpoint.path.replace(/\{[^}]+\}/g, () => params[index++] ?? 'x');
      if (mangle === 'double-slash') path = path.replaceAll('/', '//');
      if (mangle === 'traversal') path = `${path}/..%2f..%2f${params[0] ?? ''}`;
      if (mangle === 'trailing-slash') path = `${path}/`;
      if (mangle === 'upper-case') path = path.toUpperCase();
      return `${path}${query}`;
    });

/** A request aimed at `endpoint`, sometimes with another method; headers fuzzed unless given. */
export const requestArbitrary = (
  endpoint: FuzzEndpoint,
  secrets: FuzzSecrets,
  headers: fc.Arbitrary<Record<string, string>> = headersArbitrary(secrets),
): fc.Arbitrary<FuzzRequest> =>
  fc.record({
    method: fc.oneof(
      { weight: 6, arbitrary: fc.constant(endpoint.method) },
      { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS') },
    ),
    path: pathFor(endpoint, secrets.knownIds),
    headers,
    body: endpoint.body
      ? fc.oneof({ weight: 3, arbitrary: endpoint.body.map(asJson) }, { weight: 2, arbitrary: bodyArbitrary(secrets) })
      : bodyArbitrary(secrets),
  });

/**
 * A request aimed straight at `endpoint`: its method, its parameters mostly ids that
 * exist, its own query names and body shape. These get past routing and schemas into the
 * handlers, where the deeper refusals (and successes) are.
 */
export const aimedRequestArbitrary = (
  endpoint: FuzzEndpoint,
  secrets: FuzzSecrets,
  headers: fc.Arbitrary<Record<string, string>>,
): fc.Arbitrary<FuzzRequest> => {
  const param =
    secrets.knownIds.length > 0
      ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...secrets.knownIds) }, { weight: 1, arbitrary: anySegment })
      : anySegment;
  return fc.record({
    method: fc.constant(endpoint.method),
    path: fc
      .tuple(
        fc.array(param, { minLength: 4, maxLength: 4 }),
        endpoint.query ? queryOver(endpoint.query) : fc.constant(''),
      )
      .map(([params, query]) => `${endpoint.path.replace(/\{[^}]+\}/g, () => params.shift() ?? 'x')}${query}`),
    headers,
    body: endpoint.body ? endpoint.body.map(asJson) : fc.constant(undefined),
  });
};

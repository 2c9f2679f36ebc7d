import fc from 'fast-check';

/**
 * Bodies and query strings shaped like each route's own: the right field names holding
 * right, wrong and hostile values, so requests get past the schema into the handlers.
 */

/**
 * Text no store can keep, which must be refused before anything is written: NUL (the end
 * of a C string, refused by PostgreSQL) and lone UTF-16 surrogates (no UTF-8 form), alone
 * or inside ordinary text.
 */
export const unstorableText = fc
  .tuple(
    fc.string({ maxLength: 8 }),
    fc.constantFrom('\u0000', '\ud800', '\udbff', '\udc00', '\udfff', '\ud83d\u0000', 'a\u0000b'),
    fc.string({ maxLength: 8 }),
  )
  .map(([before, hostile, after]) => `${before}${hostile}${after}`);

/** A value for a field: usually of its type, sometimes anything at all. */
const either = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof(
    { weight: 9, arbitrary: valid },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2, stringUnit: 'binary' }) },
  );

const boolean = either(fc.boolean());
const text = (maxLength: number) =>
  either(fc.oneof(fc.string({ maxLength }), fc.string({ unit: 'binary', maxLength }), unstorableText, fc.constant('')));
const timeMsecs = either(
  fc.oneof(
    fc.constant(null),
    fc.integer({ min: 0, max: 4_102_444_800_000 }),
    fc.constantFrom(-1, 0, Number.MAX_SAFE_INTEGER, 1e300, 0.5),
  ),
);
const role = fc.constantFrom(
  'COHESITY_ADMIN',
  'COHESITY_VIEWER',
  'COHESITY_OPERATOR',
  'COHESITY_DATA_SECURITY',
  'COHESITY_SUPER_ADMIN',
  'ADMIN',
  '',
);
const roles = either(fc.array(role, { maxLength: 6 }));
// Mostly strong enough for the default policy, sometimes empty, weak or past 1,024 bytes.
const password = either(
  fc.oneof(
    fc.string({ minLength: 4, maxLength: 30 }).map((s) => `Aa9-${s}`),
    fc.constantFrom('', 'weak', 'x'.repeat(1025), 'é'.repeat(600)),
  ),
);
const username = either(
  fc.oneof(
    fc.stringMatching(/^[a-z][a-z0-9._-]{0,15}$/),
    fc.constantFrom('admin', 'a b', 'a/b', 'a@b', '..'),
    unstorableText,
  ),
);
const integer = (max: number) => either(fc.oneof(fc.integer({ min: 1, max }), fc.constantFrom(0, -1, max + 1, 1.5)));

const localUserParams = fc.record(
  { password, email: either(fc.oneof(fc.constant(null), fc.emailAddress(), text(400))) },
  { requiredKeys: [] },
);

const userFields = {
  roles,
  description: either(fc.oneof(fc.constant(null), fc.string({ maxLength: 1100 }))),
  locked: boolean,
  effectiveTimeMsecs: timeMsecs,
  expiryTimeMsecs: timeMsecs,
  forcePasswordChange: boolean,
  localUserParams,
};

export const createUsersBody = either(
  fc.array(
    fc.record(
      {
        ...userFields,
        username,
        domain: either(fc.oneof(fc.constantFrom('LOCAL', 'local', 'OTHER', ''), unstorableText)),
      },
      { requiredKeys: ['username', 'roles', 'localUserParams'] },
    ),
    { maxLength: 3 },
  ),
);

export const updateUserBody = fc.record(userFields, { requiredKeys: [] });

export const apiKeyBody = (expiryField: 'expiryTimeMsecs' | 'expiringTimeMsecs') =>
  fc.record({ name: text(300), isActive: boolean, [expiryField]: timeMsecs }, { requiredKeys: [] });

export const securityConfigBody = fc.record(
  {
    authTokenTimeoutMinutes: integer(525_600),
    accountLockout: either(
      fc.record(
        {
          maxFailedLoginAttempts: integer(1000),
          failedLoginLockTimeDurationMins: integer(525_600),
          inactivityTimeDays: integer(3650),
        },
        { requiredKeys: [] },
      ),
    ),
    sessionConfiguration: either(
      fc.record(
        {
          absoluteTimeout: integer(31_536_000),
          inactivityTimeout: integer(31_536_000),
          limitSessions: boolean,
          sessionLimitPerUser: integer(100_000),
          sessionLimitSystemWide: integer(10_000_000),
        },
        { requiredKeys: [] },
      ),
    ),
    passwordStrength: either(
      fc.record(
        {
          minLength: integer(1024),
          includeUpperLetter: boolean,
          includeLowerLetter: boolean,
          includeNumber: boolean,
          includeSpecialChar: boolean,
        },
        { requiredKeys: [] },
      ),
    ),
  },
  { requiredKeys: [] },
);

const otpType = either(fc.constantFrom('Totp', 'totp', 'TOTP', 'Email', 'email', 'salesforce', '', null));
const otpCode = either(fc.oneof(fc.stringMatching(/^\d{6}$/), fc.constantFrom('', null, '0'.repeat(65)), fc.string()));

/** `POST /login`, `/v2/email-otp`, token and session logins: credentials and OTP fields. */
export const loginBody = fc.record(
  { username, password, domain: either(fc.constantFrom('LOCAL', 'local', 'OTHER', '')), otpType, otpCode },
  { requiredKeys: [] },
);

export const verifyOtpBody = fc.record({ otpType, otpCode }, { requiredKeys: [] });

export const mfaConfigBody = fc.record(
  {
    enabled: boolean,
    authenticationTypes: either(fc.array(fc.constantFrom('email', 'totp', 'salesforce', 'sms'), { maxLength: 4 })),
    retainUserMfaSettings: boolean,
  },
  { requiredKeys: [] },
);

export const totpKeyBody = fc.record(
  { totpKeyName: either(fc.oneof(fc.constant(null), text(300))) },
  { requiredKeys: [] },
);

/** v1 `PUT /public/users`: a `/login` user sent back, with passwords and administrator fields. */
export const updateUserV1Body = fc.record(
  {
    sid: either(fc.oneof(fc.stringMatching(/^S-1-100-21-\d{1,10}-\d{1,10}-\d{1,4}$/), text(300))),
    username,
    currentPassword: password,
    password,
    mfaInfo: either(fc.record({ isUserExemptFromMfa: boolean }, { requiredKeys: [] })),
    uiAccess: boolean,
    forcePasswordChange: boolean,
  },
  { requiredKeys: [] },
);

export const tenantBody = fc.record(
  {
    name: text(300),
    orgSuffix: either(fc.stringMatching(/^[a-z]{1,12}$/)),
    tenantIdSuffix: either(fc.stringMatching(/^[a-z]{1,12}$/)),
    description: either(fc.oneof(fc.constant(null), text(1100))),
  },
  { requiredKeys: [] },
);

/** A query string over the route's own parameter names, values well-typed or not. */
export const queryOver = (names: readonly string[]) =>
  fc
    .dictionary(
      fc.constantFrom(...names),
      fc.oneof(
        fc.string({ maxLength: 20 }),
        unstorableText,
        fc.constantFrom('true', 'false', '0', '1', '-1', '1001', '1e3', 'a,,b', ''),
        fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
      ),
      { maxKeys: names.length },
    )
    .map(toQueryString);

/** `?a=1&a=2&b=3` from `{a: ['1', '2'], b: '3'}`. */
export function toQueryString(query: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) for (const v of [value].flat()) params.append(key, v);
  return `?${params}`;
}

const environment = either(fc.constantFrom('kVMware', 'kPhysical', 'kGenericNas', 'kNope', '', null));
const id = either(fc.oneof(fc.integer({ min: -1, max: 10 }), fc.constantFrom('1:1:1', '1', 'x', '')));

/** v2 protection groups and v1 protection jobs (the generic cluster API). */
export const protectionGroupBody = fc.record(
  {
    name: text(40),
    policyId: id,
    environment,
    storageDomainId: id,
    viewBoxId: id,
    sourceSpecialParameters: either(fc.constant([])),
    priority: either(fc.constantFrom('kLow', 'kMedium', 'kHigh', null)),
    isPaused: boolean,
  },
  { requiredKeys: [] },
);

/** v2 `POST …/runs` and v1 `POST /public/protectionJobs/run/{id}`. */
export const runBody = fc.record(
  { runType: either(fc.constantFrom('kRegular', 'kFull', 'kLog', 'kNope')), sourceIds: either(fc.array(fc.integer())) },
  { requiredKeys: [] },
);

/** v1 `POST /public/restore/recover` and `/clone`, and v2 `POST /data-protect/recoveries`. */
export const restoreBody = fc.record(
  {
    name: text(40),
    type: either(fc.constantFrom('kRecoverVMs', 'kCloneVMs', 'kCloneView', 'kNope')),
    snapshotEnvironment: environment,
    objects: either(fc.array(fc.record({ jobId: id, protectionSourceId: id, environment }), { maxLength: 3 })),
  },
  { requiredKeys: [] },
);

/** Settings documents (v2 SMTP, v1 banners): the fields they keep, and some they do not. */
export const settingsBody = fc.record(
  {
    hostname: text(40),
    port: integer(65_535),
    username: text(20),
    password: text(20),
    content: text(80),
    description: text(40),
  },
  { requiredKeys: [] },
);

import { type Static, Type } from 'typebox';

// The stand-in's own fault-injection API (`/_stand-in/faults`, on with `--faults`); no
// Cohesity cluster has it.

/** Credentials `POST /_stand-in/faults/expire` can expire. */
export const CredentialKinds = ['tokens', 'sessions', 'cookies', 'apiKeys'] as const;
export type CredentialKind = (typeof CredentialKinds)[number];
const CredentialKindSchema = Type.Union([
  Type.Literal('tokens'),
  Type.Literal('sessions'),
  Type.Literal('cookies'),
  Type.Literal('apiKeys'),
]);

/** What an injected fault answers: a status, a dropped connection, or only a delay. */
export const FaultAnswers = [429, 500, 502, 503, 'hang-up', 'delay'] as const;
export type FaultAnswer = (typeof FaultAnswers)[number];
const FaultAnswerSchema = Type.Union([
  Type.Literal(429),
  Type.Literal(500),
  Type.Literal(502),
  Type.Literal(503),
  Type.Literal('hang-up'),
  Type.Literal('delay'),
]);

/** At most one of these; none means every request. */
const scopeFields = {
  /** A user's SID, `name` (domain LOCAL) or `DOMAIN\name`. */
  user: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
  /** A token, session id, cookie or API key exactly as clients send it; kept as its SHA-256. */
  credential: Type.Optional(Type.String({ minLength: 1, maxLength: 8192 })),
  /** A route pattern, e.g. `/v2/clusters` or `/v2/users/{sid}`. */
  route: Type.Optional(Type.String({ minLength: 1, maxLength: 512, pattern: '^/' })),
  /** With `route`: only this method. */
  method: Type.Optional(
    Type.Union([
      Type.Literal('GET'),
      Type.Literal('POST'),
      Type.Literal('PUT'),
      Type.Literal('PATCH'),
      Type.Literal('DELETE'),
    ]),
  ),
};

export const ExpireCredentialsRequestSchema = Type.Object({
  ...scopeFields,
  /** Default: every kind. */
  kinds: Type.Optional(Type.Array(CredentialKindSchema, { minItems: 1, uniqueItems: true })),
});
export type ExpireCredentialsRequest = Static<typeof ExpireCredentialsRequestSchema>;

export const ExpireCredentialsResultSchema = Type.Object({
  atMsecs: Type.Integer(),
  kinds: Type.Array(Type.String()),
  /** API keys are expired in the store for real; this many were. */
  apiKeysExpired: Type.Integer({ minimum: 0 }),
});
export type ExpireCredentialsResult = Static<typeof ExpireCredentialsResultSchema>;

export const InjectRequestFaultRequestSchema = Type.Object({
  ...scopeFields,
  answer: FaultAnswerSchema,
  /** The next `count` matching requests (default 1 unless `share` is given). */
  count: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
  /** Or this share of matching requests, until removed. */
  share: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
  /** Added before the answer; required for `delay`. */
  latencyMsecs: Type.Optional(Type.Integer({ minimum: 0, maximum: 600_000 })),
  /** The `Retry-After` of a 429 or 503 (default 1). */
  retryAfterSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 3600 })),
});
export type InjectRequestFaultRequest = Static<typeof InjectRequestFaultRequestSchema>;

const ScopeSchema = Type.Record(Type.String(), Type.Union([Type.String(), Type.Null()]));

export const RequestFaultSchema = Type.Object({
  id: Type.String(),
  scope: ScopeSchema,
  answer: FaultAnswerSchema,
  remaining: Type.Union([Type.Integer(), Type.Null()]),
  share: Type.Union([Type.Number(), Type.Null()]),
  latencyMsecs: Type.Integer(),
  retryAfterSeconds: Type.Integer(),
  hits: Type.Integer(),
  createdTimeMsecs: Type.Integer(),
});
export type RequestFault = Static<typeof RequestFaultSchema>;

export const FaultModesSchema = Type.Object({
  /** Access-token logins answer 400 `Access denied`; `POST /v2/users/sessions` works. */
  sessionManagement: Type.Boolean(),
  /** Password logins need a one-time code (as the cluster's MFA switch). */
  mfaRequired: Type.Boolean(),
});
export type FaultModes = Static<typeof FaultModesSchema>;
export const UpdateFaultModesSchema = Type.Partial(FaultModesSchema);
export type UpdateFaultModes = Static<typeof UpdateFaultModesSchema>;

export const AdvanceClockRequestSchema = Type.Object({
  advanceMsecs: Type.Integer({ minimum: 1, maximum: 10 * 366 * 24 * 3600 * 1000 }),
});
export type AdvanceClockRequest = Static<typeof AdvanceClockRequestSchema>;

export const FaultsStateSchema = Type.Object({
  clock: Type.Object({ nowMsecs: Type.Integer(), offsetMsecs: Type.Integer() }),
  modes: FaultModesSchema,
  expiries: Type.Array(Type.Object({ scope: ScopeSchema, kinds: Type.Array(Type.String()), atMsecs: Type.Integer() })),
  requestFaults: Type.Array(RequestFaultSchema),
});
export type FaultsState = Static<typeof FaultsStateSchema>;

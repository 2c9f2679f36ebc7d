import { type Static, Type } from 'typebox';
import { Nullable, TimeMsecs } from './common.js';

/** One line of the append-only audit log: who did what, when, from where. Never a secret. */
export const AuditLogSchema = Type.Object({
  id: Type.Integer(),
  timeMsecs: TimeMsecs,
  action: Type.String(),
  outcome: Type.Union([
    Type.Literal('success'),
    Type.Literal('failure'),
    Type.Literal('locked'),
    Type.Literal('denied'),
  ]),
  actorSid: Nullable(Type.String()),
  actorName: Nullable(Type.String()),
  target: Nullable(Type.String()),
  ip: Nullable(Type.String()),
  requestId: Nullable(Type.String()),
  details: Type.Record(Type.String(), Type.Unknown()),
});
export type AuditLog = Static<typeof AuditLogSchema>;

export const AuditLogsSchema = Type.Object({ auditLogs: Type.Array(AuditLogSchema) });
export type AuditLogs = Static<typeof AuditLogsSchema>;

/** Query of `GET /v2/audit-logs`: newest first, at most `limit` (default 100). */
export const GetAuditLogsQuerySchema = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  action: Type.Optional(Type.String({ maxLength: 64 })),
  actorSid: Type.Optional(Type.String({ maxLength: 255 })),
  sinceMsecs: Type.Optional(TimeMsecs),
});
export type GetAuditLogsQuery = Static<typeof GetAuditLogsQuerySchema>;

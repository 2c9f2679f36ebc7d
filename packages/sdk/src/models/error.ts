import { type Static, Type } from 'typebox';

/** The body of every non-2xx answer (contract §4). `errorCode` starts with `K`. */
export const ErrorSchema = Type.Object({
  errorCode: Type.String(),
  message: Type.String(),
  taskLogId: Type.Optional(Type.String()),
});
export type ErrorBody = Static<typeof ErrorSchema>;

/** The error codes this system answers with. */
export const ErrorCodes = [
  'KValidationError',
  'KStatusUnauthorized',
  'KPrivilegeError',
  'KRateLimitExceeded',
  'KNotFound',
  'KMethodNotAllowed',
  'KConflict',
  'KServiceUnavailable',
  'KInternalError',
] as const;
export type ErrorCode = (typeof ErrorCodes)[number];

import { ApiError } from '../errors.js';

/** Login flows §3.7: exactly this text when an MFA user sends no code (pyhesity compares it). */
export const otpMissing = () => new ApiError(400, 'KValidationError', 'Please specify the mandatory parameters.');

/** Login flows §3.7: a wrong (or empty) code; pyhesity treats only `KValidationError` as failure. */
export const otpInvalid = (username: string, type: 'totp' | 'email') =>
  new ApiError(
    400,
    'KValidationError',
    `[13]:OTP code validation for user ${username} failed with error: Invalid ${type === 'totp' ? 'TOTP' : 'email OTP'} code for user ${username}.`,
  );

/** Login flows §2 and §3.7: a web login waiting for its code may do nothing else. */
export const mfaPending = () =>
  new ApiError(
    401,
    'KStatusUnauthorized',
    'Only Multi-factor Authentication (MFA) related operations are allowed in this state.',
  );

import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors.js';
import { mfaPending } from '../mfa/mfa-errors.js';

/** Login flows §4, the project's text: a forced password change comes before anything else. */
export const passwordChangeRequired = () =>
  new ApiError(
    403,
    'KPrivilegeError',
    'Password is expired: change it (PUT /irisservices/api/v1/public/users) before any other operation',
  );

/**
 * A web login waiting for its MFA code, or whose password must change, may call only the
 * routes marked `mfaStep` or `passwordChange` (verify-otp, send-email-otp, totp-key, the
 * password change, logout). Runs after `authenticate`, whatever carried the session id.
 */
export function restrictUnfinishedWebLogins(app: FastifyInstance): void {
  // A callback hook: every request runs it, and a promise would cost more than the test.
  app.addHook('onRequest', function restrictUnfinishedWebLogin(request, _reply, done) {
    const web = request.actor?.principal?.session?.web;
    if (!web || !(web.mfaPending || web.passwordChangeOnly)) return done();
    const { mfaStep, passwordChange } = request.routeOptions.config;
    if (mfaStep || passwordChange) return done();
    done(web.mfaPending ? mfaPending() : passwordChangeRequired());
  });
}

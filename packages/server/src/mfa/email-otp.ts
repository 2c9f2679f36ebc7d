import { randomInt, timingSafeEqual } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { invalidRequest } from '../errors.js';
import type { Services } from '../services.js';
import type { UserRecord } from '../store/store.js';
import { sendToOutbox } from './email-outbox.js';
import { updateLoginProfile } from './login-profile.js';

/** Login flows §3.4, the project's format: 6 digits, valid 10 minutes, single use. */
const LIFETIME_MSECS = 10 * 60_000;
const KIND = 'email-otp';

interface StoredCode {
  /** Keyed hash of the code (the key is outside the database). */
  mac: string;
  expiresAtMsecs: number;
}

/** Whom a code is for: `id` keys the code (a user's sid), `user` names them in the mail. */
export interface CodeRecipient {
  id: string;
  email: string;
  user: string;
  /** The user the stored code is deleted with, if any. */
  ownerSid?: string;
}

const macOf = (services: Services, id: string, code: string) => services.atRest.mac(`email-otp:${id}:${code}`);

/** Mails a new code (to the outbox); it replaces any code sent to the recipient before. */
export async function sendEmailCode(services: Services, log: FastifyBaseLogger, to: CodeRecipient): Promise<void> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const now = services.now();
  const stored: StoredCode = { mac: macOf(services, to.id, code), expiresAtMsecs: now + LIFETIME_MSECS };
  await services.store.putRecord(KIND, to.id, JSON.stringify(stored), to.ownerSid);
  await sendToOutbox(services.config.dataDir, log, {
    timeMsecs: now,
    to: to.email,
    user: to.user,
    subject: 'Your Cohesity verification code',
    code,
    expiresAtMsecs: stored.expiresAtMsecs,
  });
}

/** Accepts the code once, before it expires; the swap makes a second use fail on any node. */
export async function verifyEmailCode(services: Services, id: string, code: string): Promise<boolean> {
  const text = await services.store.getRecord(KIND, id);
  if (text === undefined || !/^\d{6}$/.test(code)) return false;
  const stored = JSON.parse(text) as StoredCode;
  if (stored.expiresAtMsecs <= services.now()) return false;
  const given = Buffer.from(macOf(services, id, code));
  const expected = Buffer.from(stored.mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  return services.store.swapRecord(KIND, id, text, undefined);
}

/** Forgets the code mailed to `id`, if any: it was sent for a setup that is gone. */
export const forgetEmailCode = (services: Services, id: string) => services.store.deleteRecord(KIND, id);

/** Mails the user a new code, for a login or a verify-otp. */
export async function sendEmailOtp(services: Services, log: FastifyBaseLogger, user: UserRecord): Promise<void> {
  if (user.email === null) throw invalidRequest('The user has no email address to send a code to');
  const recipient = { id: user.sid, email: user.email, user: `${user.domain}\\${user.username}`, ownerSid: user.sid };
  await sendEmailCode(services, log, recipient);
}

/** A user's emailed code; the first one accepted completes the email setup. */
export async function verifyEmailOtp(services: Services, user: UserRecord, code: string): Promise<boolean> {
  if (!(await verifyEmailCode(services, user.sid, code))) return false;
  await updateLoginProfile(services, user.sid, (profile) => ({ ...profile, emailVerified: true }));
  return true;
}

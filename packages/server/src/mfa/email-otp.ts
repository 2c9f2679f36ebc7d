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

const macOf = (services: Services, sid: string, code: string) => services.atRest.mac(`email-otp:${sid}:${code}`);

/** Mails the user a new code (to the outbox); it replaces any code sent before. */
export async function sendEmailOtp(services: Services, log: FastifyBaseLogger, user: UserRecord): Promise<void> {
  if (user.email === null) throw invalidRequest('The user has no email address to send a code to');
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const now = services.now();
  const stored: StoredCode = { mac: macOf(services, user.sid, code), expiresAtMsecs: now + LIFETIME_MSECS };
  await services.store.putRecord(KIND, user.sid, JSON.stringify(stored), user.sid);
  await sendToOutbox(services.config.dataDir, log, {
    timeMsecs: now,
    to: user.email,
    user: `${user.domain}\\${user.username}`,
    subject: 'Your Cohesity verification code',
    code,
    expiresAtMsecs: stored.expiresAtMsecs,
  });
}

/** Accepts the code once, before it expires; the swap makes a second use fail on any node. */
export async function verifyEmailOtp(services: Services, user: UserRecord, code: string): Promise<boolean> {
  const text = await services.store.getRecord(KIND, user.sid);
  if (text === undefined || !/^\d{6}$/.test(code)) return false;
  const stored = JSON.parse(text) as StoredCode;
  if (stored.expiresAtMsecs <= services.now()) return false;
  const given = Buffer.from(macOf(services, user.sid, code));
  const expected = Buffer.from(stored.mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  if (!(await services.store.swapRecord(KIND, user.sid, text, undefined))) return false;
  await updateLoginProfile(services, user.sid, (profile) => ({ ...profile, emailVerified: true }));
  return true;
}

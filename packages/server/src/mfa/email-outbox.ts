import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';

/**
 * A stand-in has no mail server (the project's decision): each email it would send is one
 * JSON line in `email-outbox.jsonl` in the data dir (owner-only, like the database), and an
 * info log line says one was sent, to whom, without the code.
 */
export const EMAIL_OUTBOX_FILE = 'email-outbox.jsonl';

export interface OutboxEmail {
  timeMsecs: number;
  to: string;
  /** `DOMAIN\username` of the user the code is for. */
  user: string;
  subject: string;
  code: string;
  expiresAtMsecs: number;
}

export async function sendToOutbox(dataDir: string, log: FastifyBaseLogger, email: OutboxEmail): Promise<void> {
  await appendFile(join(dataDir, EMAIL_OUTBOX_FILE), `${JSON.stringify(email)}\n`, { mode: 0o600 });
  log.info({ to: email.to, user: email.user, outbox: EMAIL_OUTBOX_FILE }, 'email OTP sent to the outbox');
}

import type { CreateAccessTokenRequestParams } from 'cohesity-sdk/models';
import type { TSchema } from 'typebox';
import type { Actor } from '../actor.js';
import { inlineSecondFactor } from '../mfa/second-factor.js';
import { errorResponses } from '../routes/route-schemas.js';
import type { Services } from '../services.js';
import { refuseOtherLoginMode } from '../session-management/session-mode.js';
import type { UserRecord } from '../store/store.js';
import { loginWithPassword } from './login.js';

/**
 * The options of every route that takes a password (web login, tokens, sessions, the email
 * code before login): public, under the login rate limit, with its body and answers.
 */
export const loginRoute = <Body extends TSchema, Answers extends Record<number, TSchema>>(
  body: Body,
  answers: Answers,
) => ({
  config: { public: true, login: true },
  schema: { body, response: { ...answers, ...errorResponses } },
});

/**
 * A token or session login (login flows §6, §3.6): refused in the other session-management
 * mode before the password is checked; an MFA user's code comes in the same body.
 */
export async function apiLogin(
  services: Services,
  actor: Actor,
  body: CreateAccessTokenRequestParams | undefined,
  mode: 'token' | 'session',
): Promise<UserRecord> {
  await refuseOtherLoginMode(services, mode === 'session');
  return loginWithPassword(services, actor, body, { secondFactor: inlineSecondFactor(services, actor, body) });
}

import { type AccessTokenResponse, ApiException, ClusterClient, type TlsOptions, tokenExpiry } from 'cohesity-sdk';
import { CliError, ExitCode } from './errors.js';
import { needsOtp } from './login-flows.js';
import type { SavedToken } from './profiles.js';

/** Where and as whom to log in. */
export interface LoginTarget {
  vip: string;
  username: string;
  domain: string;
  tls: TlsOptions;
}

/**
 * `POST /v2/access-tokens` through the SDK, answered as the token to save. A refused login
 * (wrong password, locked account) is an authentication failure: exit 3.
 */
export async function createToken(target: LoginTarget, password: string, otp?: string): Promise<SavedToken> {
  const { vip, username, domain, tls } = target;
  // The login endpoint is public: a client without credentials calls it once, and nothing else.
  const client = new ClusterClient({ clusterVip: vip, tls });
  try {
    // With an MFA code: v1, which takes `otpType`/`otpCode` (login flows §3.6).
    const { body, headers } =
      otp === undefined
        ? await client.accessToken.createAccessToken({ username, password, domain }, { withResponse: true })
        : {
            body: await client.request<AccessTokenResponse>('POST', '/irisservices/api/v1/public/accessTokens', {
              body: { username, password, domain, otpType: 'Totp', otpCode: otp },
            }),
            headers: { get: () => null },
          };
    // The cluster's `Date` corrects a local clock that is off, as the SDK's own renewal does.
    const now = Date.now();
    const { remainingMsecs } = tokenExpiry(body.accessToken, headers.get('date'), now);
    return { ...body, expiresAt: new Date(now + remainingMsecs).toISOString(), issuedAt: new Date(now).toISOString() };
  } catch (error) {
    // The caller asks for a code and tries again.
    if (needsOtp(error) && otp === undefined) throw error;
    if (error instanceof ApiException && (error.status === 400 || error.status === 401)) {
      const message = error.body?.message ?? `HTTP ${error.status}`;
      // A locked account is refused whatever the password: another try only adds a failure.
      const hint = /locked/i.test(message)
        ? `wait until it unlocks, or ask an admin to run 'cohesity users unlock ${username}'`
        : 'check the username, password and --domain';
      throw new CliError({
        exitCode: ExitCode.auth,
        what: `login to ${vip} as ${domain}\\${username}`,
        message: `${message} (${error.errorCode || error.status})`,
        hint,
        cause: error,
      });
    }
    throw error;
  } finally {
    await client.close();
  }
}

import { ApiException, type ClusterClient } from 'cohesity-sdk';
import { CliError, ExitCode } from './errors.js';
import { askHidden } from './prompts.js';

const V1 = '/irisservices/api/v1/public';

/** The cluster wants an MFA code: its answer to a login without one (login flows §3.7). */
export const needsOtp = (error: unknown) =>
  error instanceof ApiException && error.status === 400 && /mandatory parameters\.?$/i.test(error.body?.message ?? '');

/** The code from `--otp`, else asked at the prompt (never echoed). */
export async function otpCode(given: string | undefined): Promise<string> {
  return given ?? askHidden('MFA code: ', 'pass --otp <code> in scripts');
}

/** The signed-in user's sid and whether the cluster forces a password change. */
export async function passwordState(client: ClusterClient): Promise<{ sid: string; forced: boolean }> {
  const { sid } = await client.request<{ sid: string }>('GET', `${V1}/sessionUser`);
  const user = await client.request<{ forcePasswordChange: boolean }>('GET', `/v2/users/${encodeURIComponent(sid)}`);
  return { sid, forced: user.forcePasswordChange };
}

/**
 * A forced password change at the prompt (login flows §4): the new password twice, then
 * `PUT /v2/users/{sid}` with the current one. Answers the new password, to log in again.
 */
export async function changeExpiredPassword(client: ClusterClient, sid: string, current: string): Promise<string> {
  process.stderr.write('The password has expired and must be changed now.\n');
  const next = await askHidden('New password: ', 'change it interactively, or ask an administrator');
  if ((await askHidden('New password again: ', '')) !== next) {
    throw new CliError({ exitCode: ExitCode.usage, what: 'password change', message: 'the two passwords differ' });
  }
  await client.request('PUT', `/v2/users/${encodeURIComponent(sid)}`, {
    body: { localUserParams: { password: next, currentPassword: current } },
  });
  return next;
}

/** `--tenant`: a tenant id (`acme/`), org suffix or name, matched case-insensitively (login flows §5). */
export async function resolveTenant(client: ClusterClient, given: string): Promise<string> {
  const tenants = await client.request<{ tenantId: string; name: string; orgSuffix: string }[]>('GET', `${V1}/tenants`);
  const wanted = given.toLowerCase().replace(/\/$/, '');
  const tenant = tenants.find((t) => [t.orgSuffix, t.name].some((n) => n.toLowerCase() === wanted));
  if (!tenant) {
    throw new CliError({
      exitCode: ExitCode.usage,
      what: `--tenant ${given}`,
      message: 'no such tenant',
      hint: `known: ${tenants.map((t) => t.name).join(', ') || 'none'}`,
    });
  }
  return tenant.tenantId;
}

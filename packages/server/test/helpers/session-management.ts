import type { SendOptions, TestResponse } from './https-client.js';

type Sender = { send<T = unknown>(method: string, path: string, options?: SendOptions): Promise<TestResponse<T>> };

/**
 * Turns session management on or off (login flows §6): on, only `POST /v2/users/sessions`
 * logs in; off (a fresh cluster), only the token endpoints do.
 */
export async function setSessionManagement(
  t: Sender,
  adminHeaders: Record<string, string>,
  enabled: boolean,
): Promise<void> {
  const response = await t.send('PUT', '/v2/security-config', {
    headers: adminHeaders,
    body: { sessionManagementEnabled: enabled },
  });
  if (response.status !== 200) throw new Error(`session management switch failed: ${response.status} ${response.text}`);
}

/** Runs `work` with session management on, and turns it off again whatever happens. */
export async function withSessionManagement<T>(
  t: Sender,
  adminHeaders: Record<string, string>,
  work: () => Promise<T>,
): Promise<T> {
  await setSessionManagement(t, adminHeaders, true);
  try {
    return await work();
  } finally {
    await setSessionManagement(t, adminHeaders, false);
  }
}

import type { Store, UserPatch, UserRecord } from '../store/store.js';

/**
 * Applies `patch` and ends every credential the user holds now. Tokens and sessions die with
 * the credentials version bump (both are checked against the user row on every request, so
 * this holds on every node sharing the store). API keys carry no version, so they are
 * deleted: a key outliving a password or role change would be a back door. Keys go before
 * the bump (so no old key can mint a new one) and again after it (catching keys an old
 * token minted in between).
 */
export async function updateUserRevokingCredentials(
  store: Store,
  sid: string,
  patch: UserPatch,
): Promise<UserRecord | undefined> {
  await deleteApiKeysOf(store, sid);
  const user = await store.updateUser(sid, { ...patch, revokeCredentials: true });
  if (!user) return undefined;
  await store.deleteSessions(sid);
  await deleteApiKeysOf(store, sid);
  return user;
}

async function deleteApiKeysOf(store: Store, sid: string): Promise<void> {
  for (const key of await store.listApiKeys({ userSids: [sid] })) await store.deleteApiKey(key.id);
}

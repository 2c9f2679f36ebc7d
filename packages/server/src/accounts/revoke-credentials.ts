import type { KeepAnAdministrator, Store, UserPatch, UserRecord } from '../store/store.js';

/**
 * Applies `patch` and ends every credential the user holds now. Tokens and sessions die with
 * the credentials version bump (both are checked against the user row on every request, so
 * this holds on every node sharing the store). API keys carry no version, so they are
 * deleted: a key outliving a password or role change would be a back door. The change
 * comes first, so that one refused (the last administrator's) deletes nothing; keys go
 * right after it, and again once sessions are gone, catching a key minted in between.
 */
export async function updateUserRevokingCredentials(
  store: Store,
  sid: string,
  patch: UserPatch,
  keep?: KeepAnAdministrator,
): Promise<UserRecord | undefined> {
  const user = await store.updateUser(sid, { ...patch, revokeCredentials: true }, keep);
  if (user) await deleteApiKeysOf(store, sid);
  if (!user) return undefined;
  await store.deleteSessions(sid);
  await deleteApiKeysOf(store, sid);
  return user;
}

async function deleteApiKeysOf(store: Store, sid: string): Promise<void> {
  for (const key of await store.listApiKeys({ userSids: [sid] })) await store.deleteApiKey(key.id);
}

import { notFound } from '../errors.js';
import type { Store, UserRecord } from '../store/store.js';

/** The user `sid`, or the contract's 404. */
export async function findUser(store: Store, sid: string): Promise<UserRecord> {
  const user = await store.getUser(sid);
  if (!user) throw notFound('User');
  return user;
}

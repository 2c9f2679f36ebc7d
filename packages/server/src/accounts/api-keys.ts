import { randomUUID } from 'node:crypto';
import type { UserApiKey } from 'cohesity-sdk/models';
import type { Actor } from '../actor.js';
import { audit } from '../audit.js';
import type { Principal } from '../auth/principal.js';
import { notFound } from '../errors.js';
import { hashSecret } from '../secret-hash.js';
import type { Services } from '../services.js';
import type { ApiKeyPatch, ApiKeyRecord, Store, UserRecord } from '../store/store.js';
import { findUser } from './find-user.js';

/** A key past its expiry: listed with `isExpired`, refused by authentication. */
export const isApiKeyExpired = (key: Pick<ApiKeyRecord, 'expiryTimeMsecs'>, nowMsecs: number) =>
  key.expiryTimeMsecs !== null && key.expiryTimeMsecs <= nowMsecs;

/** A stored key as the wire lists it: never the secret (nor its hash). */
export function toUserApiKey(key: ApiKeyRecord, nowMsecs: number): UserApiKey {
  return {
    id: key.id,
    name: key.name,
    userSid: key.userSid,
    createdByUserSid: key.createdByUserSid,
    createdTimeMsecs: key.createdTimeMsecs,
    expiryTimeMsecs: key.expiryTimeMsecs,
    lastRotatedTimeMsecs: key.lastRotatedTimeMsecs,
    isActive: key.isActive,
    isExpired: isApiKeyExpired(key, nowMsecs),
  };
}

/**
 * The user `userSid` and their key `id`: 404 when either is missing, and for another user's
 * key, so ids cannot be probed across users.
 */
export async function ownedKey(
  store: Store,
  userSid: string,
  id: string,
): Promise<{ owner: UserRecord; key: ApiKeyRecord }> {
  const owner = await findUser(store, userSid);
  const key = await store.getApiKey(id);
  if (!key || key.userSid !== userSid) throw notFound('API key');
  return { owner, key };
}

/** Makes a key for `owner`; the secret (a UUID, as on a real cluster) is returned this once. */
export async function createApiKey(
  services: Services,
  actor: Actor,
  owner: UserRecord,
  params: { name: string; isActive: boolean; expiryTimeMsecs: number | null },
): Promise<{ key: ApiKeyRecord; secret: string }> {
  const secret = randomUUID();
  const key: ApiKeyRecord = {
    id: randomUUID(),
    name: params.name,
    userSid: owner.sid,
    // Only authenticated routes create keys.
    createdByUserSid: (actor.principal as Principal).user.sid,
    secretHash: hashSecret(secret),
    createdTimeMsecs: services.now(),
    expiryTimeMsecs: params.expiryTimeMsecs,
    lastRotatedTimeMsecs: null,
    isActive: params.isActive,
  };
  await services.store.createApiKey(key);
  await audit(services, actor, {
    action: 'apiKey.create',
    outcome: 'success',
    target: key.id,
    details: { userSid: owner.sid, name: key.name },
  });
  return { key, secret };
}

/** Deletes a key after the ownership check; audited. */
export async function deleteApiKey(services: Services, actor: Actor, key: ApiKeyRecord): Promise<void> {
  await services.store.deleteApiKey(key.id);
  await audit(services, actor, {
    action: 'apiKey.delete',
    outcome: 'success',
    target: key.id,
    details: { userSid: key.userSid },
  });
}

/** The changes a PUT may carry; a field left `undefined` keeps its stored value. */
export type ApiKeyChanges = { [Field in keyof ApiKeyPatch]?: ApiKeyPatch[Field] | undefined };

/** Changes a key after the ownership check; audited with the names of the fields changed. */
export async function updateApiKey(
  services: Services,
  actor: Actor,
  key: ApiKeyRecord,
  changes: ApiKeyChanges,
): Promise<ApiKeyRecord> {
  const { name, isActive, expiryTimeMsecs } = changes;
  const patch: ApiKeyPatch = {
    ...(name !== undefined ? { name } : {}),
    ...(isActive !== undefined ? { isActive } : {}),
    ...(expiryTimeMsecs !== undefined ? { expiryTimeMsecs } : {}),
  };
  const updated = await services.store.updateApiKey(key.id, patch);
  // Deleted between the ownership check and the update.
  if (!updated) throw notFound('API key');
  await audit(services, actor, {
    action: 'apiKey.update',
    outcome: 'success',
    target: key.id,
    details: { userSid: key.userSid, fields: Object.keys(patch) },
  });
  return updated;
}

/** Gives a key a new secret after the ownership check, returned this once; audited. */
export async function rotateApiKey(
  services: Services,
  actor: Actor,
  key: ApiKeyRecord,
): Promise<{ key: ApiKeyRecord; secret: string }> {
  // One UPDATE replaces the hash: the old secret stops matching on every node at once.
  const secret = randomUUID();
  const rotated = await services.store.rotateApiKey(key.id, hashSecret(secret), services.now());
  if (!rotated) throw notFound('API key');
  await audit(services, actor, {
    action: 'apiKey.rotate',
    outcome: 'success',
    target: key.id,
    details: { userSid: key.userSid },
  });
  return { key: rotated, secret };
}

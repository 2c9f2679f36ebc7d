import type { Store } from '../store/store.js';
import type { FaultScope } from './fault-scope.js';

/**
 * API keys carry their own expiry in the store, so a fault expires them for real: the next
 * call with one gets `API Key has expired`, on every node, as if its `expiryTimeMsecs` passed.
 */
export async function expireApiKeys(store: Store, scope: FaultScope, atMsecs: number): Promise<number> {
  let keys =
    scope.kind === 'credential'
      ? [await store.findApiKeyBySecretHash(scope.credentialHash)].filter((key) => key !== undefined)
      : await store.listApiKeys(scope.kind === 'user' ? { userSids: [scope.userSid] } : {});
  keys = keys.filter((key) => key.expiryTimeMsecs === null || key.expiryTimeMsecs > atMsecs);
  for (const key of keys) await store.updateApiKey(key.id, { expiryTimeMsecs: atMsecs });
  return keys.length;
}

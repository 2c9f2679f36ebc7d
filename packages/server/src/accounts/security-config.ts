import type { SecurityConfig } from 'cohesity-sdk/models';
import { DEFAULT_SECURITY_CONFIG } from '../bootstrap.js';
import type { Store } from '../store/store.js';

/**
 * Reads the current security config: the stored one over the defaults (a config stored
 * before a setting existed takes its default). Every session check reads it, so the merge
 * is made once per stored object, which the SQLite read cache keeps until a write; frozen,
 * since every caller then shares it.
 */
export function securityConfigReader(store: Pick<Store, 'getSetting'>): () => Promise<SecurityConfig> {
  const merged = new WeakMap<object, SecurityConfig>();
  return async () => {
    const stored = await store.getSetting('securityConfig');
    if (stored === undefined) return { ...DEFAULT_SECURITY_CONFIG };
    let config = merged.get(stored);
    if (config === undefined) {
      config = Object.freeze({ ...DEFAULT_SECURITY_CONFIG, ...stored });
      merged.set(stored, config);
    }
    return config;
  };
}

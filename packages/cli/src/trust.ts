import { readFile } from 'node:fs/promises';
import type { TlsOptions } from 'cohesity-sdk';
import type { ProfileTls } from './profiles.js';

const isOn = (value: string | undefined) => /^(1|true|yes|on)$/i.test(value ?? '');

/** Trust asked for by COHESITY_CA_FILE or COHESITY_INSECURE, if any. */
export function tlsFromEnv(env: NodeJS.ProcessEnv = process.env): ProfileTls | undefined {
  if (isOn(env.COHESITY_INSECURE)) return { insecure: true };
  if (env.COHESITY_CA_FILE) return { caFile: env.COHESITY_CA_FILE };
  return undefined;
}

/** A profile's trust, as the SDK takes it. */
export async function toTlsOptions(tls: ProfileTls): Promise<TlsOptions> {
  if ('fingerprint256' in tls) return { fingerprint256: tls.fingerprint256 };
  if ('caFile' in tls) return { ca: await readFile(tls.caFile, 'utf8') };
  if ('insecure' in tls) return { insecure: true };
  return {};
}

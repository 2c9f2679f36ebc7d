import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CliError, ExitCode } from './errors.js';

/** How the CLI trusts a cluster's certificate, decided at login and reused by every call. */
export type ProfileTls = { fingerprint256: string } | { caFile: string } | { insecure: true } | Record<string, never>;

/** A saved access token and when it stops working. */
export interface SavedToken {
  accessToken: string;
  tokenType: string;
  privileges: string[];
  /** ISO 8601. */
  expiresAt: string;
  /** ISO 8601; absent in profiles saved before it was kept. */
  issuedAt?: string;
}

/** One cluster login: an access token, or an API key (`login --with-api-key`). Never a password. */
export interface Profile {
  vip: string;
  username: string;
  domain: string;
  tls: ProfileTls;
  token?: SavedToken;
  apiKey?: string;
  /** `--tenant`: every request impersonates it (`x-impersonate-tenant-id`). */
  tenantId?: string;
}

interface ProfileFile {
  /** The profile used without --profile or COHESITY_PROFILE (`cohesity profiles use`). */
  current?: string;
  profiles: Record<string, Profile>;
}

export const DEFAULT_PROFILE = 'default';
const FILE_NAME = 'profiles.json';

/** `$COHESITY_CONFIG_DIR`, else `$XDG_CONFIG_HOME/cohesity`, else `~/.config/cohesity`. */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.COHESITY_CONFIG_DIR) return env.COHESITY_CONFIG_DIR;
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'cohesity');
}

const profilePath = (env: NodeJS.ProcessEnv = process.env) => join(configDir(env), FILE_NAME);

async function readAll(): Promise<ProfileFile> {
  let text: string;
  try {
    text = await readFile(profilePath(), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { profiles: {} };
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<ProfileFile>;
    return { ...(parsed.current ? { current: parsed.current } : {}), profiles: parsed.profiles ?? {} };
  } catch (error) {
    throw new CliError({
      exitCode: ExitCode.usage,
      what: profilePath(),
      message: `not valid JSON (${(error as Error).message})`,
      hint: 'fix or delete the file, then log in again',
    });
  }
}

// Written to a private temporary file and renamed over the old one, so that the token is
// never readable by others, even for a moment, and a crash never leaves half a file.
async function writeAll(file: ProfileFile): Promise<void> {
  const dir = configDir();
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const temporary = join(dir, `.${FILE_NAME}.${process.pid}.tmp`);
  await writeFile(temporary, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, profilePath());
}

/** The named profile, or undefined when that name was never logged in. */
export async function loadProfile(name: string): Promise<Profile | undefined> {
  return (await readAll()).profiles[name];
}

export async function saveProfile(name: string, profile: Profile): Promise<void> {
  const file = await readAll();
  file.profiles[name] = profile;
  await writeAll(file);
}

/** Every profile by name, and which one is current. */
export async function listProfiles(): Promise<{ current: string; profiles: Record<string, Profile> }> {
  const file = await readAll();
  return { current: file.current ?? DEFAULT_PROFILE, profiles: file.profiles };
}

/** Makes `name` the profile used without --profile; answers false when there is no such profile. */
export async function useProfile(name: string): Promise<boolean> {
  const file = await readAll();
  if (!(name in file.profiles)) return false;
  await writeAll({ ...file, current: name });
  return true;
}

/** Forgets a profile; answers whether there was one. Removes the file when it was the last. */
export async function deleteProfile(name: string): Promise<boolean> {
  const file = await readAll();
  if (!(name in file.profiles)) return false;
  delete file.profiles[name];
  if (file.current === name) delete file.current;
  if (Object.keys(file.profiles).length === 0) await rm(profilePath(), { force: true });
  else await writeAll(file);
  return true;
}

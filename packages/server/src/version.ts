import { readFileSync } from 'node:fs';

/** The server's version, from its own package.json (one place to bump). */
export function version(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}

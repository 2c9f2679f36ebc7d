import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type RootLock, resolveFrom } from './lockfile-for.js';

// The lockfile is what every newcomer's `npm ci` installs. A lockfile written by an install
// over copied node_modules loses integrity fields, and one written on a single platform can
// lose the other platforms' native binaries (argon2 on a Mac): `npm ci` then installs a server
// that cannot hash a password.
const lock: RootLock = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package-lock.json'), 'utf8'));
const installed = Object.entries(lock.packages).filter(
  ([location, entry]) => location.includes('node_modules/') && !entry.link,
);

describe('package-lock.json', () => {
  it("pins every package to its tarball's integrity", () => {
    const unpinned = installed.filter(([, entry]) => !entry.integrity).map(([location]) => location);
    expect(unpinned).toEqual([]);
  });

  it("lists every platform's optional native package, not only this machine's", () => {
    const missing = installed.flatMap(([location, entry]) =>
      Object.keys(entry.optionalDependencies ?? {})
        .filter((name) => resolveFrom(lock, location, name) === undefined)
        .map((name) => `${location} → ${name}`),
    );
    expect(missing).toEqual([]);
  });
});

/**
 * A package-lock.json for an empty project that installs some of this repository's packages
 * from their tarballs, pinned to exactly what the repository's own lockfile resolved: `npm ci
 * --offline` then needs nothing but the tarballs and the npm cache (no registry metadata).
 */

interface LockEntry {
  version?: string;
  resolved?: string;
  link?: boolean;
  name?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  devDependencies?: Record<string, string>;
  [key: string]: unknown;
}

export interface RootLock {
  packages: Record<string, LockEntry>;
}

/** Where Node finds `name` when it is required from the package at `location`. */
export function resolveFrom(lock: RootLock, location: string, name: string): string | undefined {
  let at = location;
  for (;;) {
    const candidate = `${at ? `${at}/` : ''}node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (!at) return undefined;
    const cut = at.lastIndexOf('/node_modules/');
    at = cut >= 0 ? at.slice(0, cut) : '';
  }
}

const requiredPeers = (entry: LockEntry) =>
  Object.keys(entry.peerDependencies ?? {}).filter((name) => !entry.peerDependenciesMeta?.[name]?.optional);

/**
 * `tarballs` maps each workspace package to install (by name) to its tarball, relative to
 * the project. Workspace packages depended on must be among them: that is the point.
 */
export function lockfileFor(lock: RootLock, tarballs: Record<string, string>): object {
  const out: Record<string, LockEntry> = {};
  const workspaceOf = (name: string) => lock.packages[`node_modules/${name}`]?.resolved ?? '';
  // packages/server/node_modules/x lives at node_modules/cohesity-server/node_modules/x once installed.
  const installedPath = (location: string) => {
    for (const name of Object.keys(tarballs)) {
      const workspace = workspaceOf(name);
      if (location.startsWith(`${workspace}/`)) return `node_modules/${name}${location.slice(workspace.length)}`;
    }
    return location;
  };
  const visitDependencies = (location: string, entry: LockEntry) => {
    const required = [...Object.keys(entry.dependencies ?? {}), ...requiredPeers(entry)];
    const optional = Object.keys(entry.optionalDependencies ?? {});
    for (const name of [...required, ...optional]) {
      const found = resolveFrom(lock, location, name);
      // Optional ones for other platforms need not be in the lockfile.
      if (found === undefined) {
        if (optional.includes(name)) continue;
        throw new Error(`the lockfile has no ${name} reachable from '${location}'`);
      }
      if (lock.packages[found]?.link) visitWorkspace(name, location);
      else visit(found);
    }
  };
  const visit = (location: string) => {
    const entry = lock.packages[location] as LockEntry;
    const target = installedPath(location);
    if (out[target]) return;
    // Optional packages the lockfile does not hold (other platforms) are left out, as npm would.
    const optional = Object.entries(entry.optionalDependencies ?? {}).filter(
      ([name]) => resolveFrom(lock, location, name) !== undefined,
    );
    out[target] = entry.optionalDependencies ? { ...entry, optionalDependencies: Object.fromEntries(optional) } : entry;
    visitDependencies(location, entry);
  };
  const visitWorkspace = (name: string, from: string) => {
    const key = `node_modules/${name}`;
    if (out[key]) return;
    const file = tarballs[name];
    if (!file) throw new Error(`${from} needs ${name}, whose tarball was not given`);
    const workspace = workspaceOf(name);
    const entry = lock.packages[workspace] as LockEntry;
    const { devDependencies: _dev, name: _name, ...rest } = entry;
    out[key] = { ...rest, resolved: `file:${file}` };
    visitDependencies(workspace, entry);
  };
  for (const name of Object.keys(tarballs)) visitWorkspace(name, 'the project');
  const dependencies = Object.fromEntries(Object.entries(tarballs).map(([name, file]) => [name, `file:${file}`]));
  return {
    name: 'install-alone',
    lockfileVersion: 3,
    requires: true,
    packages: { '': { name: 'install-alone', dependencies }, ...out },
  };
}

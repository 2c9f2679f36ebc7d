import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// A user who calls three operations, bundled as an app would be (ESM, minified, code split,
// undici left to Node). Before the whole API the hand-written client bundled to 15.5 kB.
const APP = `import { ClusterClient } from 'cohesity-sdk';
const client = new ClusterClient({ clusterVip: 'x', apiKey: 'k' });
console.log(await client.platform.getCluster(), await client.protectionGroup.getProtectionGroups(),
  await client.security.getSecurityConfig());`;

describe('bundle size (built dist)', () => {
  it('keeps the 836 operations out of the entry chunk: each group is a chunk loaded by its first call', async () => {
    const result = await build({
      stdin: { contents: APP, resolveDir: import.meta.dirname, sourcefile: 'app.mjs' },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'node',
      external: ['undici'],
      splitting: true,
      outdir: 'out',
      write: false,
      logLevel: 'silent',
    });
    const files = result.outputFiles.map((file) => ({ name: file.path.split('/').at(-1) ?? '', text: file.text }));
    const entry = files.find((file) => file.name.startsWith('stdin'));
    expect(entry).toBeDefined();
    expect(entry?.text.length).toBeLessThan(20_000);
    // Rows of groups the app never calls are only in their own chunks.
    expect(entry?.text).not.toContain('/data-protect/recoveries');
    expect(entry?.text).not.toContain('/public/protectionJobs');
    const chunk = files.find((file) => file.text.includes('/data-protect/recoveries'));
    expect(chunk?.name).toMatch(/^recovery-/);
    // Every group of both APIs is there to load: 46 + 58 tables, the two loader maps, the pager.
    expect(files.length).toBeGreaterThan(100);
  });
});

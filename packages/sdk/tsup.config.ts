import { defineConfig } from 'tsup';

// tsc builds the ESM tree in dist/ (the server's `cohesity-sdk/models` and the lint's project
// references use it); tsup adds the CommonJS build of the main entry beside it.
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['cjs'],
  outDir: 'dist/cjs',
  // The composite flag is for the lint's project references; the declaration bundler needs it off.
  dts: { compilerOptions: { composite: false, incremental: false } },
  target: 'node20',
  platform: 'neutral',
  external: ['undici', 'typebox'],
  sourcemap: true,
  clean: true,
});

// Builds the web console into dist/console-app/ (served by the server under /console/).
// esbuild bundles and minifies the Preact app: one script, one stylesheet, no CDN.
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { build } from 'esbuild';

const here = new URL('.', import.meta.url);
const out = new URL('../dist/console-app/', import.meta.url);
await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await build({
  entryPoints: { app: new URL('src/main.tsx', here).pathname },
  outdir: out.pathname,
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  logLevel: 'warning',
});
await copyFile(new URL('index.html', here), new URL('index.html', out));

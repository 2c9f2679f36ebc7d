// @ts-check
// `npm run bench`: runs the figures of issues 7, 12 and 18, prints a markdown table, writes results/latest.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventLoop } from './figures/event-loop.js';
import { loginRate } from './figures/login-rate.js';
import { memory } from './figures/memory.js';
import { refreshStorm } from './figures/refresh-storm.js';
import { scaleOut } from './figures/scale-out.js';
import { sdkOverhead } from './figures/sdk-overhead.js';
import { startUp } from './figures/start-up.js';
import { tokenCheck } from './figures/token-check.js';
import { markdownTable } from './lib/figure.js';
import { settings } from './lib/settings.js';

/** @type {[number, (workDir: string) => Promise<import('./lib/figure.js').Row[]>][]} */
const FIGURES = [
  [1, tokenCheck],
  [2, loginRate],
  [3, eventLoop],
  [4, sdkOverhead],
  [5, refreshStorm],
  [6, memory],
  [7, scaleOut],
  [8, startUp],
];

const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));
const workDir = mkdtempSync(join(tmpdir(), 'cohesity-bench-'));
const started = new Date();
/** @type {import('./lib/figure.js').Row[]} */
const rows = [];
// A figure that fails costs its own rows, not the others' (a full run takes minutes).
/** @type {string[]} */
const failures = [];
try {
  for (const [number, measure] of FIGURES) {
    if (settings.only.length > 0 && !settings.only.includes(number)) continue;
    const start = performance.now();
    process.stderr.write(`figure ${number}: ${measure.name}…`);
    try {
      rows.push(...(await measure(workDir)));
      process.stderr.write(` ${((performance.now() - start) / 1000).toFixed(0)} s\n`);
    } catch (error) {
      failures.push(`figure ${number}: ${error instanceof Error ? error.message : String(error)}`);
      process.stderr.write(' failed\n');
    }
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

const table = markdownTable(rows);
const machine = {
  cores: settings.cores,
  cpu: cpus()[0]?.model ?? 'unknown',
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
};
const { only: _only, ...knobs } = settings;
const seconds = Math.round((Date.now() - started.getTime()) / 1000);
mkdirSync(RESULTS, { recursive: true });
writeFileSync(
  join(RESULTS, 'latest.json'),
  `${JSON.stringify({ startedAt: started.toISOString(), seconds, machine, settings: knobs, rows }, null, 2)}\n`,
);
writeFileSync(join(RESULTS, 'latest.md'), `${table}\n`);
process.stdout.write(
  `\n${table}\n\n${machine.cores} × ${machine.cpu}, Node ${machine.node}; ${seconds} s. Written to bench/results/latest.json\n`,
);
if (failures.length > 0) {
  process.stderr.write(`\n${failures.join('\n')}\n`);
  process.exitCode = 1;
}

// @ts-check

/**
 * @typedef {object} Row One line of the results table.
 * @property {number} figure the figure number (1–7)
 * @property {string} name
 * @property {string} measured e.g. "7,120 req/s"
 * @property {string} baseline what it is compared with, measured in the same run
 * @property {number | null} ratio measured ÷ baseline
 * @property {string} goal
 * @property {boolean | null} met null when the figure has no goal (informational)
 * @property {Record<string, unknown>} [details] raw numbers for the JSON file
 */

/** @param {number} value @param {number} [digits] */
export const fmt = (value, digits = 0) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** @param {number} value */
export const perSecond = (value) => `${fmt(value)}/s`;

/** @param {number} ms */
export const millis = (ms) => `${fmt(ms, ms < 10 ? 2 : 1)} ms`;

/** @param {readonly number[]} values */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? /** @type {number} */ (sorted[middle])
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** @param {readonly number[]} values */
export const mean = (values) => values.reduce((sum, v) => sum + v, 0) / values.length;

/**
 * The markdown table the README shows.
 * @param {readonly Row[]} rows
 */
export function markdownTable(rows) {
  const lines = [
    '| # | Figure | Measured | Baseline (same run) | Ratio | Goal | Met |',
    '|---|---|---:|---:|---:|---|---|',
  ];
  for (const row of rows) {
    // Truncated, not rounded: 0.897 shows as 0.89, so a miss never reads like a hit.
    const ratio = row.ratio === null ? '–' : fmt(Math.trunc(row.ratio * 100) / 100, 2);
    const met = row.met === null ? '–' : row.met ? 'yes' : '**no**';
    lines.push(`| ${row.figure} | ${row.name} | ${row.measured} | ${row.baseline} | ${ratio} | ${row.goal} | ${met} |`);
  }
  return lines.join('\n');
}

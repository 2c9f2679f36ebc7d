import { usageError } from './errors.js';

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `--since`: a duration back from now (`30m`, `2h`, `7d`) or a date (`2026-12-01T10:00Z`), as epoch ms. */
export function parseSince(value: string, now = Date.now()): number {
  const duration = /^(\d+)([smhd])$/.exec(value);
  if (duration) return now - Number(duration[1]) * (UNITS[duration[2] as string] ?? 0);
  const date = Date.parse(value);
  if (Number.isNaN(date))
    throw usageError('audit', `--since '${value}' is not a duration or a date`, 'e.g. 30m, 2h, 7d or 2026-12-01');
  return date;
}

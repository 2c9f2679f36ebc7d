/** Epoch milliseconds as ISO 8601 for tables; null stays null (printed as `-`). */
export const formatTime = (msecs: number | null | undefined): string | null =>
  msecs === null || msecs === undefined ? null : new Date(msecs).toISOString();

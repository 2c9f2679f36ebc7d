import type { ServerOption } from '../config.js';

/** `cohesity-server --help`: one entry per row of the settings table, so none can be left out. */
export function usage(options: readonly ServerOption[]): string {
  const entries = options.map((row) => {
    const flag = row.type === 'boolean' ? `--${row.flag}` : `--${row.flag} <value>`;
    const fallback = row.default === undefined ? '' : `, default ${row.default}`;
    return `  ${flag}\n      ${row.description} (env ${row.env}${fallback})`;
  });
  return [
    'Usage: cohesity-server [options]',
    '',
    'A Cohesity-compatible access-token server. Flags win over environment variables, which win',
    'over defaults. SIGTERM or SIGINT stop it cleanly: requests in flight finish first.',
    '',
    'Options:',
    ...entries,
    '  --help',
    '      Print this help and exit',
    '  --version',
    '      Print the version and exit',
    '',
    'Exit status: 0 stopped cleanly, 1 failed to start, 2 a setting cannot be used.',
    '',
  ].join('\n');
}

// Printed by `npm test` before anything runs (the `pretest` script): the last suite it runs
// stops and restarts this machine's PostgreSQL when it can, which other users of that
// database would notice.
import { existsSync } from 'node:fs';

const canRestart = process.getuid?.() === 0 && existsSync('/usr/bin/pg_ctlcluster') && existsSync('/etc/postgresql');
process.stderr.write(
  canRestart
    ? "npm test: NOTE: running as root, so the last suite (multi-node) STOPS AND RESTARTS this machine's PostgreSQL " +
        "(pg_ctlcluster). Press Ctrl-C now if others use it; 'npx vitest run --project parallel' runs everything else.\n"
    : 'npm test: the multi-node suite will skip its PostgreSQL restart test (it needs root and pg_ctlcluster).\n',
);

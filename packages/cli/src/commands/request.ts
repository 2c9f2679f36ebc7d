import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { usageError } from '../errors.js';
import type { GlobalOptions } from '../global-options.js';
import { printJson } from '../output.js';
import { readStdin } from '../prompts.js';
import { withClient } from '../with-client.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** `--data` as JSON text, `@file` or `-` (stdin). */
async function readData(data: string | undefined): Promise<unknown> {
  if (data === undefined) return undefined;
  const text = data === '-' ? await readStdin() : data.startsWith('@') ? await readFile(data.slice(1), 'utf8') : data;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw usageError('request', `--data is not JSON: ${(error as Error).message}`);
  }
}

function parseQuery(pairs: readonly string[] | undefined): Record<string, string[]> {
  const query: Record<string, string[]> = {};
  for (const pair of pairs ?? []) {
    const equals = pair.indexOf('=');
    if (equals <= 0) throw usageError('request', `--query '${pair}' is not NAME=VALUE`);
    const name = pair.slice(0, equals);
    query[name] = [...(query[name] ?? []), pair.slice(equals + 1)];
  }
  return query;
}

async function request(
  method: string,
  path: string,
  options: { data?: string; query?: string[] },
  command: Command,
): Promise<void> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const verb = method.toUpperCase();
  if (!METHODS.includes(verb)) throw usageError('request', `unknown method '${method}'`, `use ${METHODS.join(', ')}`);
  if (!path.startsWith('/')) throw usageError('request', `the path must start with '/', not '${path}'`);
  const body = await readData(options.data);
  const query = parseQuery(options.query);
  const answer = await withClient(globals, (client) =>
    client.request(verb, path, { query, ...(body === undefined ? {} : { body }) }),
  );
  if (answer !== undefined) printJson(answer);
}

export function requestCommand(): Command {
  return new Command('request')
    .description('Call any endpoint with authentication handled; prints the JSON answer')
    .argument('<method>', METHODS.join(', '))
    .argument('<path>', 'from the cluster root, e.g. /v2/clusters or /irisservices/api/v1/public/cluster')
    .option('-d, --data <json>', "request body: JSON, @file, or '-' for stdin")
    .option('-q, --query <name=value...>', 'query parameters (repeatable)')
    .addHelpText(
      'after',
      `
Examples:
  $ cohesity request GET /v2/clusters/local-domain-sid
  $ cohesity request GET /v2/users --query usernames=admin
  $ cohesity request PUT /v2/security-config --data '{"authTokenTimeoutMinutes":120}'`,
    )
    .action(request);
}

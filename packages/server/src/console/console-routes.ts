import { readdir, readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../errors.js';

/** The front end's build output: `dist/console-app/`, seen from `src/console/` and `dist/console/` alike. */
const APP_DIR = new URL('../../dist/console-app/', import.meta.url);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

// Everything comes from this origin; the page may not be framed (clickjacking of its buttons).
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

async function loadFiles(): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const names = await readdir(APP_DIR).catch(() => [] as string[]);
  for (const name of names) {
    if (TYPES[extname(name)]) files.set(name, await readFile(new URL(name, APP_DIR)));
  }
  return files;
}

/**
 * The web console under `/console/` on the server's own port: a few static files read once
 * at start (the whole build is tens of KiB), answered from memory.
 */
export async function consoleRoutes(app: FastifyInstance) {
  const files = await loadFiles();
  const config = { public: true, faultExempt: true };
  const send = (name: string, reply: FastifyReply) => {
    const body = files.get(name);
    if (!body) throw notFound(files.size === 0 ? 'The console (run npm run build)' : `Console file ${name}`);
    return reply
      .headers(SECURITY_HEADERS)
      .type(TYPES[extname(name)] ?? 'application/octet-stream')
      .send(body);
  };
  app.get('/console', { config }, async function getConsole(_request, reply) {
    return send('index.html', reply);
  });
  app.get(
    '/console/:file',
    { config },
    async function getConsoleFile(request: FastifyRequest<{ Params: { file: string } }>, reply) {
      return send(request.params.file, reply);
    },
  );
}

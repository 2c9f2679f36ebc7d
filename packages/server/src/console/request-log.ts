import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { toApiError } from '../http/error-handler.js';
import { credentialScheme } from '../metrics/credential-scheme.js';
import type { CredentialScheme } from '../metrics/server-metrics.js';

/** One answered request as the console shows it. Never a header, body or query string. */
export interface RequestLogEntry {
  /** Increasing; the console asks for entries after the last one it has. */
  seq: number;
  timeMsecs: number;
  method: string;
  /** The path without its query string (which a client could fill with anything). */
  path: string;
  route: string | null;
  /** 0: the connection was dropped without an answer (an injected hang-up). */
  status: number;
  /** `DOMAIN\name` of the authenticated caller. */
  principal: string | null;
  scheme: CredentialScheme;
  latencyMsecs: number;
  /** The `message` of the error body sent, if any. */
  error: string | null;
  fault: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The `message` of the error this request was answered with. */
    errorText: string | null;
  }
}

/** The last `capacity` requests, in a ring: constant memory, one write per request. */
export class RequestLog {
  readonly #entries: (RequestLogEntry | undefined)[];
  #seq = 0;

  constructor(readonly capacity = 500) {
    this.#entries = new Array(capacity);
  }

  add(entry: Omit<RequestLogEntry, 'seq'>): void {
    this.#seq++;
    this.#entries[this.#seq % this.capacity] = { seq: this.#seq, ...entry };
  }

  /** Entries after `seq`, oldest first. */
  since(seq: number): RequestLogEntry[] {
    const first = Math.max(seq + 1, this.#seq - this.capacity + 1, 1);
    const found: RequestLogEntry[] = [];
    for (let s = first; s <= this.#seq; s++) {
      const entry = this.#entries[s % this.capacity];
      if (entry?.seq === s) found.push(entry);
    }
    return found;
  }
}

const pathOf = (url: string) => {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
};

/** A request as its log entry says it. */
export function requestLogEntry(request: FastifyRequest, status: number, latencyMsecs: number, timeMsecs: number) {
  const user = request.actor?.principal?.user;
  return {
    timeMsecs,
    method: request.method,
    path: pathOf(request.url),
    route: request.routeOptions.url ?? null,
    status,
    principal: user ? `${user.domain}\\${user.username}` : null,
    scheme: credentialScheme(request),
    latencyMsecs: Math.round(latencyMsecs * 10) / 10,
    error: request.errorText,
    fault: request.injectedFault ?? null,
  };
}

/**
 * Records every request of the cluster's API (the stand-in's own routes and the console's
 * files are left out) for the console's live request log. Two callback hooks: no promise
 * per request.
 */
async function requestLogPlugin(app: FastifyInstance, { log, now }: { log: RequestLog; now: () => number }) {
  app.decorateRequest('errorText', null);
  app.addHook('onError', (request, _reply, error, done) => {
    request.errorText = toApiError(error).message;
    done();
  });
  app.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done) => {
    if (!request.routeOptions.config.faultExempt) {
      log.add(requestLogEntry(request, reply.statusCode, reply.elapsedTime, now()));
    }
    done();
  });
}

export const useRequestLog = fp(requestLogPlugin, { name: 'request-log' });

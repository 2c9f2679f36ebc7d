import type { FastifyRequest } from 'fastify';
import type { CredentialScheme } from './server-metrics.js';

const SCHEME_OF_PRINCIPAL: Record<string, CredentialScheme> = {
  token: 'bearer',
  apiKey: 'api_key',
  session: 'session_id',
  cookie: 'cookie',
};

/** Which credential a request relied on, in the order authentication reads them. */
export function credentialScheme(request: FastifyRequest): CredentialScheme {
  const via = request.actor?.principal?.via;
  if (via !== undefined) return SCHEME_OF_PRINCIPAL[via] ?? 'none';
  const { headers } = request;
  if (headers.authorization !== undefined) return 'bearer';
  if (headers.apikey !== undefined) return 'api_key';
  if (headers['session-id'] !== undefined) return 'session_id';
  if (headers.cookie !== undefined) return 'cookie';
  return 'none';
}

/** A 401's cause, as a closed set, from the contract's messages (§4). */
export function rejectionOutcome(message: string): string {
  if (/expired/i.test(message)) return 'expired';
  if (/inactive/i.test(message)) return 'inactive';
  if (/^Authentication failed: Neither/.test(message)) return 'missing';
  return 'invalid';
}

import type { FastifyRequest } from 'fastify';
import type { CredentialScheme } from './server-metrics.js';

/**
 * Which credential a request relied on, in the order authentication reads them: a header
 * wins over the web login's cookie.
 */
export function credentialScheme(request: FastifyRequest): CredentialScheme {
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

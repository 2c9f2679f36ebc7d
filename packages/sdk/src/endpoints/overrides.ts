import { DEFAULT_DOMAIN } from '../models/contract-constants.js';
import type { Api, Endpoint } from './endpoint.js';

/** What the contract says where the documents cannot (see each reason). */
type Override = Partial<Pick<Endpoint, 'public' | 'idempotent' | 'prepareBody'>>;

// The v2 document lists credentials on every operation (its gap 4), yet the logins are public:
// the password provider calls them before it holds a token, and a login is safe to repeat.
const login = (body: Record<string, unknown>) => ({ ...body, domain: body.domain ?? DEFAULT_DOMAIN });
const OVERRIDES: Readonly<Record<string, Override>> = {
  'v2:createAccessToken': { public: true, idempotent: true, prepareBody: login },
  'v2:createSession': { public: true, prepareBody: login },
  'v1:createGenerateAccessToken': { idempotent: true, prepareBody: login },
};

/** The contract's corrections to one operation, if any. */
export const overrideOf = (api: Api, operationId: string): Override => OVERRIDES[`${api}:${operationId}`] ?? {};

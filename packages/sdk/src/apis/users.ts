import type {
  CreatedUserApiKey,
  CreateUserApiKeyParams,
  GetAllApiKeysQuery,
  GetUserApiKeysQuery,
  UpdateUserApiKeyParams,
  UserApiKey,
  UserApiKeys,
} from '../models/api-key.js';
import { DEFAULT_DOMAIN } from '../models/contract-constants.js';
import type { CreateSessionRequestParams, Session, SessionsCount } from '../models/session.js';
import type { CreateUsersRequest, GetUsersQuery, UpdateUserParams, User, Users } from '../models/user.js';
import { type ApiCall, type CallOptions, segment } from './api-call.js';

const keysOf = (userSid: string) => `/v2/users/${segment(userSid)}/api-keys`;

/** `UserApi`, as the Python SDK groups it: users, their sessions and their API keys. */
export class UserApi {
  readonly #call: ApiCall;

  constructor(call: ApiCall) {
    this.#call = call;
  }

  /**
   * `POST /v2/users`: creates every user of the array, or none.
   * @example
   * await client.users.createUsers([{ username: 'ops', roles: ['COHESITY_VIEWER'], localUserParams: { password } }]);
   */
  createUsers(users: CreateUsersRequest, options: CallOptions = {}): Promise<Users> {
    return this.#call({ method: 'POST', path: '/v2/users', body: users, signal: options.signal });
  }

  /** `GET /v2/users`, filtered. @example const { users } = await client.users.getUsers({ domain: 'LOCAL' }); */
  getUsers(query: GetUsersQuery = {}, options: CallOptions = {}): Promise<Users> {
    return this.#call({ method: 'GET', path: '/v2/users', query, signal: options.signal });
  }

  /** `GET /v2/users/{sid}`. @example const user = await client.users.getUserBySid(sid); */
  getUserBySid(sid: string, options: CallOptions = {}): Promise<User> {
    return this.#call({ method: 'GET', path: `/v2/users/${segment(sid)}`, signal: options.signal });
  }

  /** `PUT /v2/users/{sid}`. @example await client.users.updateUser(sid, { locked: true }); */
  updateUser(sid: string, params: UpdateUserParams, options: CallOptions = {}): Promise<User> {
    return this.#call({ method: 'PUT', path: `/v2/users/${segment(sid)}`, body: params, signal: options.signal });
  }

  /** `DELETE /v2/users/{sid}`, with the user's keys and sessions. @example await client.users.deleteUser(sid); */
  async deleteUser(sid: string, options: CallOptions = {}): Promise<void> {
    await this.#call({ method: 'DELETE', path: `/v2/users/${segment(sid)}`, signal: options.signal });
  }

  /**
   * `POST /v2/users/sessions`: a session id for the `session-id` header (domain defaults to LOCAL).
   * @example
   * const { sessionId } = await client.users.createSession({ username: 'admin', password });
   */
  createSession(params: CreateSessionRequestParams, options: CallOptions = {}): Promise<Session> {
    return this.#call({
      method: 'POST',
      path: '/v2/users/sessions',
      body: { ...params, domain: params.domain ?? DEFAULT_DOMAIN },
      signal: options.signal,
      auth: false,
    });
  }

  /** `DELETE /v2/users/sessions?sid=`: one user's sessions, or all without `sid`. @example await client.users.deleteSession({ sid }); */
  async deleteSession(query: { sid?: string } = {}, options: CallOptions = {}): Promise<void> {
    await this.#call({ method: 'DELETE', path: '/v2/users/sessions', query, signal: options.signal });
  }

  /** `GET /v2/users/sessions?sids=`. @example const { totalSessionsCount } = await client.users.getActiveSessionsCount(); */
  getActiveSessionsCount(query: { sids?: string[] } = {}, options: CallOptions = {}): Promise<SessionsCount> {
    return this.#call({ method: 'GET', path: '/v2/users/sessions', query, signal: options.signal });
  }

  /**
   * `POST /v2/users/{userSid}/api-keys`: the answer's `apiKey` is the only time the secret is shown.
   * @example
   * const { apiKey } = await client.users.createUserApiKey(userSid, { name: 'backup-script' });
   */
  createUserApiKey(
    userSid: string,
    params: CreateUserApiKeyParams,
    options: CallOptions = {},
  ): Promise<CreatedUserApiKey> {
    return this.#call({ method: 'POST', path: keysOf(userSid), body: params, signal: options.signal });
  }

  /** `GET /v2/users/{userSid}/api-keys`. @example const { apiKeys } = await client.users.getUserApiKeys(userSid); */
  getUserApiKeys(userSid: string, query: GetUserApiKeysQuery = {}, options: CallOptions = {}): Promise<UserApiKeys> {
    return this.#call({ method: 'GET', path: keysOf(userSid), query, signal: options.signal });
  }

  /** `GET /v2/users/{userSid}/api-keys/{id}`. @example const key = await client.users.getUserApiKeyById(userSid, id); */
  getUserApiKeyById(userSid: string, id: string, options: CallOptions = {}): Promise<UserApiKey> {
    return this.#call({ method: 'GET', path: `${keysOf(userSid)}/${segment(id)}`, signal: options.signal });
  }

  /** `PUT /v2/users/{userSid}/api-keys/{id}`. @example await client.users.updateUserApiKeyById(userSid, id, { isActive: false }); */
  updateUserApiKeyById(
    userSid: string,
    id: string,
    params: UpdateUserApiKeyParams,
    options: CallOptions = {},
  ): Promise<UserApiKey> {
    const path = `${keysOf(userSid)}/${segment(id)}`;
    return this.#call({ method: 'PUT', path, body: params, signal: options.signal });
  }

  /** `DELETE /v2/users/{userSid}/api-keys/{id}`. @example await client.users.deleteUserApiKeyById(userSid, id); */
  async deleteUserApiKeyById(userSid: string, id: string, options: CallOptions = {}): Promise<void> {
    await this.#call({ method: 'DELETE', path: `${keysOf(userSid)}/${segment(id)}`, signal: options.signal });
  }

  /** `POST …/api-keys/{id}/rotate`: a new secret; the old one stops working. @example const { apiKey } = await client.users.rotateUserApiKey(userSid, id); */
  rotateUserApiKey(userSid: string, id: string, options: CallOptions = {}): Promise<CreatedUserApiKey> {
    return this.#call({ method: 'POST', path: `${keysOf(userSid)}/${segment(id)}/rotate`, signal: options.signal });
  }

  /** `GET /v2/api-keys`: every user's keys. @example const { apiKeys } = await client.users.getAllApiKeys({ isActive: true }); */
  getAllApiKeys(query: GetAllApiKeysQuery = {}, options: CallOptions = {}): Promise<UserApiKeys> {
    return this.#call({ method: 'GET', path: '/v2/api-keys', query, signal: options.signal });
  }
}

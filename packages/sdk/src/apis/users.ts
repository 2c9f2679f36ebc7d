import type { CallOptions } from '../call-options.js';
import type { OperationParams as Params, OperationResult as Result, V2Api } from '../endpoints/operation-types.js';

/**
 * `client.users`: today's names for users, sessions and API keys, with SIDs and ids as
 * arguments. Each is an alias of the `client.user` operation of the same name, which takes
 * `{ sid }`, `{ userSid, id }`, … as the document has them.
 */
export class UserApi {
  readonly #user: V2Api['user'];

  constructor(user: V2Api['user']) {
    this.#user = user;
  }

  /** `POST /v2/users`. @example await client.users.createUsers([{ username: 'ops', roles: ['COHESITY_VIEWER'], password }]); */
  createUsers(users: Params<'v2', 'createUsers'>, options?: CallOptions): Promise<Result<'v2', 'createUsers'>> {
    return this.#user.createUsers(users, options);
  }

  /** `GET /v2/users`, filtered. @example const { users } = await client.users.getUsers({ domain: 'LOCAL' }); */
  getUsers(query: Params<'v2', 'getUsers'> = {}, options?: CallOptions): Promise<Result<'v2', 'getUsers'>> {
    return this.#user.getUsers(query, options);
  }

  /** `GET /v2/users/{sid}`. @example const user = await client.users.getUserBySid(sid); */
  getUserBySid(sid: string, options?: CallOptions): Promise<Result<'v2', 'getUserBySid'>> {
    return this.#user.getUserBySid({ sid }, options);
  }

  /** `PUT /v2/users/{sid}`. @example await client.users.updateUser(sid, { locked: true }); */
  updateUser(
    sid: string,
    params: Params<'v2', 'updateUser'>['body'],
    options?: CallOptions,
  ): Promise<Result<'v2', 'updateUser'>> {
    return this.#user.updateUser({ sid, body: params }, options);
  }

  /** `DELETE /v2/users/{sid}`, with the user's keys and sessions. @example await client.users.deleteUser(sid); */
  async deleteUser(sid: string, options?: CallOptions): Promise<void> {
    await this.#user.deleteUser({ sid }, options);
  }

  /** `POST /v2/users/sessions` (domain defaults to LOCAL). @example const { sessionId } = await client.users.createSession({ username: 'admin', password }); */
  createSession(params: Params<'v2', 'createSession'>, options?: CallOptions): Promise<Result<'v2', 'createSession'>> {
    return this.#user.createSession(params, options);
  }

  /** `DELETE /v2/users/sessions?sid=`: one user's sessions, or all. @example await client.users.deleteSession({ sid }); */
  async deleteSession(query: Params<'v2', 'deleteSession'> = {}, options?: CallOptions): Promise<void> {
    await this.#user.deleteSession(query, options);
  }

  /** `GET /v2/users/sessions?sids=`. @example const { totalSessionsCount } = await client.users.getActiveSessionsCount(); */
  getActiveSessionsCount(
    query: Params<'v2', 'getActiveSessionsCount'> = {},
    options?: CallOptions,
  ): Promise<Result<'v2', 'getActiveSessionsCount'>> {
    return this.#user.getActiveSessionsCount(query, options);
  }

  /** `POST /v2/users/{userSid}/api-keys`: the only time the secret is shown. @example const { apiKey } = await client.users.createUserApiKey(userSid, { name: 'backup' }); */
  createUserApiKey(
    userSid: string,
    params: Params<'v2', 'createUserApiKey'>['body'],
    options?: CallOptions,
  ): Promise<Result<'v2', 'createUserApiKey'>> {
    return this.#user.createUserApiKey({ userSid, body: params }, options);
  }

  /** `GET /v2/users/{userSid}/api-keys`. @example const { apiKeys } = await client.users.getUserApiKeys(userSid); */
  getUserApiKeys(
    userSid: string,
    query: Omit<Params<'v2', 'getUserApiKeys'>, 'userSid'> = {},
    options?: CallOptions,
  ): Promise<Result<'v2', 'getUserApiKeys'>> {
    return this.#user.getUserApiKeys({ ...query, userSid }, options);
  }

  /** `GET /v2/users/{userSid}/api-keys/{id}`. @example const key = await client.users.getUserApiKeyById(userSid, id); */
  getUserApiKeyById(userSid: string, id: string, options?: CallOptions): Promise<Result<'v2', 'getUserApiKeyById'>> {
    return this.#user.getUserApiKeyById({ userSid, id }, options);
  }

  /** `PUT /v2/users/{userSid}/api-keys/{id}`. @example await client.users.updateUserApiKeyById(userSid, id, { name, isActive: false }); */
  updateUserApiKeyById(
    userSid: string,
    id: string,
    params: Params<'v2', 'updateUserApiKeyById'>['body'],
    options?: CallOptions,
  ): Promise<Result<'v2', 'updateUserApiKeyById'>> {
    return this.#user.updateUserApiKeyById({ userSid, id, body: params }, options);
  }

  /** `DELETE /v2/users/{userSid}/api-keys/{id}`. @example await client.users.deleteUserApiKeyById(userSid, id); */
  async deleteUserApiKeyById(userSid: string, id: string, options?: CallOptions): Promise<void> {
    await this.#user.deleteUserApiKeyById({ userSid, id }, options);
  }

  /** `POST …/api-keys/{id}/rotate`: a new secret. @example const { apiKey } = await client.users.rotateUserApiKey(userSid, id); */
  rotateUserApiKey(userSid: string, id: string, options?: CallOptions): Promise<Result<'v2', 'rotateUserApiKey'>> {
    return this.#user.rotateUserApiKey({ userSid, id }, options);
  }

  /** `GET /v2/api-keys`: every user's keys. @example const { apiKeys } = await client.users.getAllApiKeys({ isActive: true }); */
  getAllApiKeys(
    query: Params<'v2', 'getAllApiKeys'> = {},
    options?: CallOptions,
  ): Promise<Result<'v2', 'getAllApiKeys'>> {
    return this.#user.getAllApiKeys(query, options);
  }
}

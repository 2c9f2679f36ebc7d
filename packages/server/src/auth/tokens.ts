import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AccessTokenClaims } from 'cohesity-sdk/models';
import { errors, exportJWK, generateKeyPair, importJWK, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { tokenExpired, tokenInvalid } from '../errors.js';
import type { SigningKeyRecord, Store, UserRecord } from '../store/store.js';
import { isSealed, openPrivateKey, sealPrivateKey } from './sealed-key.js';

type VerifyKey = Awaited<ReturnType<typeof importJWK>>;

/** A verified token's claims. */
export type VerifiedClaims = AccessTokenClaims & Required<Pick<JWTPayload, 'exp' | 'iat' | 'jti'>>;

// Unknown kids make us re-read the keys (another node may have made one). Reads start at most
// this often and concurrent callers share one, so a flood of forged kids costs one query per
// interval, while a genuine new key is found within it (waiting, not refusing).
const KEY_RELOAD_INTERVAL_MSECS = 1_000;
// Every node re-reads the keys this often anyway, so that after a rotation on one node
// every node signs with the new key within a minute, and the schedule is checked.
const KEY_REFRESH_INTERVAL_MSECS = 60_000;
const DAY_MSECS = 24 * 3600 * 1000;

interface SigningKey {
  readonly kid: string;
  readonly createdTimeMsecs: number;
  readonly key: VerifyKey;
}

export interface TokenServiceOptions {
  /** Encrypts the private keys in the store (see `key-encryption-key.ts`). */
  readonly keyEncryptionKey: Buffer;
  /** A new key is made when the newest is this many days old; 0: only by `rotate()`. */
  readonly rotationDays: number;
}

// An RS256 check costs more than the rest of a request, and clients send the same token for
// hours: tokens that passed are remembered, by their exact text, until they expire. Only
// genuine tokens get in, so the bound is against many clients, not against forgeries; the
// user checks (disabled, sids-hash) still run on every request.
const VERIFIED_TOKENS_KEPT = 1024;

/** The instant a verified token stops being accepted: the earlier of `exp` and `expiration-time`. */
const expiresAtMsecs = (claims: VerifiedClaims) =>
  Math.min(claims.exp, Number(claims['expiration-time']) || claims.exp) * 1000;

const sidsHashes = new WeakMap<object, string>();

/**
 * A real cluster's `sids-hash` changes with the user's group SIDs. Ours binds the token to
 * what it was issued for (SID, roles, credentials version): change any and the token dies.
 */
export function sidsHash(user: Pick<UserRecord, 'sid' | 'roles' | 'credentialsVersion'>): string {
  let hash = sidsHashes.get(user);
  if (hash === undefined) {
    hash = createHash('sha256')
      .update(`${user.sid}\n${[...user.roles].sort().join(',')}\n${user.credentialsVersion}`)
      .digest('base64url');
    // Only frozen records (the store's kept ones, shared by every request) can be remembered.
    if (Object.isFrozen(user)) sidsHashes.set(user, hash);
  }
  return hash;
}

/**
 * Issues and verifies RS256 access tokens shaped like a cluster's. The RSA key pairs live
 * in the store, so tokens survive restarts and are valid on every node sharing it.
 */
export class TokenService {
  readonly #store: Store;
  readonly #options: TokenServiceOptions;
  readonly #verifyKeys = new Map<string, VerifyKey>();
  /** Least recently used first. */
  readonly #verified = new Map<string, VerifiedClaims>();
  #signing: SigningKey;
  #lastReloadMsecs = 0;
  #reloading: Promise<void> | undefined;
  readonly #refresh: NodeJS.Timeout;

  private constructor(store: Store, options: TokenServiceOptions, signing: SigningKey) {
    this.#store = store;
    this.#options = options;
    this.#signing = signing;
    this.#refresh = setInterval(() => void this.#refreshKeys().catch(() => undefined), KEY_REFRESH_INTERVAL_MSECS);
    this.#refresh.unref();
  }

  /**
   * Loads the stored keys, making the first one when there is none, and encrypts any
   * private key still stored in clear (written before keys were encrypted).
   */
  static async open(store: Store, options: TokenServiceOptions): Promise<TokenService> {
    const kek = options.keyEncryptionKey;
    let records = await store.listSigningKeys();
    if (records.length === 0) await store.addSigningKey(await createSigningKey(kek));
    for (const record of records.filter((r) => !isSealed(r.privateJwk))) {
      await store.sealSigningKey(record.kid, sealPrivateKey(record.privateJwk, kek, record.kid));
    }
    records = await store.listSigningKeys();
    const service = new TokenService(store, options, await signingKeyOf(records.at(-1) as SigningKeyRecord, kek));
    await service.#addVerifyKeys(records);
    await service.#rotateWhenDue();
    return service;
  }

  /** The kid new tokens are signed with. */
  get signingKid(): string {
    return this.#signing.kid;
  }

  /**
   * Makes a new signing key and signs with it from now on; other nodes find it within a
   * minute, or at once when a token signed by it reaches them. Tokens signed by older keys
   * stay valid until they expire: their public keys are kept.
   */
  async rotate(nowMsecs = Date.now()): Promise<SigningKeyRecord> {
    const record = await createSigningKey(this.#options.keyEncryptionKey, nowMsecs);
    await this.#store.addSigningKey(record);
    await this.#addVerifyKeys(await this.#store.listSigningKeys());
    return record;
  }

  /** Stops the periodic key refresh. */
  close(): void {
    clearInterval(this.#refresh);
  }

  async #refreshKeys(): Promise<void> {
    await this.#addVerifyKeys(await this.#store.listSigningKeys());
    await this.#rotateWhenDue();
  }

  async #rotateWhenDue(nowMsecs = Date.now()): Promise<void> {
    const days = this.#options.rotationDays;
    if (days > 0 && nowMsecs - this.#signing.createdTimeMsecs >= days * DAY_MSECS) await this.rotate(nowMsecs);
  }

  /** Signs a token for `user` that expires `ttlSeconds` from now. */
  async issue(user: UserRecord, ttlSeconds: number, nowMsecs = Date.now()): Promise<string> {
    const iat = Math.floor(nowMsecs / 1000);
    const exp = iat + ttlSeconds;
    const claims: AccessTokenClaims = {
      'auth-type': '1',
      clusterIdentifiers: '',
      domain: user.domain,
      'expiration-time': String(exp),
      'in-cluster': true,
      locale: 'en-us',
      roles: user.roles.join(','),
      'sids-hash': sidsHash(user),
      'user-sid': user.sid,
      username: user.username,
    };
    return new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.#signing.kid })
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .setJti(randomUUID())
      .sign(this.#signing.key);
  }

  /**
   * The claims of a token that passed `verify` before, without a promise (most requests);
   * undefined when it has not. Throws the contract's 401 once it has expired.
   */
  verified(token: string, nowMsecs = Date.now()): VerifiedClaims | undefined {
    const known = this.#verified.get(token);
    if (known === undefined) return undefined;
    this.#verified.delete(token);
    if (expiresAtMsecs(known) <= nowMsecs) throw tokenExpired();
    this.#verified.set(token, known);
    return known;
  }

  /** Verifies signature, algorithm and lifetime; throws the contract's 401s. */
  async verify(token: string, nowMsecs = Date.now()): Promise<VerifiedClaims> {
    const known = this.verified(token, nowMsecs);
    if (known) return known;
    const claims = await this.#verifySignedToken(token, nowMsecs);
    if (this.#verified.size >= VERIFIED_TOKENS_KEPT) {
      this.#verified.delete(this.#verified.keys().next().value as string);
    }
    this.#verified.set(token, Object.freeze(claims));
    return claims;
  }

  async #verifySignedToken(token: string, nowMsecs: number): Promise<VerifiedClaims> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, (header) => this.#keyFor(header.kid), {
        algorithms: ['RS256'],
        currentDate: new Date(nowMsecs),
        requiredClaims: ['exp', 'iat', 'jti', 'expiration-time', 'user-sid', 'sids-hash'],
      }));
    } catch (error) {
      throw error instanceof errors.JWTExpired ? tokenExpired() : tokenInvalid();
    }
    const claims = payload as unknown as VerifiedClaims;
    if (typeof claims['user-sid'] !== 'string' || typeof claims['sids-hash'] !== 'string') throw tokenInvalid();
    if (Number(claims['expiration-time']) * 1000 <= nowMsecs) throw tokenExpired();
    return claims;
  }

  async #keyFor(kid: string | undefined): Promise<VerifyKey> {
    if (kid === undefined) throw tokenInvalid();
    let key = this.#verifyKeys.get(kid);
    if (key === undefined) {
      await this.#reloadKeys();
      key = this.#verifyKeys.get(kid);
    }
    if (key === undefined) throw tokenInvalid();
    return key;
  }

  #reloadKeys(): Promise<void> {
    this.#reloading ??= (async () => {
      const wait = this.#lastReloadMsecs + KEY_RELOAD_INTERVAL_MSECS - Date.now();
      if (wait > 0) await sleep(wait);
      this.#lastReloadMsecs = Date.now();
      await this.#addVerifyKeys(await this.#store.listSigningKeys());
    })().finally(() => {
      this.#reloading = undefined;
    });
    return this.#reloading;
  }

  /** Learns new public keys, and signs with the newest key from now on (sorted oldest first). */
  async #addVerifyKeys(records: readonly SigningKeyRecord[]): Promise<void> {
    for (const record of records) {
      if (!this.#verifyKeys.has(record.kid)) {
        this.#verifyKeys.set(record.kid, await importJWK(JSON.parse(record.publicJwk), 'RS256'));
      }
    }
    const newest = records.at(-1);
    if (newest && newest.kid !== this.#signing.kid && newest.createdTimeMsecs >= this.#signing.createdTimeMsecs) {
      this.#signing = await signingKeyOf(newest, this.#options.keyEncryptionKey);
    }
  }
}

async function signingKeyOf(record: SigningKeyRecord, kek: Buffer): Promise<SigningKey> {
  const privateJwk = openPrivateKey(record.privateJwk, kek, record.kid);
  return {
    kid: record.kid,
    createdTimeMsecs: record.createdTimeMsecs,
    key: await importJWK(JSON.parse(privateJwk), 'RS256'),
  };
}

/** A fresh RSA-2048 key pair as a store record, its private half sealed under `kek`. */
export async function createSigningKey(kek: Buffer, nowMsecs = Date.now()): Promise<SigningKeyRecord> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const kid = randomUUID();
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return {
    kid,
    privateJwk: sealPrivateKey(JSON.stringify(privateJwk), kek, kid),
    publicJwk: JSON.stringify(publicJwk),
    createdTimeMsecs: nowMsecs,
  };
}

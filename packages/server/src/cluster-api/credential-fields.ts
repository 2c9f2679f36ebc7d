/**
 * Credentials a client writes into a record: a source's password, an S3 secret key, an SMTP
 * or AMQP password, a registration token. A cluster seals them and never answers them; a
 * stand-in has no use for them, so it keeps none: neither the database nor any later answer
 * holds one. A name is a credential by its last word, and only where its value is a string
 * (`regenerateToken: true` is a switch, `tokenId` a name).
 */
const CREDENTIAL_NAME =
  /(password|passphrase|secret|secretkey|privatekey|accesskey|storagekey|encryptionkey|hmackey|clientkey|sshkey|apikey|token|mfacode|otpcode|totpcode)$/i;

/** `value` without the credentials it holds, at any depth. */
export function withoutCredentials(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutCredentials);
  if (value === null || typeof value !== 'object') return value;
  // Plain objects only: a multipart upload's bytes (a Buffer) are no record of fields.
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([name, field]) => !(typeof field === 'string' && CREDENTIAL_NAME.test(name)))
      .map(([name, field]) => [name, withoutCredentials(field)]),
  );
}

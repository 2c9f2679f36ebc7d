import { X509Certificate } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { ConfigError } from '../config/config-error.js';

export interface TlsCredentials {
  cert: string;
  key: string;
  /** SHA-256 fingerprint, colon-separated hex, as browsers and `openssl x509 -fingerprint` show it. */
  fingerprint256: string;
  selfSigned: boolean;
}

const CERT_FILE = 'tls-cert.pem';
const KEY_FILE = 'tls-key.pem';

/** A file the operator named: one that cannot be read is a setting that cannot be used (exit 2). */
async function readSetting(flag: string, file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    throw new ConfigError(`--${flag} '${file}' cannot be read (${code ?? message})`);
  }
}

/**
 * The operator's certificate when given; otherwise a self-signed one for `host`, made on
 * first start and kept in the data dir, so clients that pin it keep working across restarts.
 */
export async function loadTlsCredentials(
  dataDir: string,
  host: string,
  files: { certFile: string; keyFile: string } | undefined,
): Promise<TlsCredentials> {
  if (files) {
    const [cert, key] = await Promise.all([
      readSetting('tls-cert', files.certFile),
      readSetting('tls-key', files.keyFile),
    ]);
    let fingerprint256: string;
    try {
      fingerprint256 = new X509Certificate(cert).fingerprint256;
    } catch {
      throw new ConfigError(`--tls-cert '${files.certFile}' is not a PEM certificate`);
    }
    return { cert, key, fingerprint256, selfSigned: false };
  }
  const certPath = join(dataDir, CERT_FILE);
  const keyPath = join(dataDir, KEY_FILE);
  try {
    const [cert, key] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
    return { cert, key, fingerprint256: new X509Certificate(cert).fingerprint256, selfSigned: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const names = new Set(['localhost', '127.0.0.1', '::1', host]);
  const pems = await generate([{ name: 'commonName', value: host }], {
    keySize: 2048,
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 825 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [...names].map((name) => (isIP(name) ? { type: 7, ip: name } : { type: 2, value: name })),
      },
    ],
  });
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await writeFile(keyPath, pems.private, { mode: 0o600 });
  await writeFile(certPath, pems.cert, { mode: 0o644 });
  return {
    cert: pems.cert,
    key: pems.private,
    fingerprint256: new X509Certificate(pems.cert).fingerprint256,
    selfSigned: true,
  };
}

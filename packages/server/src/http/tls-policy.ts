import type { SecureContextOptions } from 'node:tls';

/**
 * TLS 1.2 and 1.3 only. On 1.2, forward-secret AEAD suites only (Mozilla's "intermediate"
 * list without finite-field DHE): Node's default also accepts static-RSA key exchange (no
 * forward secrecy) and CBC suites with SHA-1 MACs (Lucky13-style padding oracles). Every
 * known Cohesity client (Python requests, PowerShell 5.1 on Windows Server 2012 R2 and
 * later, Ansible, curl) offers ECDHE with AES-GCM.
 */
export const TLS_POLICY = {
  minVersion: 'TLSv1.2',
  ciphers: [
    'TLS_AES_128_GCM_SHA256',
    'TLS_AES_256_GCM_SHA384',
    'TLS_CHACHA20_POLY1305_SHA256',
    'ECDHE-ECDSA-AES128-GCM-SHA256',
    'ECDHE-RSA-AES128-GCM-SHA256',
    'ECDHE-ECDSA-AES256-GCM-SHA384',
    'ECDHE-RSA-AES256-GCM-SHA384',
    'ECDHE-ECDSA-CHACHA20-POLY1305',
    'ECDHE-RSA-CHACHA20-POLY1305',
  ].join(':'),
  honorCipherOrder: true,
} as const satisfies SecureContextOptions;

import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { chmodSync, existsSync, linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir } from '../infrastructure/data-dir';

export const SIGNING_KEY = Symbol('AuditSigningKey');
export const SIGNING_KEY_FILE = 'audit-signing-key.pem';

/** The service's Ed25519 key that signs evidence packages; its public half is published at GET /api/audit/public-key. */
export interface SigningKey {
  privateKey: KeyObject;
  publicKeyPem: string;
  /** `sha256:` and the hex SHA-256 of the public key's DER (SPKI) encoding. */
  fingerprint: string;
}

/**
 * Loads DATA_DIR/audit-signing-key.pem (PKCS#8, mode 0600), generating it on
 * first start. Replicas of one service must share the file (a mounted secret),
 * or each would sign with a key of its own.
 */
export function loadOrCreateSigningKey(dataDir: string): SigningKey {
  const file = join(dataDir, SIGNING_KEY_FILE);
  if (!existsSync(file)) createKeyFile(dataDir, file);
  const privateKey = createPrivateKey(readFileSync(file));
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${file} is not an Ed25519 private key`);
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  return { privateKey, publicKeyPem, fingerprint: publicKeyFingerprint(publicKeyPem) };
}

export function publicKeyFingerprint(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return `sha256:${createHash('sha256').update(der).digest('hex')}`;
}

/**
 * Written whole to a temporary file, then linked into place: the service and an
 * export started at the same moment never read a half-written key, and the
 * second one to link keeps the first one's key.
 */
function createKeyFile(dataDir: string, file: string): void {
  ensurePrivateDir(dataDir);
  const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, pem, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
}

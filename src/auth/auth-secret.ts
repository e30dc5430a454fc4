import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Config } from '../config/config';
import { ensurePrivateDir } from '../infrastructure/data-dir';

export const AUTH_SECRET = Symbol('AuthSecret');

/**
 * The token secret: AUTH_JWT_SECRET when set (always, with several replicas);
 * otherwise a random one kept in DATA_DIR/auth-secret (mode 0600), so that a
 * fresh `npm start` works and `npm run token` can mint tokens for it.
 */
export function resolveAuthSecret(config: Config): string {
  if (config.authJwtSecret) return config.authJwtSecret;
  const file = join(config.dataDir, 'auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  ensurePrivateDir(config.dataDir);
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return secret;
}

import { INestApplication } from '@nestjs/common';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Logger } from 'nestjs-pino';
import { createApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/config';
import { loadOrCreateSigningKey } from '../../src/audit/signing-key';
import { filesUnder } from '../support/plaintext-on-disk';
import { TEST_SECRET } from '../support/tokens';

const modeOf = (path: string) => `0${(statSync(path).mode & 0o777).toString(8)}`;

/**
 * keys.db holds every employee's AES key: DATA_DIR and its files must be the
 * service user's alone, whatever the umask it was started under.
 */
describe('the data directory’s permissions', () => {
  const root = mkdtempSync(join(tmpdir(), 'ledger-modes-'));
  let umask: number;
  let app: INestApplication | undefined;
  beforeAll(() => (umask = process.umask(0o022)));
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  afterAll(() => {
    process.umask(umask);
    rmSync(root, { recursive: true, force: true });
  });

  it('creates a new DATA_DIR 0700 and every file in it 0600 under umask 022 (databases with -wal/-shm, auth secret, signing key)', async () => {
    const dataDir = join(root, 'fresh', 'data');
    // No AUTH_JWT_SECRET: the service generates DATA_DIR/auth-secret.
    app = await createApp(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '1000000' }));
    await app.listen(0, '127.0.0.1');
    loadOrCreateSigningKey(dataDir);
    const files = filesUnder(dataDir).map((f) => relative(dataDir, f));
    expect(files).toEqual(
      expect.arrayContaining([
        'events.db',
        'events.db-wal',
        'events.db-shm',
        'keys.db',
        'read-models.db',
        'read-models.db-wal',
        'read-models.db-shm',
        'auth-secret',
        'audit-signing-key.pem',
      ]),
    );
    expect(modeOf(dataDir)).toBe('0700');
    expect(Object.fromEntries(files.map((f) => [f, modeOf(join(dataDir, f))]))).toEqual(Object.fromEntries(files.map((f) => [f, '0600'])));
  });

  it('warns at start-up, naming the path and its mode, about an existing DATA_DIR that others may read, and starts anyway', async () => {
    const dataDir = join(root, 'shared');
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o755);
    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      app = await createApp(
        loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', AUTH_JWT_SECRET: TEST_SECRET, RATE_LIMIT_PER_MINUTE: '1000000' }),
      );
      expect(warn).toHaveBeenCalledWith(expect.stringContaining(`${dataDir} has mode 0755`), 'DataDir');
      // The files the service created itself are private all the same.
      expect(modeOf(join(dataDir, 'keys.db'))).toBe('0600');
      expect(warn.mock.calls.filter(([message]) => String(message).includes('keys.db'))).toEqual([]);
    } finally {
      warn.mockRestore();
    }
  });
});

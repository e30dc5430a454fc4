import { execFile } from 'node:child_process';
import Database from 'better-sqlite3';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { exportLatestCheckpoint, takeCheckpoint } from '../../src/audit/checkpoints';
import { loadOrCreateSigningKey } from '../../src/audit/signing-key';
import { hashEvent } from '../../src/event-sourcing/hash-chain';
import { recordHistory, storesIn } from './ledger-history';

const ROOT = resolve(__dirname, '../..');

/** A CLI of src/cli as `npm run` starts it (ts-node, transpile only), with the given DATA_DIR. */
function cli(script: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', join(ROOT, 'src/cli', script), ...args],
      { cwd: ROOT, env: { ...process.env, ...env } },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('audit:export and audit:verify as command-line tools', () => {
  let dataDir: string;
  let out: string;
  let publicKeyFile: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-cli-'));
    const { sealing } = storesIn(dataDir);
    await recordHistory(sealing, 'E1');
    await sealing.close();
    out = join(dataDir, 'E1.evidence.ndjson');
    publicKeyFile = join(dataDir, 'service-public-key.pem');
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('exports a signed package with the key it creates in DATA_DIR', async () => {
    const exported = await cli('audit-export.ts', ['--employee', 'E1', '--out', out], { DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    expect(exported).toMatchObject({ code: 0, stderr: '' });
    const key = loadOrCreateSigningKey(dataDir);
    expect(exported.stdout).toContain(`Signed with Ed25519 key ${key.fingerprint}`);
    expect(exported.stdout).toMatch(/insurance-E1 \(complete\): 7 events, head revision 6/);
    writeFileSync(publicKeyFile, key.publicKeyPem);
  }, 60_000);

  it('verifies it offline: no DATA_DIR, no database', async () => {
    const verified = await cli('audit-verify.ts', [out, '--public-key', publicKeyFile], { DATA_DIR: join(dataDir, 'does-not-exist') });
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('OK: the signature holds and every chain is intact up to its signed head.');
    expect(verified.stdout).not.toContain('WARNING');
  }, 60_000);

  it('refuses to verify without a trusted public key unless told to trust the embedded one, and then warns', async () => {
    const refused = await cli('audit-verify.ts', [out]);
    expect(refused.code).toBe(64);
    expect(refused.stderr).toMatch(/^No trusted public key: a package re-signed with another key would pass/);
    const verified = await cli('audit-verify.ts', [out, '--trust-embedded-key']);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/WARNING: The signature was checked with the public key inside the package/);
  }, 60_000);

  it('does not accept a package re-signed with another key', async () => {
    const body = readFileSync(out).subarray(0, readFileSync(out).lastIndexOf('\n{"kind":"signature"') + 1);
    const other = generateKeyPairSync('ed25519');
    const digest = createHash('sha256').update(body).digest();
    const publicKey = other.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const signature = {
      kind: 'signature',
      algorithm: 'Ed25519',
      digest: digest.toString('hex'),
      signature: sign(null, digest, other.privateKey).toString('base64'),
      publicKey,
      publicKeyFingerprint: 'sha256:mallory',
    };
    const resigned = join(dataDir, 'resigned.ndjson');
    writeFileSync(resigned, Buffer.concat([body, Buffer.from(`${JSON.stringify(signature)}\n`)]));
    expect((await cli('audit-verify.ts', [resigned])).code).not.toBe(0);
    const withKey = await cli('audit-verify.ts', [resigned, '--public-key', publicKeyFile]);
    expect(withKey.code).toBe(1);
    expect(withKey.stdout).toMatch(/FAILED: the package was not signed with the given public key/);
  }, 60_000);

  it('fails when one byte of the file is flipped', async () => {
    const bytes = readFileSync(out);
    const at = bytes.indexOf('"orgUnit":"Finance"') + '"orgUnit":"'.length;
    bytes[at] ^= 0x20; // Finance -> finance
    const flipped = join(dataDir, 'flipped.ndjson');
    writeFileSync(flipped, bytes);
    const verified = await cli('audit-verify.ts', [flipped, '--public-key', publicKeyFile]);
    expect(verified.code).toBe(1);
    expect(verified.stdout).toContain('FAILED: the signature does not match the content: the file was changed after it was signed');
    expect(verified.stdout).toMatch(/FAIL employee-E1 \(complete\): revision 0: the stored hash is not the hash of the event/);
  }, 60_000);

  it('fails with a public key that is not the service key', async () => {
    const other = join(dataDir, 'other-public-key.pem');
    writeFileSync(other, generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }));
    const verified = await cli('audit-verify.ts', [out, '--public-key', other]);
    expect(verified.code).toBe(1);
    expect(verified.stdout).toMatch(/FAILED: the package was not signed with the given public key/);
  }, 60_000);

  it('checks a package against a checkpoint kept outside the service: a chain edited and re-hashed after it fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-cli-checkpoint-'));
    try {
      const { raw, sealing } = storesIn(dir);
      await recordHistory(sealing, 'E7');
      const key = loadOrCreateSigningKey(dir);
      await takeCheckpoint(raw, raw, key, new Date());
      const held = join(dir, 'checkpoint.json');
      writeFileSync(held, JSON.stringify(await exportLatestCheckpoint(raw, key)));
      await sealing.close();
      const keyFile = join(dir, 'public.pem');
      writeFileSync(keyFile, key.publicKeyPem);
      const before = join(dir, 'before.ndjson');
      expect((await cli('audit-export.ts', ['--employee', 'E7', '--out', before], { DATA_DIR: dir, LOG_LEVEL: 'silent' })).code).toBe(0);
      const intact = await cli('audit-verify.ts', [before, '--public-key', keyFile, '--checkpoint', held]);
      expect(intact.stdout).toContain('agrees with the checkpoint');
      expect(intact.code).toBe(0);

      // Behind the service: a contribution's base changed and every later hash of the stream recomputed.
      const db = new Database(join(dir, 'events.db'));
      const rows = db
        .prepare(
          "SELECT position, id, type, schema_version, data, metadata FROM events WHERE stream = 'insurance-E7' AND revision >= 2 ORDER BY revision",
        )
        .all() as Array<Record<string, string | number>>;
      let prevHash = JSON.parse(rows[0].metadata as string).prevHash as string;
      rows.forEach((row, i) => {
        const data = { ...JSON.parse(row.data as string), ...(i === 0 ? { base: 99999 } : {}) };
        const metadata = { ...JSON.parse(row.metadata as string), prevHash };
        metadata.hash = prevHash = hashEvent({
          id: row.id as string,
          type: row.type as string,
          schemaVersion: Number(row.schema_version),
          data,
          metadata,
        });
        db.prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?').run(
          JSON.stringify(data),
          JSON.stringify(metadata),
          row.position,
        );
      });
      db.close();
      const after = join(dir, 'after.ndjson');
      expect((await cli('audit-export.ts', ['--employee', 'E7', '--out', after], { DATA_DIR: dir, LOG_LEVEL: 'silent' })).code).toBe(0);
      // The service signs what the store holds: the package alone looks perfect.
      expect((await cli('audit-verify.ts', [after, '--public-key', keyFile])).code).toBe(0);
      const caught = await cli('audit-verify.ts', [after, '--public-key', keyFile, '--checkpoint', held]);
      expect(caught.code).toBe(1);
      expect(caught.stdout).toMatch(/FAILED: insurance-E7: revision 6 does not have the hash of the checkpoint/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('refuses a missing argument and an unknown employee', async () => {
    expect((await cli('audit-verify.ts', [])).code).toBe(64);
    expect((await cli('audit-export.ts', ['--employee', 'E1'], { DATA_DIR: dataDir })).code).toBe(64);
    const unknown = await cli('audit-export.ts', ['--employee', 'NOBODY', '--out', join(dataDir, 'x.ndjson')], {
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
    });
    expect(unknown).toMatchObject({ code: 1, stderr: 'No employee NOBODY in the event store.\n' });
  }, 60_000);
});

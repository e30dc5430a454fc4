import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadOrCreateSigningKey } from '../../src/audit/signing-key';
import { recordHistory, storesIn } from './ledger-history';

const ROOT = resolve(__dirname, '../..');

/** A CLI of src/cli as `npm run` starts it (ts-node, transpile only), with the given DATA_DIR. */
function cli(script: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, ['-r', 'ts-node/register/transpile-only', join(ROOT, 'src/cli', script), ...args], { cwd: ROOT, env: { ...process.env, ...env } }, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
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

  it('warns that the embedded key proves integrity only', async () => {
    const verified = await cli('audit-verify.ts', [out]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/WARNING: The signature was checked with the public key inside the package/);
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

  it('refuses a missing argument and an unknown employee', async () => {
    expect((await cli('audit-verify.ts', [])).code).toBe(64);
    expect((await cli('audit-export.ts', ['--employee', 'E1'], { DATA_DIR: dataDir })).code).toBe(64);
    const unknown = await cli('audit-export.ts', ['--employee', 'NOBODY', '--out', join(dataDir, 'x.ndjson')], { DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    expect(unknown).toMatchObject({ code: 1, stderr: 'No employee NOBODY in the event store.\n' });
  }, 60_000);
});

import Database from 'better-sqlite3';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkEvidence } from '../../src/audit/evidence-check';
import { exportEvidence } from '../../src/audit/evidence-export';
import { EvidenceEvent, EvidenceHeader, EvidenceSignature } from '../../src/audit/evidence-format';
import { loadOrCreateSigningKey, SIGNING_KEY_FILE, SigningKey } from '../../src/audit/signing-key';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { SealingEventStore } from '../../src/personal-data/sealing-event-store';
import { recordHistory, storesIn } from './ledger-history';

const NOW = new Date('2024-06-01T00:00:00.000Z');

/** Re-signs changed lines with a key, as only the key's holder could. */
function signed(lines: string[], key: SigningKey): Buffer {
  const body = Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8');
  const digest = createHash('sha256').update(body).digest();
  const signature: EvidenceSignature = {
    kind: 'signature',
    algorithm: 'Ed25519',
    digest: digest.toString('hex'),
    signature: sign(null, digest, key.privateKey).toString('base64'),
    publicKey: key.publicKeyPem,
    publicKeyFingerprint: key.fingerprint,
  };
  return Buffer.concat([body, Buffer.from(`${JSON.stringify(signature)}\n`)]);
}

describe('evidence packages', () => {
  let dir: string;
  let store: SqliteEventStore;
  let sealing: SealingEventStore;
  let key: SigningKey;
  let caseId: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-evidence-'));
    ({ raw: store, sealing } = storesIn(dir));
    ({ caseId } = await recordHistory(sealing, 'E1'));
    await recordHistory(sealing, 'E2');
    key = loadOrCreateSigningKey(dir);
  });
  afterEach(async () => {
    await sealing.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the signing key in the data directory, readable by the owner only, and loads the same key again', () => {
    expect(statSync(join(dir, SIGNING_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(loadOrCreateSigningKey(dir).fingerprint).toBe(key.fingerprint);
    expect(key.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it("holds every event of the person's streams and only their refusals from the shared audit stream", async () => {
    const evidence = (await exportEvidence(store, key, 'E1', NOW))!;
    const lines = evidence.content
      .toString('utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    const header = lines[0] as EvidenceHeader;
    expect(header).toMatchObject({
      kind: 'header',
      format: 'offboarding-ledger-evidence/1',
      employeeId: 'E1',
      exportedAt: NOW.toISOString(),
    });
    expect(header.streams.map(({ stream, scope, events, headRevision }) => ({ stream, scope, events, headRevision }))).toEqual([
      { stream: 'employee-E1', scope: 'complete', events: 3, headRevision: '2' },
      { stream: 'insurance-E1', scope: 'complete', events: 7, headRevision: '6' },
      { stream: `offboarding-${caseId}`, scope: 'complete', events: 1, headRevision: '0' },
      { stream: 'audit-2024-05', scope: 'excerpt', events: 1, headRevision: '1' },
    ]);
    const events = lines.slice(1, -1) as EvidenceEvent[];
    expect(events).toHaveLength(12);
    expect(events[0]).toMatchObject({ kind: 'event', stream: 'employee-E1', revision: '0', position: '1', type: 'EmployeeHired' });
    // As stored: personal data stays sealed, and the chain is checked over that form.
    expect(events[1]).toMatchObject({ type: 'PersonalDataRecorded', data: { employeeId: 'E1', sealed: { alg: 'A256GCM' } } });
    expect(evidence.content.toString('utf8')).not.toContain('张三');
    expect(events.filter((e) => e.stream === 'audit-2024-05').map((e) => (e.data as { subjects: unknown }).subjects)).toEqual([
      { caseId, employeeId: 'E1' },
    ]);
    expect(lines.at(-1)).toMatchObject({
      kind: 'signature',
      algorithm: 'Ed25519',
      publicKey: key.publicKeyPem,
      publicKeyFingerprint: key.fingerprint,
    });
  });

  it('verifies with the service key, and with the embedded key only with a warning', async () => {
    const { content } = (await exportEvidence(store, key, 'E1', NOW))!;
    expect(checkEvidence(content, key.publicKeyPem)).toMatchObject({
      ok: true,
      problems: [],
      warnings: [],
      key: { source: 'given', fingerprint: key.fingerprint },
    });
    const embedded = checkEvidence(content);
    expect(embedded).toMatchObject({ ok: true, key: { source: 'embedded' } });
    expect(embedded.warnings[0]).toMatch(/intact, not who made it/);
  });

  it('fails when one byte changed, anywhere', async () => {
    const { content } = (await exportEvidence(store, key, 'E1', NOW))!;
    const text = content.toString('utf8');
    const changed = Buffer.from(text.replace('"base":13000', '"base":13001'), 'utf8');
    expect(changed.equals(content)).toBe(false);
    const verdict = checkEvidence(changed, key.publicKeyPem);
    expect(verdict.ok).toBe(false);
    expect(verdict.problems[0]).toBe('the signature does not match the content: the file was changed after it was signed');
    // The chain shows which event it was.
    expect(verdict.problems).toContainEqual(
      expect.stringMatching(/^insurance-E1: revision 6: the stored hash is not the hash of the event/),
    );
  });

  it('fails with another public key', async () => {
    const { content } = (await exportEvidence(store, key, 'E1', NOW))!;
    const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const verdict = checkEvidence(content, other);
    expect(verdict.ok).toBe(false);
    expect(verdict.problems[0]).toMatch(/^the package was not signed with the given public key/);
  });

  it('fails when a stream stops before its signed head, even when re-signed', async () => {
    const { content } = (await exportEvidence(store, key, 'E1', NOW))!;
    const lines = content.toString('utf8').trimEnd().split('\n').slice(0, -1);
    const withoutLast = lines.filter((l) => !(l.includes('"stream":"insurance-E1"') && l.includes('"revision":"6"')));
    expect(withoutLast).toHaveLength(lines.length - 1);
    const verdict = checkEvidence(signed(withoutLast, key), key.publicKeyPem);
    expect(verdict.problems[0]).toBe('insurance-E1: the chain ends at revision 5, but the signed head is revision 6: events are missing');
  });

  it('fails, with the stream and revision, when the store had been tampered with before the export', async () => {
    const db = new Database(join(dir, 'events.db'));
    db.prepare("UPDATE events SET data = json_set(data, '$.orgUnit', 'Sales') WHERE stream = 'employee-E1' AND revision = 0").run();
    db.close();
    const verdict = checkEvidence((await exportEvidence(store, key, 'E1', NOW))!.content, key.publicKeyPem);
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toEqual([expect.stringMatching(/^employee-E1: revision 0: the stored hash is not the hash of the event/)]);
  });

  it('fails on a truncated file and on an empty one', async () => {
    const { content } = (await exportEvidence(store, key, 'E1', NOW))!;
    expect(checkEvidence(content.subarray(0, content.length - 10)).problems[0]).toMatch(/does not end with a signature line/);
    expect(checkEvidence(Buffer.alloc(0)).ok).toBe(false);
  });

  it('has nothing to export for an unknown employee', async () => {
    expect(await exportEvidence(store, key, 'NOBODY', NOW)).toBeNull();
  });
});

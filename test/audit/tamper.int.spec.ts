import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CHECKPOINT_EVENT,
  CHECKPOINT_FORMAT,
  CHECKPOINT_SCHEMA_VERSION,
  CHECKPOINT_STREAM,
  signCheckpoint,
} from '../../src/audit/chain-heads-checkpoint';
import { headsAt, takeCheckpoint } from '../../src/audit/checkpoints';
import { loadOrCreateSigningKey } from '../../src/audit/signing-key';
import { verifyStore, verifyStream } from '../../src/audit/store-verification';
import { employeeEvents } from '../../src/domain/employee/employee.schemas';
import { toEnvelopes } from '../../src/event-sourcing/envelope';
import { hashEvent } from '../../src/event-sourcing/hash-chain';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { SqliteKeyStore } from '../../src/infrastructure/key-store/sqlite/sqlite-key-store';
import { SealingEventStore } from '../../src/personal-data/sealing-event-store';
import { recordHistory, storesIn } from './ledger-history';

/**
 * Events are written as the service writes them (command handler, personal data
 * sealed); then someone with access to the SQLite file edits it behind the
 * service's back (a second connection while the store is open). Verification
 * reads the log as stored and names the stream and the first revision that does
 * not hold.
 */
describe('tamper evidence on the SQLite event store', () => {
  let dir: string;
  let store: SqliteEventStore;
  let keys: SqliteKeyStore;
  let sealing: SealingEventStore;
  let db: Database.Database;
  const edit = (sql: string, ...params: unknown[]) => expect(db.prepare(sql).run(...params).changes).toBeGreaterThan(0);

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-tamper-'));
    ({ raw: store, keys, sealing } = storesIn(dir));
    await recordHistory(sealing, 'E1');
    await recordHistory(sealing, 'E2');
    db = new Database(join(dir, 'events.db'));
  });
  afterEach(async () => {
    db.close();
    await sealing.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('verifies a clean store: every stream, every event', async () => {
    const total = Number(db.prepare('SELECT COUNT(*) FROM events').pluck().get());
    const streams = Number(db.prepare('SELECT COUNT(DISTINCT stream) FROM events').pluck().get());
    expect(await verifyStore(store)).toEqual({
      ok: true,
      streamsChecked: streams,
      eventsChecked: total,
      firstBroken: null,
      warnings: [],
      checkpoint: null,
    });
    // employee, insurance, offboarding per person, and the shared audit stream.
    expect(streams).toBe(7);
    expect(await verifyStream(store, 'insurance-E1')).toEqual({ ok: true, streamsChecked: 1, eventsChecked: 7, firstBroken: null });
  });

  it('catches a changed payload', async () => {
    edit("UPDATE events SET data = json_set(data, '$.base', 99999) WHERE stream = 'insurance-E2' AND revision = 3");
    const expected = { stream: 'insurance-E2', revision: 3, problem: 'hash_mismatch' };
    expect((await verifyStore(store)).firstBroken).toMatchObject(expected);
    expect(await verifyStream(store, 'insurance-E2')).toMatchObject({ ok: false, firstBroken: expected });
    expect((await verifyStream(store, 'insurance-E1')).ok).toBe(true);
  });

  it('verifies the sealed form of personal data, with no key, also once a key is destroyed', async () => {
    const [, personal] = await store.readStream('employee-E1');
    expect(personal).toMatchObject({ type: 'PersonalDataRecorded', data: { employeeId: 'E1', sealed: { alg: 'A256GCM' } } });
    expect(JSON.stringify(personal.data)).not.toContain('张三');
    await keys.destroy('E1');
    expect((await verifyStore(store)).ok).toBe(true);
  });

  it('catches a changed ciphertext of personal data', async () => {
    edit(
      "UPDATE events SET data = json_set(data, '$.sealed.tag', 'AAAAAAAAAAAAAAAAAAAAAA==') WHERE stream = 'employee-E2' AND revision = 1",
    );
    expect((await verifyStore(store)).firstBroken).toMatchObject({ stream: 'employee-E2', revision: 1, problem: 'hash_mismatch' });
  });

  it('catches a changed metadata field', async () => {
    edit("UPDATE events SET metadata = json_set(metadata, '$.actor.id', 'mallory') WHERE stream = 'employee-E1' AND revision = 1");
    const expected = { stream: 'employee-E1', revision: 1, problem: 'hash_mismatch' };
    expect(await verifyStore(store)).toMatchObject({ ok: false, firstBroken: expected });
    expect((await verifyStream(store, 'employee-E1')).firstBroken).toMatchObject(expected);
  });

  it('catches a changed recordedAt (backdating)', async () => {
    edit(
      "UPDATE events SET metadata = json_set(metadata, '$.recordedAt', '2020-01-01T00:00:00.000Z') WHERE stream = 'offboarding-C-E2' AND revision = 0",
    );
    expect((await verifyStore(store)).firstBroken).toMatchObject({ stream: 'offboarding-C-E2', revision: 0 });
  });

  it('catches a deleted event in the middle', async () => {
    edit("DELETE FROM events WHERE stream = 'insurance-E1' AND revision = 2");
    const expected = { stream: 'insurance-E1', revision: 2, problem: 'unexpected_revision' };
    expect(await verifyStore(store)).toMatchObject({ ok: false, firstBroken: expected });
    expect((await verifyStream(store, 'insurance-E1')).firstBroken).toMatchObject(expected);
  });

  it('catches a reordered event (two rows with their revisions swapped)', async () => {
    db.transaction(() => {
      edit("UPDATE events SET revision = -1 WHERE stream = 'insurance-E2' AND revision = 4");
      edit("UPDATE events SET revision = 4 WHERE stream = 'insurance-E2' AND revision = 5");
      edit("UPDATE events SET revision = 5 WHERE stream = 'insurance-E2' AND revision = -1");
    })();
    const expected = { stream: 'insurance-E2', revision: 4 };
    expect(await verifyStore(store)).toMatchObject({ ok: false, firstBroken: expected });
    expect(await verifyStream(store, 'insurance-E2')).toMatchObject({
      ok: false,
      firstBroken: { ...expected, problem: 'prev_hash_mismatch' },
    });
  });

  it('catches an event moved to another stream', async () => {
    edit("UPDATE events SET stream = 'insurance-E2', revision = 100 WHERE stream = 'insurance-E1' AND revision = 6");
    // The moved event was insurance-E1's last: only the stream it landed in shows it.
    expect((await verifyStore(store)).firstBroken).toMatchObject({ stream: 'insurance-E2', revision: 7, problem: 'unexpected_revision' });
  });

  it('catches two events of a stream swapped in the global log (positions exchanged)', async () => {
    const positions = db
      .prepare("SELECT position FROM events WHERE stream = 'insurance-E1' AND revision IN (2, 3) ORDER BY revision")
      .pluck()
      .all() as number[];
    db.transaction(() => {
      edit('UPDATE events SET position = -1 WHERE position = ?', positions[0]);
      edit('UPDATE events SET position = ? WHERE position = ?', positions[0], positions[1]);
      edit('UPDATE events SET position = ? WHERE position = -1', positions[1]);
    })();
    const expected = { stream: 'insurance-E1', revision: 3, problem: 'out_of_log_order' };
    expect(await verifyStore(store)).toMatchObject({ ok: false, firstBroken: expected });
  });

  it('reports the break that comes first in the log when several streams are broken', async () => {
    edit("UPDATE events SET data = json_set(data, '$.orgUnit', 'Sales') WHERE stream = 'employee-E2' AND revision = 0");
    edit("UPDATE events SET data = json_set(data, '$.base', 1) WHERE stream = 'insurance-E1' AND revision = 1");
    expect((await verifyStore(store)).firstBroken).toMatchObject({ stream: 'insurance-E1', revision: 1 });
  });

  /** An attacker who knows the hash chain: changes one event, then recomputes every later hash of the stream. */
  const editAndRehashForward = (stream: string, revision: number, change: (data: Record<string, unknown>) => void) => {
    const rows = db
      .prepare('SELECT position, id, type, schema_version, data, metadata FROM events WHERE stream = ? AND revision >= ? ORDER BY revision')
      .all(stream, revision) as Array<Record<string, string | number>>;
    let prevHash = (rows[0] && JSON.parse(rows[0].metadata as string).prevHash) as string | null;
    rows.forEach((row, i) => {
      const data = JSON.parse(row.data as string);
      if (i === 0) change(data);
      const metadata = { ...JSON.parse(row.metadata as string), prevHash };
      metadata.hash = hashEvent({
        id: row.id as string,
        type: row.type as string,
        schemaVersion: Number(row.schema_version),
        data,
        metadata,
      });
      prevHash = metadata.hash;
      edit('UPDATE events SET data = ?, metadata = ? WHERE position = ?', JSON.stringify(data), JSON.stringify(metadata), row.position);
    });
  };

  /** The thorough attacker also closes the gap a deletion leaves: later positions moved down, AUTOINCREMENT's mark lowered. */
  const deleteAndCloseGap = (stream: string, fromRevision = 0) => {
    const positions = db
      .prepare('SELECT position FROM events WHERE stream = ? AND revision >= ? ORDER BY position DESC')
      .pluck()
      .all(stream, fromRevision) as number[];
    db.transaction(() => {
      for (const position of positions) {
        edit('DELETE FROM events WHERE position = ?', position);
        const later = db.prepare('SELECT position FROM events WHERE position > ? ORDER BY position').pluck().all(position) as number[];
        for (const p of later) edit('UPDATE events SET position = ? WHERE position = ?', p - 1, p);
        edit("UPDATE sqlite_sequence SET seq = seq - 1 WHERE name = 'events'");
      }
    })();
  };

  it('finds a deleted LAST event of a stream: its position in the log holds nothing', async () => {
    const position = db.prepare("SELECT position FROM events WHERE stream = 'insurance-E1' AND revision = 6").pluck().get() as number;
    edit("DELETE FROM events WHERE stream = 'insurance-E1' AND revision = 6");
    expect(await verifyStore(store)).toMatchObject({
      ok: false,
      firstBroken: { stream: '$all', revision: position, reason: 'position_gap' },
    });
  });

  it('finds deleted events at the very end of the log: positions were handed out beyond it', async () => {
    const last = db.prepare('SELECT MAX(position) FROM events').pluck().get() as number;
    edit('DELETE FROM events WHERE position = ?', last);
    expect((await verifyStore(store)).firstBroken).toMatchObject({ stream: '$all', revision: last, reason: 'position_gap' });
  });

  it('finds a deleted case stream although the archive still reserves it', async () => {
    edit("DELETE FROM events WHERE stream = 'offboarding-C-E1'");
    const report = await verifyStore(store);
    expect(report).toMatchObject({ ok: false, firstBroken: { stream: '$all', reason: 'position_gap' } });
    expect(report.warnings).toEqual([expect.stringContaining('employee-E1 revision 2 (OffboardingCaseReserved) names offboarding-C-E1')]);
  });

  it('finds a deleted case stream that a later event of the archive names, also with the gap closed', async () => {
    // The case's release in the archive can only follow the case: the reference is certain.
    const [last] = await store.readStream('employee-E1', { direction: 'backwards', maxCount: 1 });
    const context = {
      actor: { id: 'pm', role: 'system' },
      recordedAt: new Date('2024-06-02T00:00:00Z'),
      correlationId: 'c-release',
      source: 'process-manager' as const,
    };
    const released = toEnvelopes(
      'employee-E1',
      [{ type: 'OffboardingCaseReleased', data: { employeeId: 'E1', caseId: 'C-E1', outcome: 'cancelled' } }],
      context,
      last.metadata.hash as string,
      employeeEvents.versionOf,
    );
    await store.appendToStream('employee-E1', last.revision, released);
    expect((await verifyStore(store)).ok).toBe(true);
    deleteAndCloseGap('offboarding-C-E1');
    expect(await verifyStore(store)).toMatchObject({
      ok: false,
      firstBroken: { stream: 'offboarding-C-E1', revision: 0, reason: 'missing_stream' },
    });
  });

  describe('with a signed checkpoint of the chain heads', () => {
    const key = () => loadOrCreateSigningKey(dir);
    const verify = () => verifyStore(store, { publicKeyPem: key().publicKeyPem });
    beforeEach(async () => {
      await takeCheckpoint(store, store, key(), new Date('2024-06-01T10:00:00Z'));
    });

    it('verifies a clean store against it', async () => {
      expect(await verify()).toMatchObject({ ok: true, firstBroken: null, checkpoint: { takenAt: '2024-06-01T10:00:00.000Z' } });
    });

    it('finds an edit whose chain was re-hashed forward', async () => {
      editAndRehashForward('insurance-E1', 3, (data) => (data.base = 99999));
      expect((await verifyStream(store, 'insurance-E1')).ok).toBe(true);
      expect(await verify()).toMatchObject({ ok: false, firstBroken: { stream: CHECKPOINT_STREAM, reason: 'checkpoint_mismatch' } });
    });

    it('finds a stream shorter than checkpointed, with the gap closed', async () => {
      deleteAndCloseGap('insurance-E1', 6);
      expect(await verify()).toMatchObject({ ok: false, firstBroken: { stream: CHECKPOINT_STREAM, reason: 'checkpoint_mismatch' } });
    });

    it('refuses to take the next checkpoint over a store changed since the last one', async () => {
      editAndRehashForward('employee-E2', 0, (data) => (data.orgUnit = 'Sales'));
      await expect(takeCheckpoint(store, store, key(), new Date('2024-06-01T11:00:00Z'))).rejects.toThrow(/no longer match/);
    });

    it('does not trust a checkpoint signed with another key', async () => {
      const other = loadOrCreateSigningKey(mkdtempSync(join(tmpdir(), 'ledger-other-key-')));
      editAndRehashForward('insurance-E2', 2, (data) => (data.base = 1));
      // The attacker appends a checkpoint of the edited store, signed with a key of their own.
      const position = await store.headPosition();
      const heads = await headsAt(store, position);
      const forged = signCheckpoint(
        {
          format: CHECKPOINT_FORMAT,
          position: position.toString(),
          streams: heads.streams,
          events: heads.events,
          digest: heads.digest(),
          takenAt: '2024-06-01T12:00:00.000Z',
          previous: null,
        },
        other,
      );
      const [last] = await store.readStream(CHECKPOINT_STREAM, { direction: 'backwards', maxCount: 1 });
      const context = {
        actor: { id: 'mallory', role: 'system' },
        recordedAt: new Date(),
        correlationId: 'forged',
        source: 'system' as const,
      };
      await store.appendToStream(
        CHECKPOINT_STREAM,
        last.revision,
        toEnvelopes(
          CHECKPOINT_STREAM,
          [{ type: CHECKPOINT_EVENT, data: forged }],
          context,
          last.metadata.hash as string,
          () => CHECKPOINT_SCHEMA_VERSION,
        ),
      );
      expect((await verify()).firstBroken).toMatchObject({ stream: CHECKPOINT_STREAM, reason: 'checkpoint_invalid' });
    });
  });
});

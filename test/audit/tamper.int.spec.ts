import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyStore, verifyStream } from '../../src/audit/store-verification';
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
    expect(await verifyStore(store)).toEqual({ ok: true, streamsChecked: streams, eventsChecked: total, firstBroken: null });
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
    edit("UPDATE events SET data = json_set(data, '$.sealed.tag', 'AAAAAAAAAAAAAAAAAAAAAA==') WHERE stream = 'employee-E2' AND revision = 1");
    expect((await verifyStore(store)).firstBroken).toMatchObject({ stream: 'employee-E2', revision: 1, problem: 'hash_mismatch' });
  });

  it('catches a changed metadata field', async () => {
    edit("UPDATE events SET metadata = json_set(metadata, '$.actor.id', 'mallory') WHERE stream = 'employee-E1' AND revision = 1");
    const expected = { stream: 'employee-E1', revision: 1, problem: 'hash_mismatch' };
    expect(await verifyStore(store)).toMatchObject({ ok: false, firstBroken: expected });
    expect((await verifyStream(store, 'employee-E1')).firstBroken).toMatchObject(expected);
  });

  it('catches a changed recordedAt (backdating)', async () => {
    edit("UPDATE events SET metadata = json_set(metadata, '$.recordedAt', '2020-01-01T00:00:00.000Z') WHERE stream = 'offboarding-C-E2' AND revision = 0");
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
    expect(await verifyStream(store, 'insurance-E2')).toMatchObject({ ok: false, firstBroken: { ...expected, problem: 'prev_hash_mismatch' } });
  });

  it('catches an event moved to another stream', async () => {
    edit("UPDATE events SET stream = 'insurance-E2', revision = 100 WHERE stream = 'insurance-E1' AND revision = 6");
    // The moved event was insurance-E1's last: only the stream it landed in shows it.
    expect((await verifyStore(store)).firstBroken).toMatchObject({ stream: 'insurance-E2', revision: 7, problem: 'unexpected_revision' });
  });

  it('catches two events of a stream swapped in the global log (positions exchanged)', async () => {
    const positions = db.prepare("SELECT position FROM events WHERE stream = 'insurance-E1' AND revision IN (2, 3) ORDER BY revision").pluck().all() as number[];
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

  it('does not see a deleted LAST event from the store alone (documented; evidence packages keep signed heads)', async () => {
    edit("DELETE FROM events WHERE stream = 'insurance-E1' AND revision = 6");
    expect((await verifyStore(store)).ok).toBe(true);
  });
});

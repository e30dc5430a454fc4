import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyStore, verifyStream } from '../../src/audit/store-verification';
import { employeeDecider } from '../../src/domain/employee/employee.decider';
import { employeeStream } from '../../src/domain/shared/streams';
import { handleCommand, loadState } from '../../src/event-sourcing/command-handler';
import { hashEvent } from '../../src/event-sourcing/hash-chain';
import { EventToAppend } from '../../src/infrastructure/event-store/event-store.port';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';

const actor = { id: 'hr-1', role: 'hr_specialist' };

/**
 * An archive as the code before MonthlyPayRecorded version 2 wrote it: every
 * envelope at schemaVersion 1, the March correction's replaced amount under
 * `corrects`, each hash chained to the previous one (hash-chain.ts).
 */
function archiveWrittenByVersion1(): EventToAppend[] {
  const rows = [
    {
      id: '0190c4a2-7b1e-7000-8000-0000000000a1',
      type: 'EmployeeHired',
      data: {
        employeeId: 'E1',
        orgUnit: 'Finance',
        category: 'enterprise_regular',
        region: 'shanghai',
        hireDate: '2020-01-06',
        monthlyWage: 12000,
        position: null,
      },
      effectiveDate: '2020-01-06',
    },
    {
      id: '0190c4a2-7b1e-7000-8000-0000000000a2',
      type: 'MonthlyPayRecorded',
      data: { employeeId: 'E1', month: '2024-03', amount: 21500, corrects: null },
      effectiveDate: '2024-03-01',
    },
    {
      id: '0190c4a2-7b1e-7000-8000-0000000000a3',
      type: 'MonthlyPayRecorded',
      data: { employeeId: 'E1', month: '2024-03', amount: 22000, corrects: 21500, note: 'rerun' },
      effectiveDate: '2024-03-01',
    },
  ];
  let prevHash: string | null = null;
  return rows.map(({ id, type, data, effectiveDate }) => {
    const metadata: Record<string, unknown> = {
      actor,
      recordedAt: '2024-04-10T08:00:00.000Z',
      effectiveDate,
      correlationId: id,
      causationId: id,
      source: 'api',
      prevHash,
    };
    const envelope = { id, type, schemaVersion: 1, data, metadata };
    prevHash = hashEvent(envelope);
    return { ...envelope, metadata: { ...metadata, hash: prevHash } };
  });
}

describe('reading events written at an older schema version', () => {
  let dir: string;
  let store: SqliteEventStore;
  let db: Database.Database;
  const storedRows = () => db.prepare('SELECT revision, type, schema_version, data, metadata FROM events ORDER BY position').all();

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-upcast-'));
    store = new SqliteEventStore({ file: join(dir, 'events.db') });
    await store.appendToStream(employeeStream('E1'), 'no_stream', archiveWrittenByVersion1());
    db = new Database(join(dir, 'events.db'), { readonly: true });
  });
  afterEach(async () => {
    db.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('folds version 1 MonthlyPayRecorded into the state as version 2 would', async () => {
    const archive = await loadState(store, employeeStream('E1'), employeeDecider);
    expect(archive).toMatchObject({ status: 'employed', monthlyPay: { '2024-03': 22000 } });
  });

  it('leaves the stored rows byte for byte as written, and the hash chain verifying, after reading them', async () => {
    const before = storedRows();
    expect(before.map((r) => (r as { schema_version: number }).schema_version)).toEqual([1, 1, 1]);
    await loadState(store, employeeStream('E1'), employeeDecider);
    expect(storedRows()).toEqual(before);
    expect(JSON.parse((before[2] as { data: string }).data)).toEqual({
      employeeId: 'E1',
      month: '2024-03',
      amount: 22000,
      corrects: 21500,
      note: 'rerun',
    });
    expect(await verifyStream(store, employeeStream('E1'))).toMatchObject({ ok: true, eventsChecked: 3, firstBroken: null });
    expect(await verifyStore(store)).toMatchObject({ ok: true, eventsChecked: 3 });
  });

  it('decides on the upcast state and writes the next correction at version 2, chained to the version 1 events', async () => {
    const context = { actor, recordedAt: new Date('2024-05-10T08:00:00Z'), correlationId: 'c-pay', source: 'api' as const };
    const result = await handleCommand(
      store,
      employeeStream('E1'),
      employeeDecider,
      { type: 'RecordMonthlyPay', data: { month: '2024-03', amount: 22500, today: '2024-05-10' } },
      context,
    );
    expect(result.events).toEqual([
      expect.objectContaining({
        type: 'MonthlyPayRecorded',
        data: { employeeId: 'E1', month: '2024-03', amount: 22500, previousAmount: 22000 },
      }),
    ]);
    const [written] = await store.readStream(employeeStream('E1'), { direction: 'backwards', maxCount: 1 });
    expect(written).toMatchObject({ schemaVersion: 2, data: { previousAmount: 22000 } });
    expect(written.data).not.toHaveProperty('corrects');
    expect(await verifyStream(store, employeeStream('E1'))).toMatchObject({ ok: true, eventsChecked: 4 });
  });

  it('refuses to fold a MonthlyPayRecorded of a version newer than this code knows', async () => {
    const [last] = await store.readStream(employeeStream('E1'), { direction: 'backwards', maxCount: 1 });
    const metadata: Record<string, unknown> = {
      actor,
      recordedAt: '2024-05-10T08:00:00.000Z',
      effectiveDate: '2024-04-01',
      correlationId: 'c',
      causationId: 'c',
      source: 'api',
      prevHash: last.metadata.hash,
    };
    const future = {
      id: '0190c4a2-7b1e-7000-8000-0000000000a4',
      type: 'MonthlyPayRecorded',
      schemaVersion: 3,
      data: { employeeId: 'E1', month: '2024-04', owed: { yuan: 22000 } },
      metadata,
    };
    await store.appendToStream(employeeStream('E1'), last.revision, [{ ...future, metadata: { ...metadata, hash: hashEvent(future) } }]);
    await expect(loadState(store, employeeStream('E1'), employeeDecider)).rejects.toMatchObject({
      code: 'UNKNOWN_SCHEMA_VERSION',
      eventType: 'MonthlyPayRecorded',
      schemaVersion: 3,
    });
  });
});

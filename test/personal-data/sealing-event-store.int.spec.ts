import { Logger } from '@nestjs/common';
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmployeeCommand } from '../../src/domain/employee/employee.commands';
import { employeeDecider } from '../../src/domain/employee/employee.decider';
import { handleCommand, loadState } from '../../src/event-sourcing/command-handler';
import { CommandContext } from '../../src/event-sourcing/envelope';
import { hashEvent } from '../../src/event-sourcing/hash-chain';
import { EventStore, RecordedEvent, StoreUnavailableError } from '../../src/infrastructure/event-store/event-store.port';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { KeyStore, PersonalDataKeyDestroyedError } from '../../src/infrastructure/key-store/key-store.port';
import { SqliteKeyStore } from '../../src/infrastructure/key-store/sqlite/sqlite-key-store';
import { SealingEventStore } from '../../src/personal-data/sealing-event-store';
import { anEvent, eventStoreContract } from '../infrastructure/event-store/event-store.contract';
import { employeeStream } from '../../src/domain/shared/streams';

const NAME = '欧阳娜娜';
const ID_NUMBER = '11010519491231002X';
const PHONE = '13800000000';
const EMAIL = 'nana.ouyang@example.com';
const ADDRESS = '上海市浦东新区世纪大道100号';
const SECRETS = [NAME, ID_NUMBER, PHONE, EMAIL, ADDRESS];

const dir = mkdtempSync(join(tmpdir(), 'sealing-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

const context: CommandContext = {
  actor: { id: 'hr-1', role: 'hr_specialist' },
  recordedAt: new Date('2024-05-10T08:00:00Z'),
  correlationId: 'corr-1',
  source: 'api',
};
const hire = (employeeId: string): EmployeeCommand => ({
  type: 'HireEmployee',
  data: {
    employeeId,
    name: NAME,
    idNumber: ID_NUMBER,
    orgUnit: 'Finance',
    category: 'enterprise_regular',
    region: 'shanghai',
    hireDate: '2020-01-06',
    monthlyWage: 12000,
    today: '2024-05-10',
    contact: { phone: PHONE, email: EMAIL, address: ADDRESS },
  },
});

/** The chain as an auditor checks it: over the stored envelopes, each hash recomputed and linked to the previous one. */
function expectChainVerifies(stored: RecordedEvent[]): void {
  let previous: unknown = null;
  for (const e of stored) {
    expect(e.metadata.prevHash).toBe(previous);
    expect(hashEvent(e)).toBe(e.metadata.hash);
    previous = e.metadata.hash;
  }
}

const personalDataOf = (events: RecordedEvent[]) => events.filter((e) => e.type === 'PersonalDataRecorded').map((e) => e.data);

eventStoreContract('sealing decorator over SQLite', () => ({
  open: async () =>
    new SealingEventStore(
      new SqliteEventStore({ file: join(dir, `contract-${++n}.db`) }),
      new SqliteKeyStore(join(dir, `contract-keys-${n}.db`)),
    ),
  dispose: (store: EventStore) => store.close(),
}));

describe('SealingEventStore (crypto-shredding of personal data)', () => {
  let file: string;
  let raw: SqliteEventStore;
  let keys: SqliteKeyStore;
  let store: SealingEventStore;
  let employeeId: string;
  const stream = () => employeeStream(employeeId);

  beforeEach(async () => {
    file = join(dir, `events-${++n}.db`);
    raw = new SqliteEventStore({ file });
    keys = new SqliteKeyStore(join(dir, `keys-${n}.db`));
    store = new SealingEventStore(raw, keys);
    employeeId = `E${n}`;
    await handleCommand(store, stream(), employeeDecider, hire(employeeId), context);
  });
  afterEach(() => store.close());

  it('stores no name, ID number or contact data in plaintext: not in the rows, not anywhere in the files', async () => {
    const db = new Database(file, { readonly: true });
    try {
      const rows = db.prepare('SELECT type, data, metadata FROM events').all() as Array<{ type: string; data: string; metadata: string }>;
      expect(rows.map((r) => r.type)).toEqual(['EmployeeHired', 'PersonalDataRecorded']);
      expect(JSON.parse(rows[1].data)).toEqual({
        employeeId,
        sealed: { alg: 'A256GCM', iv: expect.any(String), tag: expect.any(String), ciphertext: expect.any(String) },
      });
      const sealed = JSON.parse(rows[1].data).sealed;
      expect(Buffer.from(sealed.iv, 'base64')).toHaveLength(12);
      expect(Buffer.from(sealed.tag, 'base64')).toHaveLength(16);
      for (const row of rows) for (const secret of SECRETS) expect(`${row.data}${row.metadata}`).not.toContain(secret);
    } finally {
      db.close();
    }
    // The database file and its WAL, byte by byte.
    for (const name of readdirSync(dir).filter((f) => f.startsWith(`events-${n}.db`))) {
      const bytes = readFileSync(join(dir, name));
      for (const secret of SECRETS) expect(bytes.includes(Buffer.from(secret, 'utf8'))).toBe(false);
    }
  });

  it('opens the personal data on every read: readStream, readAll and subscribeToAll', async () => {
    const expected = { employeeId, name: NAME, idNumber: ID_NUMBER, contact: { phone: PHONE, email: EMAIL, address: ADDRESS } };
    expect(personalDataOf(await store.readStream(stream()))).toEqual([expected]);
    expect(personalDataOf(await store.readStream(stream(), { direction: 'backwards', maxCount: 1 }))).toEqual([expected]);
    expect(personalDataOf(await store.readAll())).toEqual([expected]);
    const sub = store.subscribeToAll();
    const seen: RecordedEvent[] = [];
    for await (const e of sub) {
      seen.push(e);
      if (seen.length === 2) break;
    }
    await sub.close();
    expect(personalDataOf(seen)).toEqual([expected]);
    expect(await loadState(store, stream(), employeeDecider)).toMatchObject({ personalData: { name: NAME, idNumber: ID_NUMBER } });
  });

  it('passes everything but the personal data through unchanged: ids, positions and metadata, hashes included', async () => {
    const read = await store.readStream(stream());
    const stored = await raw.readStream(stream());
    expect(read.map(({ data: _d, ...rest }) => rest)).toEqual(stored.map(({ data: _d, ...rest }) => rest));
    expect(read[0]).toEqual(stored[0]);
  });

  it('hashes the stored form: every stream’s chain recomputes over the stored envelopes, also across later commands', async () => {
    await handleCommand(
      store,
      stream(),
      employeeDecider,
      { type: 'SignContract', data: { contractId: 'C1', contractType: 'open_ended', startDate: '2020-01-06', today: '2024-05-10' } },
      context,
    );
    await handleCommand(
      store,
      stream(),
      employeeDecider,
      { type: 'UpdatePersonalData', data: { contact: { phone: '13900000000' } } },
      context,
    );
    const stored = await raw.readStream(stream());
    expect(stored.map((e) => e.type)).toEqual(['EmployeeHired', 'PersonalDataRecorded', 'ContractSigned', 'PersonalDataRecorded']);
    expectChainVerifies(stored);
  });

  it('leaves events without personal data exactly as given', async () => {
    const other = anEvent('ContractSigned', { employeeId, contractId: 'C9' });
    await store.appendToStream('employee-other', 'no_stream', [other]);
    const [stored] = await raw.readStream('employee-other');
    expect({ id: stored.id, type: stored.type, schemaVersion: stored.schemaVersion, data: stored.data, metadata: stored.metadata }).toEqual(
      other,
    );
  });

  describe('once the key is destroyed', () => {
    beforeEach(async () => {
      await handleCommand(store, stream(), employeeDecider, { type: 'UpdatePersonalData', data: { name: '欧阳娜' } }, context);
      await keys.destroy(employeeId);
    });

    it('reads every PersonalDataRecorded as erased, on every read', async () => {
      const erased = { employeeId, erased: true, name: null, idNumber: null, contact: null };
      expect(personalDataOf(await store.readStream(stream()))).toEqual([erased, erased]);
      expect(personalDataOf(await store.readAll())).toEqual([erased, erased]);
      const sub = store.subscribeToAll();
      const seen: RecordedEvent[] = [];
      for await (const e of sub) {
        seen.push(e);
        if (seen.length === 3) break;
      }
      await sub.close();
      expect(personalDataOf(seen)).toEqual([erased, erased]);
      expect(await loadState(store, stream(), employeeDecider)).toMatchObject({ personalData: null });
    });

    it('still verifies the chain over the stored envelopes, and passes the stored hashes through', async () => {
      const stored = await raw.readStream(stream());
      expectChainVerifies(stored);
      expect((await store.readStream(stream())).map((e) => e.metadata)).toEqual(stored.map((e) => e.metadata));
    });

    it('refuses to seal new personal data for that employee, and stores nothing', async () => {
      const sneaked = anEvent('PersonalDataRecorded', { employeeId, name: NAME, idNumber: ID_NUMBER, contact: {} });
      await expect(store.appendToStream(stream(), 'any', [sneaked])).rejects.toBeInstanceOf(PersonalDataKeyDestroyedError);
      expect(await raw.readStream(stream())).toHaveLength(3);
    });
  });

  describe('when the stored ciphertext is altered', () => {
    let warn: jest.SpyInstance;
    beforeEach(() => {
      warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    });
    afterEach(() => warn.mockRestore());

    /**
     * Changes the stored data of the stream's event at `revision` behind the service's back, from another
     * connection: the store sees it from the next turn of the event loop (sqlite-event-store.ts).
     */
    async function tamper(revision: number, change: (data: any, db: Database.Database) => unknown): Promise<void> {
      const db = new Database(file);
      try {
        const row = db.prepare('SELECT data FROM events WHERE stream = ? AND revision = ?').get(stream(), revision) as { data: string };
        db.prepare('UPDATE events SET data = ? WHERE stream = ? AND revision = ?').run(
          JSON.stringify(change(JSON.parse(row.data), db)),
          stream(),
          revision,
        );
      } finally {
        db.close();
      }
      await new Promise(setImmediate);
    }

    it('reads it as tampered (not as erased), logs the event without any personal data, and the chain fails there', async () => {
      await tamper(1, (data) => {
        const bytes = Buffer.from(data.sealed.ciphertext, 'base64');
        bytes[0] ^= 0x01;
        return { ...data, sealed: { ...data.sealed, ciphertext: bytes.toString('base64') } };
      });
      const [, personal] = await store.readStream(stream());
      expect(personal.data).toEqual({ employeeId, tampered: true, name: null, idNumber: null, contact: null });
      expect(warn).toHaveBeenCalledTimes(1);
      const logged = JSON.stringify(warn.mock.calls);
      expect(logged).toContain(personal.id);
      expect(logged).toMatch(/tampered/);
      for (const secret of SECRETS) expect(logged).not.toContain(secret);
      // The auditor's check catches it too: the hash covers the stored ciphertext.
      const [, stored] = await raw.readStream(stream());
      expect(hashEvent(stored)).not.toBe(stored.metadata.hash);
    });

    it('reads a sealed block moved from another event as tampered: the event id is authenticated with it', async () => {
      await handleCommand(store, stream(), employeeDecider, { type: 'UpdatePersonalData', data: { name: '别人' } }, context);
      const [, , later] = await raw.readStream(stream());
      await tamper(1, (data) => ({ ...data, sealed: (later.data as { sealed: unknown }).sealed }));
      const personal = personalDataOf(await store.readStream(stream()));
      expect(personal[0]).toMatchObject({ tampered: true, name: null });
      expect(personal[1]).toMatchObject({ name: '别人' });
    });
  });

  describe('when the key store cannot be reached', () => {
    const down = new StoreUnavailableError('key store', new Error('connection refused'));
    const unreachable: KeyStore = {
      getOrCreate: () => Promise.reject(down),
      get: () => Promise.reject(down),
      destroy: () => Promise.reject(down),
      ping: () => Promise.reject(down),
      close: async () => undefined,
    };

    it('fails the read instead of taking the data for erased', async () => {
      const cut = new SealingEventStore(raw, unreachable);
      await expect(cut.readStream(stream())).rejects.toBe(down);
      await expect(cut.readAll()).rejects.toBe(down);
      await expect(cut.ping()).rejects.toBe(down);
    });

    it('appends no personal data it could not seal', async () => {
      const cut = new SealingEventStore(raw, unreachable);
      await expect(
        handleCommand(cut, stream(), employeeDecider, { type: 'UpdatePersonalData', data: { name: '别人' } }, context),
      ).rejects.toBe(down);
      expect(await raw.readStream(stream())).toHaveLength(2);
    });
  });
});

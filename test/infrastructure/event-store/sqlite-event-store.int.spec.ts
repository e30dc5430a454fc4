import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { EventStore } from '../../../src/infrastructure/event-store/event-store.port';
import { eventStoreContract } from './event-store.contract';

const dir = mkdtempSync(join(tmpdir(), 'es-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

eventStoreContract('sqlite', () => ({
  open: async () => new SqliteEventStore({ file: join(dir, `events-${++n}.db`) }),
  dispose: (store: EventStore) => store.close(),
  openWithPositionsFrom: async (start) => new SqliteEventStore({ file: join(dir, `events-${++n}.db`), firstPosition: start }),
}));

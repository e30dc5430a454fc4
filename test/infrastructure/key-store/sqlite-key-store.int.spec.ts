import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteKeyStore } from '../../../src/infrastructure/key-store/sqlite/sqlite-key-store';
import { StoreUnavailableError } from '../../../src/infrastructure/event-store/event-store.port';
import { watchThreadStops } from '../../support/thread-stops';
import { keyStoreContract } from './key-store.contract';

const dir = mkdtempSync(join(tmpdir(), 'key-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const newFile = () => join(dir, `keys-${++files}.db`);

const shared = newFile();
keyStoreContract('SQLite (file)', () => ({
  open: async () => new SqliteKeyStore(shared),
  dispose: (store) => store.close(),
}));

describe('SqliteKeyStore', () => {
  it('keeps keys across reopening the file', async () => {
    const file = newFile();
    const first = new SqliteKeyStore(file);
    const key = await first.getOrCreate('E1');
    await first.destroy('E2');
    await first.close();
    const reopened = new SqliteKeyStore(file);
    try {
      expect(await reopened.get('E1')).toEqual(key);
      await expect(reopened.getOrCreate('E2')).rejects.toMatchObject({ code: 'PERSONAL_DATA_ERASED' });
    } finally {
      await reopened.close();
    }
  });

  it('leaves no byte of a destroyed key in the file, its free pages or a journal', async () => {
    const file = newFile();
    const store = new SqliteKeyStore(file);
    // Enough keys to fill several pages, so that the destroyed ones sit among live ones.
    const keys = new Map<string, Buffer>();
    for (let i = 0; i < 300; i++) keys.set(`E${i}`, await store.getOrCreate(`E${i}`));
    const destroyed = ['E0', 'E150', 'E299'];
    for (const employee of destroyed) await store.destroy(employee);
    await store.close();

    const siblings = readdirSync(dir).filter((name) => name.startsWith(file.slice(dir.length + 1)));
    // journal_mode=DELETE: no WAL keeping old page images, no journal left once a transaction committed.
    expect(siblings).toEqual([file.slice(dir.length + 1)]);
    const bytes = readFileSync(file);
    for (const employee of destroyed) expect(bytes.includes(keys.get(employee)!)).toBe(false);
    // The search can find a key: the live ones are there.
    expect(bytes.includes(keys.get('E1')!)).toBe(true);
  });

  it('is a file of its own, in rollback-journal mode', async () => {
    const file = newFile();
    await new SqliteKeyStore(file).close();
    const raw = new Database(file, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('delete');
      expect(raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all()).toEqual([
        'destroyed_keys',
        'personal_data_keys',
      ]);
    } finally {
      raw.close();
    }
    expect(existsSync(file)).toBe(true);
  });

  describe('while another connection holds the file (an import in another process)', () => {
    it('waits on timers, not in SQLite, and makes what was asked meanwhile in the order asked once the lock is free', async () => {
      const file = newFile();
      const store = new SqliteKeyStore(file);
      const other = new Database(file);
      const stops = watchThreadStops();
      try {
        const key = await store.getOrCreate('E1');
        other.exec('BEGIN EXCLUSIVE'); // a rollback journal's commit: readers are shut out too
        stops.restart();
        const asked = [store.getOrCreate('E2'), store.get('E1'), store.destroy('E2'), store.getOrCreate('E2')];
        await store.ping(); // takes no lock: not queued behind them
        let ticked = false;
        await new Promise((resolve) => setTimeout(resolve, 100)).then(() => (ticked = true));
        expect(ticked).toBe(true);
        other.exec('COMMIT');
        const [created, read, destroyed, again] = await Promise.allSettled(asked);
        expect(created).toMatchObject({ status: 'fulfilled', value: expect.any(Buffer) });
        expect(read).toEqual({ status: 'fulfilled', value: key });
        expect(destroyed.status).toBe('fulfilled');
        // Asked after the destruction, so made after it.
        expect(again).toMatchObject({ status: 'rejected', reason: { code: 'PERSONAL_DATA_ERASED' } });
        await new Promise((resolve) => setTimeout(resolve, 20));
        expect(stops.longest()).toBeLessThan(200);
      } finally {
        stops.stop();
        other.close();
        await store.close();
      }
    });

    it('refuses what waited longer than busyWaitMs as unavailable (503) without stopping the thread, and serves again after', async () => {
      const file = newFile();
      const store = new SqliteKeyStore(file, 400);
      const other = new Database(file);
      const stops = watchThreadStops();
      try {
        await store.getOrCreate('E1');
        other.exec('BEGIN EXCLUSIVE');
        const started = Date.now();
        stops.restart();
        const outcomes = await Promise.allSettled([store.getOrCreate('E2'), store.get('E1')]);
        expect(outcomes.map((o) => o.status === 'rejected' && o.reason instanceof StoreUnavailableError)).toEqual([true, true]);
        expect(Date.now() - started).toBeGreaterThanOrEqual(400);
        await new Promise((resolve) => setTimeout(resolve, 20)); // the watcher's turn after the last wait
        expect(stops.longest()).toBeLessThan(200);
        other.exec('COMMIT');
        expect(await store.getOrCreate('E2')).toHaveLength(32);
      } finally {
        stops.stop();
        other.close();
        await store.close();
      }
    });
  });
});

import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** The data directory's SQLite files, by store. */
const STORES = { 'event store': 'events.db', 'read store': 'read-models.db', 'key store': 'keys.db' } as const;
type Store = keyof typeof STORES;

export interface StoreSize {
  file: string;
  /** The file and its -wal, as on disk. */
  mib: number;
  walMiB: number;
  /** Pages on SQLite's free list (inside `mib`): space the file holds but no table uses. */
  freeMiB: number;
}

export type StoreSizes = Record<Store, StoreSize>;

const MIB = 2 ** 20;

export function storeSizes(dataDir: string): StoreSizes {
  return Object.fromEntries(
    Object.entries(STORES).map(([store, file]) => {
      const path = join(dataDir, file);
      const bytes = existsSync(path) ? statSync(path).size : 0;
      const wal = existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0;
      return [store, { file, mib: (bytes + wal) / MIB, walMiB: wal / MIB, freeMiB: bytes > 0 ? freeBytes(path) / MIB : 0 }];
    }),
  ) as StoreSizes;
}

/** Read-only: a read-only connection never checkpoints, so looking does not change the sizes. */
function freeBytes(path: string): number {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return (db.pragma('freelist_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
  } finally {
    db.close();
  }
}

/** One line: each store's file with its -wal, and what of it is free pages. */
export function describeSizes(sizes: StoreSizes): string {
  return Object.values(sizes)
    .map((s) => `${s.file} ${s.mib.toFixed(1)} MiB (wal ${s.walMiB.toFixed(1)}, free pages ${s.freeMiB.toFixed(1)})`)
    .join(', ');
}

/** The target: the read models take no more room than the log they are made from. */
export function readStoreWithinEventStore(sizes: StoreSizes): string {
  const read = sizes['read store'].mib;
  const events = sizes['event store'].mib;
  return `read store ${read.toFixed(1)} MiB <= event store ${events.toFixed(1)} MiB: ${read <= events ? 'yes' : 'NO'} (x${(read / events).toFixed(2)})`;
}

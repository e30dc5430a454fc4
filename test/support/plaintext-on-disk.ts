import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Every file under `dir` (databases, their -wal/-shm/-journal, keys, secrets, logs)
 * that holds one of `secrets` byte for byte, as `file: secret`. Byte-wise, as
 * `grep -a` would find it: SQLite stores TEXT as UTF-8, so a name held in any page,
 * free page or WAL frame shows.
 */
export function plaintextOnDisk(dir: string, secrets: string[]): string[] {
  const found: string[] = [];
  for (const file of filesUnder(dir)) {
    const bytes = readFileSync(file);
    for (const secret of secrets) if (bytes.includes(Buffer.from(secret, 'utf8'))) found.push(`${relative(dir, file)}: ${secret}`);
  }
  return found;
}

export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

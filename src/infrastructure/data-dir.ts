import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * DATA_DIR holds every employee's AES key (keys.db), the token secret, the audit
 * signing key, and the log: no other local user may read any of it, whatever the
 * umask the service was started with (022 would make them 0755 and 0644). So the
 * directory is created 0700 and every file in it 0600, by chmod after creating
 * rather than by trusting the umask. SQLite creates a database's -wal, -shm and
 * -journal with the main file's mode, so creating the main file 0600 before
 * SQLite opens it covers them too.
 *
 * Existing directories and files keep their modes (an operator may have widened
 * them for a backup user on purpose); start-up warns about them
 * (loosePermissions, in bootstrap.ts).
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates the directory (and missing parents) 0700; an existing one is left as it is. */
export function ensurePrivateDir(dir: string): void {
  if (existsSync(dir)) return;
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Creates the file empty and 0600 unless it exists (then unchanged), so that whoever writes it next (SQLite) keeps that mode. */
export function ensurePrivateFile(file: string): void {
  if (existsSync(file)) return;
  // 'a': never truncates a file another process created in between.
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  chmodSync(file, PRIVATE_FILE_MODE);
}

/**
 * Writes a file only its owner may read (exports of the CLIs: evidence packages,
 * import reports), also when it existed with another mode or under a loose umask.
 */
export function writePrivateFile(file: string, content: string | Buffer): void {
  writeFileSync(file, content, { mode: PRIVATE_FILE_MODE });
  chmodSync(file, PRIVATE_FILE_MODE);
}

/** A database file for SQLite under a private DATA_DIR, created 0600 before SQLite opens it; ':memory:' is left alone. */
export function privateDatabaseFile(dir: string, name: string): string {
  ensurePrivateDir(dir);
  const file = join(dir, name);
  ensurePrivateFile(file);
  return file;
}

/**
 * Warnings, one per path, for DATA_DIR and the files in it that group or others
 * may read, write or enter: "<path> has mode 0755; …". Empty when the directory
 * does not exist (nothing is kept there) or everything is private.
 */
export function loosePermissions(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const paths = [dir, ...readdirSync(dir).map((name) => join(dir, name))];
  return paths.flatMap((path) => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat || (stat.mode & 0o077) === 0) return [];
    const wanted = stat.isDirectory() ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE;
    return [
      `${path} has mode ${octal(stat.mode & 0o777)}: other local users may read it (personal-data keys, secrets); chmod ${octal(wanted)} it`,
    ];
  });
}

const octal = (mode: number) => `0${mode.toString(8)}`;

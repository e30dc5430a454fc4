import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loosePermissions, writePrivateFile } from '../../src/infrastructure/data-dir';
import { writeReport } from '../../src/import/report';

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('private files of DATA_DIR and the CLIs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-private-'));
  let umask: number;
  beforeAll(() => (umask = process.umask(0o022)));
  afterAll(() => {
    process.umask(umask);
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes exports 0600 under umask 022, also over an existing 0644 file (an evidence package written again)', () => {
    const file = join(dir, 'E1.ndjson.partial');
    writeFileSync(file, 'old');
    expect(modeOf(file)).toBe(0o644);
    writePrivateFile(file, 'new');
    expect(modeOf(file)).toBe(0o600);
    writeReport(join(dir, 'staff.import-report.csv'), []);
    expect(modeOf(join(dir, 'staff.import-report.csv'))).toBe(0o600);
  });

  it('names each path others may read with its mode, and nothing private', () => {
    const open = join(dir, 'keys.db');
    writeFileSync(open, '');
    chmodSync(open, 0o644);
    chmodSync(dir, 0o700);
    expect(loosePermissions(dir)).toEqual([expect.stringMatching(new RegExp(`^${open} has mode 0644`))]);
    expect(loosePermissions(join(dir, 'absent'))).toEqual([]);
  });
});

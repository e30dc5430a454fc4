import { parse } from 'csv-parse/sync';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFile } from '../../src/import/importer';
import {
  EMPLOYEE_HEADERS,
  eventCount,
  people,
  rosterRow,
  runImportCli,
  spawnImportCli,
  storedEvents,
  storeIn,
  tempDir,
  withWrongCheckDigit,
  writeCsv,
} from './fixtures';

/** The report as a person opens it: UTF-8 with a byte-order mark, a header row. */
function readReport(file: string): Array<Record<string, string>> {
  const text = readFileSync(file, 'utf8');
  expect(text.startsWith('\ufeff')).toBe(true);
  return parse(text.slice(1), { columns: true });
}

describe('npm run import (the command line)', () => {
  let dir: string;
  let dataDir: string;

  beforeEach(() => {
    dir = tempDir('cli');
    dataDir = join(dir, 'data');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('imports a GBK roster, exits 2 with a report of the rejected rows, and writes nothing new the second time', async () => {
    const staff = people(6);
    const file = writeCsv(
      join(dir, '员工花名册.csv'),
      [
        EMPLOYEE_HEADERS,
        ...staff.slice(0, 4).map(rosterRow),
        rosterRow({ ...staff[4], idNumber: withWrongCheckDigit(staff[4].idNumber) }),
        rosterRow({ ...staff[5], hireDate: '2024-02-30' }),
      ],
      'gbk',
    );
    const first = await runImportCli([file, '--kind', 'employees'], dataDir);
    expect(first.code).toBe(2);
    expect(first.stdout).toContain('employees ← 员工花名册.csv (csv, gb18030');
    expect(first.stdout).toMatch(/读取行数 rows read +6\n/);
    expect(first.stdout).toMatch(/已导入 +imported +4\n/);
    expect(first.stdout).toMatch(/被拒绝 +rejected +2\n/);

    const reportFile = join(dir, '员工花名册.import-report.csv');
    expect(first.stdout).toContain(`报告 report: ${reportFile}`);
    expect(readReport(reportFile)).toEqual([
      {
        row: '6',
        field: '身份证号',
        code: 'INVALID_ID_NUMBER',
        reason_zh: '身份证号无效：校验位与前 17 位不符',
        reason_en: 'invalid ID number: check character does not match the first 17 digits',
      },
      {
        row: '7',
        field: '入职日期',
        code: 'INVALID_DATE',
        reason_zh: '「入职日期」的值「2024/2/30」不是真实存在的日期',
        reason_en: 'hireDate "2024/2/30" is not a real calendar date',
      },
    ]);
    const report = readFileSync(reportFile, 'utf8');
    for (const p of staff) expect(report).not.toContain(p.name);

    const events = eventCount(dataDir);
    const second = await runImportCli([file, '--kind', 'employees', '--report', join(dir, 'second.csv')], dataDir);
    expect(second.code).toBe(2);
    expect(second.stdout).toMatch(/已导入 +imported +0\n/);
    expect(second.stdout).toMatch(/已存在 +already present +4\n/);
    expect(eventCount(dataDir)).toBe(events);
    expect(readReport(join(dir, 'second.csv'))).toHaveLength(2);
  }, 60_000);

  it('exits 0 for a clean file, and --dry-run writes nothing', async () => {
    const file = writeCsv(join(dir, 'roster.csv'), [EMPLOYEE_HEADERS, ...people(3).map(rosterRow)], 'utf-8-bom');
    const dry = await runImportCli([file, '--kind', 'employees', '--dry-run'], dataDir);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('试运行，未写入任何数据 / dry run, nothing was written');
    expect(dry.stdout).toMatch(/可导入 +would import +3\n/);
    expect(eventCount(dataDir)).toBe(0);
    expect(readReport(join(dir, 'roster.import-report.csv'))).toEqual([]);

    expect((await runImportCli([file, '--kind', 'employees'], dataDir)).code).toBe(0);
    expect(storedEvents(dataDir).filter((e) => e.type === 'EmployeeHired')).toHaveLength(3);
  }, 60_000);

  it('exits 1 when the file cannot be imported, and 64 for bad arguments', async () => {
    const noColumn = writeCsv(
      join(dir, 'no-wage.csv'),
      [EMPLOYEE_HEADERS.filter((h) => h !== '月平均工资'), rosterRow(people(1)[0]).slice(0, 7)],
      'gbk',
    );
    writeFileSync(join(dir, 'mapping.json'), '["not", "an", "object"]');
    // Side by side, as each child spends seconds starting up; each with its own data directory.
    const [missing, badMapping, noFile, badKind, noFileArgument] = await Promise.all(
      [
        [noColumn, '--kind', 'employees'],
        [noColumn, '--kind', 'employees', '--mapping', join(dir, 'mapping.json')],
        [join(dir, 'nowhere.csv'), '--kind', 'employees'],
        [noColumn, '--kind', 'payslips'],
        ['--kind', 'employees'],
      ].map((args, i) => runImportCli(args, `${dataDir}-${i}`)),
    );
    expect(eventCount(`${dataDir}-0`)).toBe(0);
    expect(missing).toMatchObject({
      code: 1,
      stderr: '导入失败 / import failed: 缺少必需的列：月平均工资（monthlyWage） / missing required columns: monthlyWage (月平均工资)\n',
    });
    expect(existsSync(join(dir, 'no-wage.import-report.csv'))).toBe(false);
    expect(badMapping).toMatchObject({ code: 1, stderr: expect.stringContaining('the mapping file must be a JSON object') });
    expect(noFile).toMatchObject({ code: 1, stderr: expect.stringContaining('cannot read the file (ENOENT)') });
    expect(badKind).toMatchObject({
      code: 64,
      stderr: expect.stringContaining('--kind must be one of employees, contracts, contributions, cases'),
    });
    expect(noFileArgument.code).toBe(64);
  }, 60_000);

  /** 100 employees hired, and a GBK ledger of 30 months of contributions for each: 3,000 rows. */
  async function contributionLedger() {
    const staff = people(100);
    const store = await storeIn(dataDir);
    await importFile(store, {
      file: writeCsv(join(dir, 'roster.csv'), [EMPLOYEE_HEADERS, ...staff.map(rosterRow)], 'gbk'),
      kind: 'employees',
      actor: { id: 'import:test', role: 'hr_specialist' },
    });
    await store.close();
    // Everyone was hired by 2023: enrolled from 2024-01, 30 months each.
    const months = Array.from({ length: 30 }, (_, i) => `${2024 + Math.floor(i / 12)}${String((i % 12) + 1).padStart(2, '0')}`);
    const rows = staff.flatMap((p) => months.map((m) => [p.employeeId, m, '', String(p.wage), '202401']));
    const file = writeCsv(join(dir, '社保缴费明细.csv'), [['工号', '缴费月份', '险种', '缴费基数', '参保起始月'], ...rows], 'gbk');
    return { staff, months, rows, file };
  }

  /** Starts the import of `file` and sends `signal` once `events` more events are stored. */
  async function interrupt(file: string, events: number, signal: NodeJS.Signals) {
    const before = eventCount(dataDir);
    const child = spawnImportCli([file, '--kind', 'contributions'], dataDir);
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    let running = true;
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
      child.on('close', (code, by) => {
        running = false;
        done({ code, signal: by });
      }),
    );
    while (running && eventCount(dataDir) < before + events) await new Promise((r) => setTimeout(r, 20));
    child.kill(signal);
    return { ...(await exited), stdout: () => stdout };
  }

  it('stops after the row in progress on Ctrl-C, with the report written and exit code 130', async () => {
    const { file, rows } = await contributionLedger();
    const stopped = await interrupt(file, 100, 'SIGINT');
    expect(stopped.code).toBe(130);
    const processed = Number(/已导入 +imported +(\d+)/.exec(stopped.stdout())![1]);
    expect(processed).toBeLessThan(rows.length);
    expect(stopped.stdout()).toContain(`interrupted: ${rows.length - processed} rows not processed; run the same command again to resume`);
    expect(readReport(join(dir, '社保缴费明细.import-report.csv'))).toEqual([]);
  }, 120_000);

  it('resumes a run killed with kill -9 mid-file: every row present exactly once', async () => {
    const { staff, months, rows, file } = await contributionLedger();
    const before = eventCount(dataDir);
    const expected = staff.length + rows.length; // one enrolment per employee, one event per row

    expect((await interrupt(file, 300, 'SIGKILL')).signal).toBe('SIGKILL');
    const written = eventCount(dataDir) - before;
    expect(written).toBeGreaterThanOrEqual(300);
    expect(written).toBeLessThan(expected);

    const resumed = await runImportCli([file, '--kind', 'contributions'], dataDir);
    expect(resumed.code).toBe(0);
    const imported = Number(/已导入 +imported +(\d+)/.exec(resumed.stdout)![1]);
    const present = Number(/已存在 +already present +(\d+)/.exec(resumed.stdout)![1]);
    expect(imported + present).toBe(rows.length);
    expect(present).toBeGreaterThan(0);
    expect(eventCount(dataDir) - before).toBe(expected);

    const accounts = new Map<string, ReturnType<typeof storedEvents>>();
    for (const e of storedEvents(dataDir).filter((e) => e.stream.startsWith('insurance-')))
      accounts.set(e.stream, [...(accounts.get(e.stream) ?? []), e]);
    expect(accounts.size).toBe(staff.length);
    for (const [stream, events] of accounts) {
      expect({ stream, revisions: events.map((e) => e.revision) }).toEqual({ stream, revisions: events.map((_, i) => i) });
      expect(events.filter((e) => e.type === 'SocialInsuranceEnrolled')).toHaveLength(1);
      const paid = events.filter((e) => e.type === 'ContributionRecorded').map((e) => e.data.month);
      expect(paid).toHaveLength(months.length);
      expect(new Set(paid).size).toBe(months.length);
    }
    const origins = storedEvents(dataDir)
      .filter((e) => e.type === 'ContributionRecorded')
      .map((e) => (e.metadata.origin as { row: number }).row);
    expect(new Set(origins).size).toBe(rows.length);

    const again = await runImportCli([file, '--kind', 'contributions'], dataDir);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/已存在 +already present +3000\n/);
    expect(eventCount(dataDir) - before).toBe(expected);
  }, 180_000);
});

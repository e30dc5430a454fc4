import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { employeeDecider } from '../../src/domain/employee/employee.decider';
import { loadState } from '../../src/event-sourcing/command-handler';
import { FileRejectedError } from '../../src/import/file-rejected';
import { importFile, ImportOptions } from '../../src/import/importer';
import { EventStore } from '../../src/infrastructure/event-store/event-store.port';
import { EMPLOYEE_HEADERS, people, rosterRow, storeIn, tempDir, writeCsv, writeXlsx } from './fixtures';

const actor = { id: 'import:hr-wang', role: 'hr_specialist' as const };
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** 工资发放明细 (--kind wages): what payroll owed each employee per month (应发工资), through the employee decider. */
describe('importing a payroll register (--kind wages)', () => {
  let dir: string;
  let store: EventStore;
  const run = (file: string, kind: ImportOptions['kind'], options: Partial<ImportOptions> = {}) =>
    importFile(store, { file, kind, actor, ...options });
  const payOf = async (employeeId: string) => {
    const state = await loadState(store, `employee-${employeeId}`, employeeDecider);
    return state.status === 'none' ? null : state.monthlyPay;
  };

  beforeEach(async () => {
    dir = tempDir('wages');
    store = await storeIn(join(dir, 'data'));
    // E2001 hired 2020-01-01, E2002 2021-02-02.
    await run(writeCsv(join(dir, 'roster.csv'), [EMPLOYEE_HEADERS, ...people(2, 2001).map(rosterRow)], 'gbk'), 'employees');
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records each row as the month’s pay owed, with source import, the file hash and the row, below a title row of a GBK CSV', async () => {
    const file = writeCsv(
      join(dir, '工资发放明细.csv'),
      [
        ['2024年工资发放明细', '', '', ''],
        ['工号', '工资月份', '应发合计', '实发工资'],
        ['E2001', '2024-03', '21,500.00', '17,000.00'],
        ['E2001', '2024/4', '20000', '16,000.00'],
        ['E2002', '202404', '￥9,800.50', '8,000.00'],
      ],
      'gbk',
    );
    const result = await run(file, 'wages');
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ rowsRead: 3, imported: 3, alreadyPresent: 0, rejected: 0, ignoredColumns: ['实发工资'] });
    const [march] = (await store.readStream('employee-E2001')).filter((e) => e.type === 'MonthlyPayRecorded');
    expect(march.data).toEqual({ employeeId: 'E2001', month: '2024-03', amount: 21500, previousAmount: null });
    expect(march.metadata).toMatchObject({
      source: 'import',
      actor,
      effectiveDate: '2024-03-01',
      origin: { fileSha256: sha256(file), fileName: '工资发放明细.csv', row: 3 },
    });
    expect(await payOf('E2001')).toEqual({ '2024-03': 21500, '2024-04': 20000 });
    expect(await payOf('E2002')).toEqual({ '2024-04': 9800.5 });
  });

  it('writes nothing new when the same file is imported again', async () => {
    const file = writeCsv(
      join(dir, 'payroll.csv'),
      [
        ['工号', '月份', '应发工资'],
        ['E2001', '2024-03', '21500'],
        ['E2001', '2024-04', '20000'],
      ],
      'utf-8-bom',
    );
    await run(file, 'wages');
    const head = await store.headPosition();
    expect(await run(file, 'wages')).toMatchObject({ rowsRead: 2, imported: 0, alreadyPresent: 2, rejected: 0 });
    expect(await store.headPosition()).toBe(head);
  });

  it('takes a later file with another amount for a month as a correction: both events kept, the latest wins', async () => {
    await run(
      writeCsv(
        join(dir, 'march.csv'),
        [
          ['工号', '月份', '应发工资'],
          ['E2001', '2024-03', '21500'],
        ],
        'utf-8',
      ),
      'wages',
    );
    await run(
      writeCsv(
        join(dir, 'march-corrected.csv'),
        [
          ['工号', '月份', '应发工资'],
          ['E2001', '2024-03', '22000'],
        ],
        'utf-8',
      ),
      'wages',
    );
    const records = (await store.readStream('employee-E2001')).filter((e) => e.type === 'MonthlyPayRecorded').map((e) => e.data);
    expect(records).toEqual([
      { employeeId: 'E2001', month: '2024-03', amount: 21500, previousAmount: null },
      { employeeId: 'E2001', month: '2024-03', amount: 22000, previousAmount: 21500 },
    ]);
    expect(await payOf('E2001')).toEqual({ '2024-03': 22000 });
  });

  it('reads an .xlsx with 员工编号 / 月份 / 应发工资 headers', async () => {
    const file = await writeXlsx(join(dir, 'payroll.xlsx'), '工资表', [
      ['员工编号', '月份', '应发工资'],
      ['E2002', '2024-05', 10250.25],
    ]);
    expect(await run(file, 'wages')).toMatchObject({ format: 'xlsx', imported: 1, rejected: 0 });
    expect(await payOf('E2002')).toEqual({ '2024-05': 10250.25 });
  });

  it('reports every rejected row in both languages and imports the others', async () => {
    const file = writeCsv(
      join(dir, 'bad-payroll.csv'),
      [
        ['工号', '工资月份', '应发工资'],
        ['E2001', '2024-03', '21500'],
        ['E9999', '2024-03', '21500'],
        ['E2002', '2021-01', '9000'],
        ['E2001', '2024-13', '21500'],
        ['E2001', '2024-05', '0'],
        ['E2001', '2024-06', '100.005'],
        ['E2001', '2024-07', '一万'],
        ['E2001', '', '21500'],
      ],
      'gbk',
    );
    const result = await run(file, 'wages');
    expect(result).toMatchObject({ rowsRead: 8, imported: 1, rejected: 7 });
    expect(result.problems.map((p) => [p.row, p.column, p.code, p.zh])).toEqual([
      [3, '工号', 'UNKNOWN_EMPLOYEE', '工号 E9999 没有员工档案，请先导入员工（--kind employees）'],
      [4, '工资月份', 'INVALID_MONTH', '工资月份 2021-01 早于入职月份 2021-02'],
      [5, '工资月份', 'INVALID_MONTH', '「工资月份」的值「2024-13」不是真实存在的月份'],
      [6, '应发工资', 'INVALID_VALUE', '「应发工资」须大于 0'],
      [7, '应发工资', 'INVALID_VALUE', '「应发工资」须为不小于 0、最多两位小数的金额'],
      [8, '应发工资', 'INVALID_AMOUNT', '「应发工资」的值「一万」不是金额'],
      [9, '工资月份', 'MISSING_VALUE', '「工资月份」不能为空'],
    ]);
    for (const p of result.problems) expect(p.en.length).toBeGreaterThan(0);
    expect(await payOf('E2001')).toEqual({ '2024-03': 21500 });
  });

  it('refuses a file without an amount column, and writes nothing', async () => {
    const head = await store.headPosition();
    const file = writeCsv(
      join(dir, 'no-amount.csv'),
      [
        ['工号', '月份', '实发工资'],
        ['E2001', '2024-03', '17000'],
      ],
      'utf-8',
    );
    await expect(run(file, 'wages')).rejects.toThrow(FileRejectedError);
    await expect(run(file, 'wages')).rejects.toThrow('缺少必需的列：应发工资（amount）');
    expect(await store.headPosition()).toBe(head);
  });
});

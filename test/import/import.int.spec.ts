import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { offboardingDecider, OffboardingState } from '../../src/domain/offboarding/offboarding.decider';
import { loadState } from '../../src/event-sourcing/command-handler';
import { FileRejectedError } from '../../src/import/file-rejected';
import { importFile, ImportOptions } from '../../src/import/importer';
import { EventStore } from '../../src/infrastructure/event-store/event-store.port';
import {
  EMPLOYEE_HEADERS,
  excelSerial,
  people,
  Person,
  rosterRow,
  serialCell,
  storedEvents,
  storeIn,
  tempDir,
  withWrongCheckDigit,
  writeCsv,
  writeXlsx,
} from './fixtures';

const actor = { id: 'import:hr-wang', role: 'hr_specialist' as const };
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('importing HR exports through the deciders', () => {
  let dir: string;
  let dataDir: string;
  let store: EventStore;
  const run = (file: string, kind: ImportOptions['kind'], options: Partial<ImportOptions> = {}) =>
    importFile(store, { file, kind, actor, ...options });
  const rosterOf = (name: string, staff: Person[]) => writeCsv(join(dir, name), [EMPLOYEE_HEADERS, ...staff.map(rosterRow)], 'gbk');

  beforeEach(async () => {
    dir = tempDir('int');
    dataDir = join(dir, 'data');
    store = await storeIn(dataDir);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('a staff roster saved by Chinese Excel (GBK CSV, Chinese headers)', () => {
    const staff = people(12);

    it('hires every employee, with source import, the file hash and the row in the metadata', async () => {
      const file = rosterOf('员工花名册.csv', staff);
      const result = await run(file, 'employees');
      expect(result).toMatchObject({
        format: 'csv',
        encoding: 'gb18030',
        rowsRead: 12,
        imported: 12,
        alreadyPresent: 0,
        rejected: 0,
        problems: [],
      });

      const [hired, personal] = await store.readStream('employee-E1001');
      expect(hired.data).toEqual({
        employeeId: 'E1001',
        orgUnit: '财务部',
        category: 'enterprise_regular',
        region: 'beijing',
        hireDate: '2020-01-01',
        monthlyWage: 8000,
        position: '会计',
      });
      expect(hired.metadata).toMatchObject({
        source: 'import',
        actor,
        effectiveDate: '2020-01-01',
        origin: { fileSha256: sha256(file), fileName: '员工花名册.csv', row: 2 },
      });
      expect(personal.data).toEqual({
        employeeId: 'E1001',
        name: staff[0].name,
        idNumber: staff[0].idNumber,
        contact: { phone: staff[0].phone, email: staff[0].email },
      });
      // 合同制 → enterprise_contract, 北京 / 上海 → region keys, "9,500.00" → 9500.
      expect((await store.readStream('employee-E1005'))[0].data).toMatchObject({ category: 'enterprise_contract', region: 'beijing' });
      expect((await store.readStream('employee-E1002'))[0].data).toMatchObject({ region: 'shanghai', monthlyWage: 9500 });
      // Through the sealing store: the ID number is not in the log in clear.
      const stored = storedEvents(dataDir).find((e) => e.type === 'PersonalDataRecorded' && e.stream === 'employee-E1001')!;
      expect(JSON.stringify(stored.data)).not.toContain(staff[0].idNumber);
    });

    it('writes nothing new when the same file is imported again', async () => {
      const file = rosterOf('roster.csv', staff);
      await run(file, 'employees');
      const head = await store.headPosition();
      const again = await run(file, 'employees');
      expect(again).toMatchObject({ rowsRead: 12, imported: 0, alreadyPresent: 12, rejected: 0 });
      expect(await store.headPosition()).toBe(head);
    });
  });

  it('reads an .xlsx with dates as Excel serial numbers, formatted or not, below a title row', async () => {
    const [a, b] = people(2);
    const employeesFile = await writeXlsx(join(dir, 'staff.xlsx'), '花名册', [
      ['2024年员工花名册'],
      EMPLOYEE_HEADERS,
      [
        a.employeeId,
        a.name,
        a.idNumber,
        a.orgUnit,
        a.category,
        '上海市',
        serialCell(excelSerial('2024-03-05')),
        12000,
        a.position,
        a.phone,
        a.email,
      ],
      // A date column left as "General": the cell holds the bare serial.
      [
        b.employeeId,
        b.name,
        b.idNumber,
        b.orgUnit,
        b.category,
        '深圳',
        excelSerial('2023-11-20'),
        9000.5,
        b.position,
        Number(b.phone),
        b.email,
      ],
    ]);
    expect(await run(employeesFile, 'employees')).toMatchObject({ format: 'xlsx', rowsRead: 2, imported: 2, rejected: 0 });
    expect((await store.readStream('employee-E1001'))[0].data).toMatchObject({
      hireDate: '2024-03-05',
      region: 'shanghai',
      monthlyWage: 12000,
    });
    expect((await store.readStream('employee-E1002'))[0].data).toMatchObject({
      hireDate: '2023-11-20',
      region: 'shenzhen',
      monthlyWage: 9000.5,
    });

    const contributionsFile = await writeXlsx(join(dir, 'contributions.xlsx'), '缴费明细', [
      ['工号', '缴费月份', '险种', '缴费基数（元）', '参保起始月'],
      ['E1001', serialCell(excelSerial('2024-03-01'), 'yyyy-mm'), '养老、医疗、失业、工伤、生育', 12000, 202403],
      // Binary floating point from a formula, as Excel stores 8234.56 computed.
      ['E1001', serialCell(excelSerial('2024-04-01'), 'yyyy"年"m"月"'), null, 8234.56 + 1e-12, 202403],
      ['E1002', excelSerial('2023-12-01'), '养老,医疗', 9000, serialCell(excelSerial('2023-12-01'), 'yyyy-mm')],
    ]);
    expect(await run(contributionsFile, 'contributions')).toMatchObject({ rowsRead: 3, imported: 3, rejected: 0 });
    const account = (await store.readStream('insurance-E1001')).map((e) => [e.type, e.data]);
    expect(account).toEqual([
      [
        'SocialInsuranceEnrolled',
        {
          employeeId: 'E1001',
          startMonth: '2024-03',
          insuranceTypes: ['pension', 'medical', 'unemployment', 'work_injury', 'maternity'],
          contributionBase: 12000,
          hireDate: '2024-03-05',
        },
      ],
      [
        'ContributionRecorded',
        { month: '2024-03', insuranceTypes: ['pension', 'medical', 'unemployment', 'work_injury', 'maternity'], base: 12000 },
      ],
      [
        'ContributionRecorded',
        { month: '2024-04', insuranceTypes: ['pension', 'medical', 'unemployment', 'work_injury', 'maternity'], base: 8234.56 },
      ],
    ]);
    expect((await store.readStream('insurance-E1002')).map((e) => e.data)).toEqual([
      expect.objectContaining({ startMonth: '2023-12', insuranceTypes: ['pension', 'medical'] }),
      { month: '2023-12', insuranceTypes: ['pension', 'medical'], base: 9000 },
    ]);
  });

  it('reads a contract ledger saved as "CSV UTF-8" (with a byte-order mark)', async () => {
    await run(rosterOf('roster.csv', people(3)), 'employees');
    const file = writeCsv(
      join(dir, 'contracts.csv'),
      [
        ['工号', '合同编号', '合同类型', '合同开始日期', '合同结束日期'],
        ['E1001', 'HT-2020-001', '固定期限', '2020年1月1日', '2022年12月31日'],
        ['E1001', 'HT-2023-001', '无固定期限', '2023/1/1', ''],
        ['E1002', 'HT-2020-002', '以完成一定工作任务为期限', '2021-02-02', '2021-08-31'],
        ['E1003', 'HT-2020-003', '无固定期限', '2022-03-03', '2025-03-02'],
      ],
      'utf-8-bom',
    );
    const result = await run(file, 'contracts');
    expect(result).toMatchObject({ encoding: 'utf-8', rowsRead: 4, imported: 3, rejected: 1 });
    expect(result.problems).toEqual([
      {
        row: 5,
        field: 'endDate',
        column: '合同结束日期',
        code: 'CONTRACT_DATES_INVALID',
        zh: '无固定期限合同不能填写结束日期',
        en: 'An open-ended contract has no endDate; sign a fixed-term contract instead.',
      },
    ]);
    expect((await store.readStream('employee-E1001')).filter((e) => e.type === 'ContractSigned').map((e) => e.data)).toEqual([
      expect.objectContaining({ contractId: 'HT-2020-001', contractType: 'fixed_term', startDate: '2020-01-01', endDate: '2022-12-31' }),
      expect.objectContaining({ contractId: 'HT-2023-001', contractType: 'open_ended', startDate: '2023-01-01', endDate: null }),
    ]);
  });

  describe('a file with bad rows of every kind', () => {
    it('reports every rejected row of a roster and imports the others', async () => {
      const staff = people(10, 2001);
      const [good, badCheck, badDate, badCategory, badWage, shortRow, , noPolicy, good2] = staff;
      const rows = [
        EMPLOYEE_HEADERS,
        rosterRow(good),
        rosterRow({ ...badCheck, idNumber: withWrongCheckDigit(badCheck.idNumber) }),
        rosterRow({ ...badDate, hireDate: '2024-02-30' }),
        rosterRow({ ...badCategory, category: '临时工' }),
        [...rosterRow(badWage).slice(0, 7), '-3000', ...rosterRow(badWage).slice(8)],
        rosterRow(shortRow).slice(0, 3),
        rosterRow({ ...good2, name: '重复工号', employeeId: good.employeeId }),
        rosterRow({ ...noPolicy, region: 'hangzhou' }),
        rosterRow(good2),
      ];
      const file = writeCsv(join(dir, 'roster-with-errors.csv'), rows, 'gbk');
      const result = await run(file, 'employees');
      expect(result).toMatchObject({ rowsRead: 9, imported: 2, alreadyPresent: 0, rejected: 7 });
      expect(result.problems.map((p) => [p.row, p.column, p.code])).toEqual([
        [3, '身份证号', 'INVALID_ID_NUMBER'],
        [4, '入职日期', 'INVALID_DATE'],
        [5, '人员类别', 'UNKNOWN_VALUE'],
        [6, '月平均工资', 'INVALID_VALUE'],
        [7, '部门', 'MISSING_VALUE'],
        [7, '人员类别', 'MISSING_VALUE'],
        [7, '地区', 'MISSING_VALUE'],
        [7, '入职日期', 'MISSING_VALUE'],
        [7, '月平均工资', 'MISSING_VALUE'],
        [8, '工号', 'EMPLOYEE_EXISTS'],
        [9, '地区', 'NO_POLICY'],
      ]);
      const reason = (row: number) => result.problems.find((p) => p.row === row)!;
      expect(reason(3)).toMatchObject({
        zh: '身份证号无效：校验位与前 17 位不符',
        en: 'invalid ID number: check character does not match the first 17 digits',
      });
      expect(reason(4)).toMatchObject({
        zh: '「入职日期」的值「2024/2/30」不是真实存在的日期',
        en: 'hireDate "2024/2/30" is not a real calendar date',
      });
      expect(reason(5).zh).toBe('「人员类别」的值「临时工」无法识别（可填：企业正式、合同制、编制内、编制外）');
      expect(reason(8)).toMatchObject({ zh: '工号 E2001 已有员工档案', en: 'Employee E2001 is already on record.' });
      // Names and ID numbers never appear in the reasons.
      const text = JSON.stringify(result.problems);
      for (const p of staff) {
        expect(text).not.toContain(p.idNumber.slice(0, 17));
        expect(text).not.toContain(p.name);
      }
      expect(await store.readStream('employee-E2002')).toEqual([]);
      expect((await store.readStream('employee-E2009'))[0].data).toMatchObject({ employeeId: 'E2009' });
    });

    it('reports every rejected row of a contribution ledger and imports the others', async () => {
      await run(rosterOf('roster.csv', people(10, 2001)), 'employees');
      const file = writeCsv(
        join(dir, '社保缴费明细.csv'),
        [
          ['工号', '缴费月份', '险种', '缴费基数', '是否补正', '参保起始月'],
          ['E2001', '2024-03', '', '10000', '', '2024-03'],
          ['E2001', '2024-03', '', '10000', '', '2024-03'],
          ['E2001', '2024-03', '', '10500', '是', '2024-03'],
          ['E2001', '2024-01', '', '10000', '', '2024-03'],
          ['E2010', '2024-03', '养老', '10000', '', ''],
          ['E9999', '2024-03', '养老', '10000', '', ''],
          ['E2001', '2024-13', '', '10000', '', '2024-03'],
          ['E2001', '2024-04', '住房公积金', '10000', '', '2024-03'],
          ['E2001', '2024-04', '养老、医疗', '-1', '', '2024-03'],
          ['E2001', '2024-04', '养老、医疗', '10000', '也许', '2024-03'],
          ['E2001', '2024-04', '养老、医疗', '10000', '否', '2024-03'],
        ],
        'gbk',
      );
      const result = await run(file, 'contributions');
      expect(result).toMatchObject({ rowsRead: 11, imported: 3, alreadyPresent: 0, rejected: 8 });
      expect(result.problems.map((p) => [p.row, p.column, p.code, p.zh])).toEqual([
        [3, '缴费月份', 'DUPLICATE_CONTRIBUTION', '2024-03 的养老保险、医疗保险、失业保险、工伤保险、生育保险已缴'],
        [5, '缴费月份', 'CONTRIBUTION_OUTSIDE_ENROLMENT', '2024-01 早于参保起始月 2024-03'],
        [6, '缴费月份', 'NOT_ENROLLED', '该员工尚未参保'],
        [7, '工号', 'UNKNOWN_EMPLOYEE', '工号 E9999 没有员工档案，请先导入员工（--kind employees）'],
        [8, '缴费月份', 'INVALID_MONTH', '「缴费月份」的值「2024-13」不是真实存在的月份'],
        [9, '险种', 'UNKNOWN_VALUE', '「险种」的值「住房公积金」无法识别（可填：养老、医疗、失业、工伤、生育）'],
        [10, '缴费基数', 'INVALID_VALUE', '「缴费基数」须为不小于 0、最多两位小数的金额'],
        [11, '是否补正', 'UNKNOWN_VALUE', '「是否补正」的值「也许」应为 是 或 否'],
      ]);
      expect((await store.readStream('insurance-E2001')).map((e) => [e.type, (e.data as { month?: string }).month])).toEqual([
        ['SocialInsuranceEnrolled', undefined],
        ['ContributionRecorded', '2024-03'],
        ['ContributionCorrected', '2024-03'],
        ['ContributionRecorded', '2024-04'],
      ]);
      expect(await store.readStream('insurance-E2010')).toEqual([]);
    });

    it('refuses a file that lacks a required column, and writes nothing', async () => {
      const file = writeCsv(join(dir, 'no-id.csv'), [EMPLOYEE_HEADERS.filter((h) => h !== '身份证号'), ['E1', '张三']], 'gbk');
      await expect(run(file, 'employees')).rejects.toThrow(FileRejectedError);
      await expect(run(file, 'employees')).rejects.toThrow(
        '缺少必需的列：身份证号（idNumber） / missing required columns: idNumber (身份证号)',
      );
      expect(await store.headPosition()).toBe(0n);
    });
  });

  describe('--dry-run', () => {
    it('applies every rule, sees the rows before it, and writes nothing', async () => {
      const staff = people(5);
      const roster = writeCsv(join(dir, 'roster.csv'), [EMPLOYEE_HEADERS, ...staff.map(rosterRow), rosterRow(staff[0])], 'gbk');
      const dry = await run(roster, 'employees', { dryRun: true });
      expect(dry).toMatchObject({ dryRun: true, rowsRead: 6, imported: 5, rejected: 1 });
      // The last row repeats the first: refused because the dry run saw the first hired.
      expect(dry.problems.map((p) => p.code)).toEqual(['EMPLOYEE_EXISTS']);
      // Nothing: not even the refusal, which the command bus recorded in the dry run's layer.
      expect(await store.headPosition()).toBe(0n);

      const real = await run(roster, 'employees');
      expect(real).toMatchObject({ imported: dry.imported, rejected: dry.rejected, problems: dry.problems });
      const head = await store.headPosition();
      const contributions = writeCsv(
        join(dir, 'c.csv'),
        [['工号', '缴费月份', '缴费基数', '参保起始月'], ...staff.map((p) => [p.employeeId, '2024-05', '9000', '2024-05'])],
        'gbk',
      );
      expect(await run(contributions, 'contributions', { dryRun: true })).toMatchObject({ imported: 5, rejected: 0 });
      expect(await store.headPosition()).toBe(head);
    });
  });

  describe('offboarding records', () => {
    const clock = () => new Date('2024-07-20T09:00:00Z');
    const HEADERS = [
      '工号',
      '离职原因',
      '最后工作日',
      '离职审批日期',
      '工作交接日期',
      '社保转出日期',
      '最后缴费月',
      '退工日期',
      '离职证明日期',
      '公积金转移日期',
      '档案转移日期',
    ];

    it('opens each case with the policy in force and completes the steps done, in the legal order only', async () => {
      await run(rosterOf('roster.csv', people(3)), 'employees');
      const file = writeCsv(
        join(dir, '离职台账.csv'),
        [
          HEADERS,
          [
            'E1001',
            '辞职',
            '2024-06-30',
            '2024-06-20',
            '2024-06-28',
            '2024-07-03',
            '2024-06',
            '2024-07-05',
            '2024-07-05',
            '2024-07-10',
            '2024-07-12',
          ],
          // 退工 without the transfer-out: refused, and nothing of the row is written.
          ['E1002', '协商一致', '2024-06-30', '2024-06-20', '', '', '', '2024-07-01', '', '', ''],
          ['E1003', '合同到期', '2024-07-31', '', '', '', '', '', '', '', ''],
        ],
        'gbk',
      );
      const result = await run(file, 'cases', { actor: { id: 'import:hr-li', role: 'hr_manager' }, clock });
      expect(result).toMatchObject({ rowsRead: 3, imported: 2, rejected: 1 });
      expect(result.problems).toEqual([
        {
          row: 3,
          field: 'labor_termination',
          column: '退工日期',
          code: 'STEP_LOCKED',
          zh: '请先完成社保转出（减员）、工作交接，再办理退工登记。',
          en: 'Complete social-insurance transfer-out (社保转出) and work handover before labour termination registration (退工).',
        },
      ]);
      expect((await store.readStream('employee-E1002')).map((e) => e.type)).not.toContain('OffboardingCaseReserved');
      // The refusal went through the command bus, which records every refused command (tried on the row's own layer, it still reaches the log).
      const refused = (await store.readStream('audit-2024-07')).filter((e) => e.type === 'CommandRefused');
      expect(refused.map((e) => e.data)).toEqual([
        expect.objectContaining({
          command: 'PerformStep',
          code: 'STEP_LOCKED',
          step: 'labor_termination',
          subjects: expect.objectContaining({ employeeId: 'E1002' }),
        }),
      ]);
      expect(refused[0].metadata).toMatchObject({
        source: 'import',
        actor: { id: 'import:hr-li' },
        origin: { fileName: '离职台账.csv', row: 3 },
      });

      const [reserved] = (await store.readStream('employee-E1001')).filter((e) => e.type === 'OffboardingCaseReserved');
      const caseId = (reserved.data as { caseId: string }).caseId;
      const events = await store.readStream(`offboarding-${caseId}`);
      expect(events.map((e) => [e.type, e.metadata.effectiveDate])).toEqual([
        // No 发起日期 column: opened on the first step's day at the latest.
        ['OffboardingCaseOpened', '2024-06-20'],
        ['StepCompleted', '2024-06-20'],
        ['StepCompleted', '2024-06-28'],
        ['SocialInsuranceTransferOutRequested', '2024-07-03'],
        ['SocialInsuranceTransferOutCompleted', '2024-07-03'],
        ['StepCompleted', '2024-07-05'],
        ['LaborTerminationRegistered', '2024-07-05'],
        ['StepCompleted', '2024-07-10'],
        ['StepCompleted', '2024-07-12'],
        ['OffboardingCaseCompleted', '2024-07-12'],
      ]);
      expect(events[0].metadata).toMatchObject({
        source: 'import',
        actor: { id: 'import:hr-li', role: 'hr_manager' },
        origin: { fileName: '离职台账.csv', row: 2 },
      });
      const state = (await loadState(store, `offboarding-${caseId}`, offboardingDecider)) as Extract<
        OffboardingState,
        { status: 'completed' }
      >;
      expect(state).toMatchObject({
        status: 'completed',
        lastPaidMonth: '2024-06',
        policy: { region: 'beijing', category: 'enterprise_regular', version: 1 },
      });

      const head = await store.headPosition();
      expect(await run(file, 'cases', { actor: { id: 'import:hr-li', role: 'hr_manager' }, clock })).toMatchObject({
        imported: 0,
        alreadyPresent: 2,
        rejected: 1,
      });
      // Nothing of the imported rows is written twice; the refused row was tried again, and that attempt is recorded as the first was
      // (before the command bus recorded refusals, the head did not move at all).
      expect((await store.readAll({ after: head })).map((e) => [e.stream, e.type])).toEqual([['audit-2024-07', 'CommandRefused']]);
    });

    it('records the separation facts of the ledger (proposer, renewal offer, notice), and refuses one given for another reason', async () => {
      await run(rosterOf('roster.csv', people(4)), 'employees');
      const file = writeCsv(
        join(dir, 'facts.csv'),
        [
          ['工号', '离职原因', '最后工作日', '协商解除提出方', '续订情况', '书面通知日期', '试用期内'],
          ['E1001', '协商一致', '2024-06-30', '单位', '', '', ''],
          ['E1002', '合同到期', '2024-07-31', '', '员工拒绝续签', '', ''],
          ['E1003', '辞职', '2024-06-30', '', '', '2024-06-01', '否'],
          // A proposer belongs to a mutual agreement only.
          ['E1004', '辞退', '2024-06-30', '员工', '', '', ''],
        ],
        'gbk',
      );
      const result = await run(file, 'cases', { clock });
      expect(result).toMatchObject({ rowsRead: 4, imported: 3, rejected: 1 });
      expect(result.problems).toEqual([expect.objectContaining({ row: 5, code: 'INVALID_SEPARATION_FACT' })]);
      const openedData = async (employeeId: string) => {
        const [reserved] = (await store.readStream(`employee-${employeeId}`)).filter((e) => e.type === 'OffboardingCaseReserved');
        return (await store.readStream(`offboarding-${(reserved.data as { caseId: string }).caseId}`))[0].data;
      };
      expect(await openedData('E1001')).toMatchObject({ reason: 'mutual_agreement', proposedBy: 'employer' });
      expect(await openedData('E1002')).toMatchObject({ reason: 'contract_expiry', renewalOffer: 'same_or_better_refused' });
      expect(await openedData('E1003')).toMatchObject({ reason: 'resignation', noticeGivenOn: '2024-06-01', inProbation: false });
      expect(await openedData('E1001')).not.toHaveProperty('inProbation');
    });

    it('leaves approval to an hr_manager, as the API does', async () => {
      await run(rosterOf('roster.csv', people(1)), 'employees');
      const file = writeCsv(join(dir, 'cases.csv'), [HEADERS.slice(0, 4), ['E1001', '辞职', '2024-06-30', '2024-06-20']], 'gbk');
      const result = await run(file, 'cases', { clock });
      expect(result.problems).toEqual([
        expect.objectContaining({ column: '离职审批日期', code: 'ROLE_REQUIRED', zh: '离职审批须由 hr_manager 办理' }),
      ]);
    });
  });

  it('maps other headers with a mapping', async () => {
    const [p] = people(1);
    const file = writeCsv(
      join(dir, 'hr-system-export.csv'),
      [
        ['人员代码', '姓名', '证件号', '部门', '人员类别', '地区', '入职日期', '月工资', '备注'],
        [p.employeeId, p.name, p.idNumber, p.orgUnit, p.category, p.region, p.hireDate, String(p.wage), '无'],
      ],
      'utf-8',
    );
    const mapping = { 人员代码: 'employeeId', 证件号: 'idNumber' };
    writeFileSync(join(dir, 'mapping.json'), JSON.stringify(mapping));
    expect(await run(file, 'employees', { mapping })).toMatchObject({ imported: 1, rejected: 0, ignoredColumns: ['备注'] });
  });
});

import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import request from 'supertest';
import { ClockedApp, hrApi, startClockedApp } from '../dashboard/clocked-app';
import { caughtUp, eventually, hireBody } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { as } from '../support/tokens';

/**
 * The bureau's files over HTTP (issue 13, item 8), in Shanghai: the 减员 file of the
 * cases due, read back with exceljs; the receipt with an accepted, a rejected and a
 * malformed row moving the cases' steps; the same receipt again recording nothing.
 */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ID = { A: '11010519491231002X', B: '110101199003071532', C: '440304198001010017', D: '110101199003076632' };

const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

async function sheetRows(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

async function receipt(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('回执');
  sheet.addRow(['公民身份号码', '姓名', '办理结果', '失败原因', '办理日期']);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('the bureau’s 减员 file and its receipt (Shanghai)', () => {
  let t: ClockedApp;
  let api: ReturnType<typeof hrApi>;
  const cases: Record<string, string> = {};
  let firstReceipt: Buffer;
  const http = () => request(t.app.getHttpServer());
  const stepOf = (view: { steps: Array<{ key: string }> }, key: string) => view.steps.find((s) => s.key === key) as any;

  beforeAll(async () => {
    t = await startClockedApp();
    api = hrApi(t);
    const people: Array<[string, string, string, string]> = [
      ['A', ID.A, '张三', '2024-06-30'],
      ['B', ID.B, '李四', '2024-06-28'],
      ['C', ID.C, '王五', '2024-06-30'],
      ['D', ID.D, '赵六', '2024-07-31'],
    ];
    for (const [key, idNumber, name] of people) await api.hire('2024-01-02', `E${key}`, { idNumber, name });
    for (const [key, , , lastWorkingDay] of people) {
      cases[key] = await api.open('2024-06-20', `E${key}`, key === 'B' ? 'dismissal' : 'resignation', lastWorkingDay);
      // C is not approved: its transfer-out is locked, so it is not due.
      if (key !== 'C') await api.step('2024-06-20', cases[key], 'approval', {}, as.manager).expect(200);
      // 退工 also waits for the handover (a soft prerequisite, not overridden here).
      if (key !== 'C') await api.step('2024-06-21', cases[key], 'handover').expect(200);
    }
    t.setToday('2024-07-01');
    await caughtUp(t);
  });
  afterAll(() => t.close());

  it('exports the cases due today as the region’s template, in its column order, with ID numbers as text', async () => {
    const res = await http()
      .get('/api/filings/si-reduction?region=shanghai&format=xlsx')
      .set(as.specialist)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toBe('attachment; filename="si-reduction-shanghai-2024-07-01.xlsx"');
    const rows = await sheetRows(res.body as Buffer);
    expect(rows[0]).toEqual(['单位编号', '姓名', '公民身份号码', '减员原因', '离职日期', '减员年月']);
    // A and B left in June: filed on 1 July (before the 15th), June is the last paid month, the reduction from July.
    // C is locked (not approved); D leaves on 31 July: a filing today would leave July unpaid (断缴), so it waits.
    expect(rows.slice(1)).toEqual([
      ['', '李四', ID.B, '单位解除', '2024-06-28', '202407'],
      ['', '张三', ID.A, '辞职', '2024-06-30', '202407'],
    ]);
    expect(res.headers['x-filing-rows']).toBe('2');
  });

  it('records each export as FilingExported on filing-shanghai: cases and the file’s hash, no personal data', async () => {
    const log = await eventually(t, '/api/audit/streams/filing-shanghai/events', as.auditor, (b) => (b.items ?? b).length >= 1);
    const events = (log.items ?? log) as Array<{ type: string; data: any; metadata: any }>;
    expect(events[0].type).toBe('FilingExported');
    expect(events[0].data).toMatchObject({ kind: 'si_reduction', region: 'shanghai', businessDate: '2024-07-01', format: 'xlsx' });
    expect(events[0].data.caseIds).toEqual([cases.B, cases.A]);
    expect(events[0].metadata.actor).toEqual({ id: 'hr-spec-1', role: 'hr_specialist' });
    expect(JSON.stringify(events[0])).not.toMatch(new RegExp(`${ID.A}|张三`));
  });

  it('writes CSV in GB18030 for GBK bureau systems, and in UTF-8 with a byte-order mark', async () => {
    const gbk = await http()
      .get('/api/filings/si-reduction?region=shanghai&format=csv&encoding=gb18030')
      .set(as.manager)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(gbk.headers['content-type']).toBe('text/csv; charset=gb18030');
    const text = iconv.decode(gbk.body as Buffer, 'gb18030');
    expect(text.split('\n')[0]).toBe('单位编号,姓名,公民身份号码,减员原因,离职日期,减员年月');
    expect(text).toContain(`,张三,${ID.A},辞职,2024-06-30,202407`);
    const utf8 = await http()
      .get('/api/filings/si-reduction?region=shanghai&format=csv')
      .set(as.manager)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect((utf8.body as Buffer).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('is for the people who file: 403 for an auditor, 400 naming a bad field, 404 where the region has no template', async () => {
    await http().get('/api/filings/si-reduction?region=shanghai').set(as.auditor).expect(403);
    const bad = await http().get('/api/filings/si-reduction?region=shanghai&format=pdf').set(as.specialist).expect(400);
    expect(JSON.stringify(bad.body)).toMatch(/format/);
    const none = await http().get('/api/filings/labor-termination?region=xiamen').set(as.specialist).expect(404);
    expect(none.body.code).toBe('NO_FILING_TEMPLATE');
  });

  it('imports the receipt: an accepted row completes, a rejected one records the reason, a malformed one is reported alone', async () => {
    t.setToday('2024-07-03');
    const file = (firstReceipt = await receipt([
      [ID.A, '张三', '成功', '', '2024-07-03'],
      [ID.B, '李四', '退回', '身份证号与参保登记不符', '2024-07-03'],
      [ID.C, '王五', '也许', '', '2024-07-03'],
      ['110105194912310021', '某人', '成功', '', '2024-07-03'],
    ]));
    const res = await http()
      .post('/api/filings/si-reduction/receipts?region=shanghai')
      .set(as.specialist)
      .attach('file', file, '减员回执.xlsx')
      .expect(200);
    expect(res.body).toMatchObject({ kind: 'si_reduction', region: 'shanghai', rowsRead: 4, completed: 1, rejected: 1, errors: 2 });
    expect(res.body.rows[0]).toEqual({ row: 2, outcome: 'completed', caseId: cases.A });
    expect(res.body.rows[1]).toEqual({ row: 3, outcome: 'rejected', caseId: cases.B });
    expect(res.body.rows[2]).toMatchObject({ row: 4, outcome: 'error', problems: [{ column: '办理结果', code: 'UNKNOWN_VALUE' }] });
    expect(res.body.rows[3]).toMatchObject({ row: 5, outcome: 'error', problems: [{ column: '公民身份号码', code: 'INVALID_ID_NUMBER' }] });
    for (const p of [...res.body.rows[2].problems, ...res.body.rows[3].problems]) {
      expect(p.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(p.en).toMatch(/[a-z]/);
    }
    expect(JSON.stringify(res.body)).not.toMatch(/张三|李四|王五|110105194912310021/);

    const a = await eventually(t, `/api/offboarding/${cases.A}`, as.specialist, (v) => stepOf(v, 'si_transfer_out').status === 'done');
    expect(stepOf(a, 'si_transfer_out')).toMatchObject({ status: 'done', doneOn: '2024-07-03' });
    expect(a.socialInsuranceTransfer).toMatchObject({ status: 'completed', lastPaidMonth: '2024-06' });
    const b = await eventually(t, `/api/offboarding/${cases.B}`, as.specialist, (v) => stepOf(v, 'si_transfer_out').status === 'rejected');
    expect(b.socialInsuranceTransfer.attempts).toEqual([
      expect.objectContaining({ requestedOn: '2024-07-03', rejectedOn: '2024-07-03', rejectionReason: '身份证号与参保登记不符' }),
    ]);
  });

  it('records nothing twice when the same receipt is imported again, or the same answers come in another file', async () => {
    await caughtUp(t);
    const events = async () => (await api.read(`/api/audit/streams/offboarding-${cases.B}/events`, as.auditor)).total as number;
    const before = await events();
    expect(before).toBeGreaterThan(0);
    const rows = [
      [ID.A, '张三', '成功', '', '2024-07-03'],
      [ID.B, '李四', '退回', '身份证号与参保登记不符', '2024-07-03'],
    ];
    const again = await http()
      .post('/api/filings/si-reduction/receipts?region=shanghai')
      .set(as.specialist)
      .attach('file', firstReceipt, '减员回执.xlsx')
      .expect(200);
    // The malformed rows are reported again; the answered ones find their events.
    expect(again.body).toMatchObject({ completed: 0, rejected: 0, alreadyRecorded: 2, errors: 2 });
    const csv = Buffer.from(`公民身份号码,姓名,办理结果,失败原因,办理日期\n${rows.map((r) => r.join(',')).join('\n')}\n`, 'utf8');
    const other = await http()
      .post('/api/filings/si-reduction/receipts?region=shanghai')
      .set(as.specialist)
      .attach('file', csv, 'copy.csv')
      .expect(200);
    expect(other.body).toMatchObject({ completed: 0, rejected: 0, alreadyRecorded: 2, errors: 0 });
    await caughtUp(t);
    expect(await events()).toBe(before);
  });

  it('puts the rejected case back into the next file (退单: filed again), and no longer the completed one', async () => {
    await caughtUp(t);
    const res = await http().get('/api/filings/si-reduction?region=shanghai').set(as.specialist).buffer(true).parse(binary).expect(200);
    const rows = await sheetRows(res.body as Buffer);
    expect(rows.slice(1).map((r) => r[2])).toEqual([ID.B]);
  });

  it('takes a CSV receipt in GB18030 as the body itself', async () => {
    t.setToday('2024-07-05');
    const csv = iconv.encode(`公民身份号码,姓名,办理结果,失败原因,办理日期\n${ID.B},李四,成功,,2024-07-05\n`, 'gb18030');
    const res = await http()
      .post('/api/filings/si-reduction/receipts?region=shanghai&fileName=receipt.csv')
      .set(as.specialist)
      .set('Content-Type', 'text/csv')
      .send(csv)
      .expect(200);
    expect(res.body).toMatchObject({ format: 'csv', encoding: 'gb18030', completed: 1 });
    const b = await eventually(t, `/api/offboarding/${cases.B}`, as.specialist, (v) => stepOf(v, 'si_transfer_out').status === 'done');
    expect(b.socialInsuranceTransfer.attempts).toHaveLength(2);
  });

  it('files 退工 once the transfer-out is done, and imports its receipt', async () => {
    await caughtUp(t);
    const res = await http()
      .get('/api/filings/labor-termination?region=shanghai')
      .set(as.specialist)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const rows = await sheetRows(res.body as Buffer);
    expect(rows[0]).toEqual(['姓名', '身份证号码', '就业起始日期', '解除或终止日期', '退工原因', '转档形式', '退工备案和委托转档职介所']);
    // A and B have their transfer-out done; D's is not, so its 退工 stays locked (社保转出 before 退工).
    expect(
      rows
        .slice(1)
        .map((r) => r[1])
        .sort(),
    ).toEqual([ID.A, ID.B].sort());
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('退工回执');
    sheet.addRow(['身份证号码', '办理结果', '驳回原因', '办理日期']);
    sheet.addRow([ID.A, '成功', '', '2024-07-05']);
    sheet.addRow([ID.B, '驳回', '退工原因与合同不符', '2024-07-05']);
    const answer = await http()
      .post('/api/filings/labor-termination/receipts?region=shanghai')
      .set(as.specialist)
      .attach('file', Buffer.from(await workbook.xlsx.writeBuffer()), '退工回执.xlsx')
      .expect(200);
    expect(answer.body).toMatchObject({ completed: 1, rejected: 1, errors: 0 });
    const a = await eventually(t, `/api/offboarding/${cases.A}`, as.specialist, (v) => stepOf(v, 'labor_termination').status === 'done');
    expect(a.terminationDate).toBe('2024-06-30');
    const b = await eventually(
      t,
      `/api/offboarding/${cases.B}`,
      as.specialist,
      (v) => stepOf(v, 'labor_termination').status === 'rejected',
    );
    expect(b.laborTerminationRejections).toEqual([{ rejectedOn: '2024-07-05', reason: '退工原因与合同不符' }]);
  });

  it('reports a row without an ID number, and a rejection without the bureau’s reason, writing nothing for them', async () => {
    const file = await receipt([
      ['', '某人', '成功', '', '2024-07-05'],
      [ID.D, '赵六', '失败', '', '2024-07-05'],
    ]);
    const res = await http()
      .post('/api/filings/si-reduction/receipts?region=shanghai')
      .set(as.specialist)
      .attach('file', file, 'r.xlsx')
      .expect(200);
    expect(res.body.rows).toEqual([
      expect.objectContaining({
        row: 2,
        outcome: 'error',
        problems: [expect.objectContaining({ column: '公民身份号码', code: 'MISSING_VALUE' })],
      }),
      expect.objectContaining({
        row: 3,
        outcome: 'error',
        problems: [expect.objectContaining({ column: '失败原因', code: 'MISSING_VALUE' })],
      }),
    ]);
    const d = await api.read(`/api/offboarding/${cases.D}`, as.specialist);
    expect(d.socialInsuranceTransfer.attempts).toEqual([]);
  });

  it('documents both routes in OpenAPI with their 200 answers', async () => {
    const { paths, components } = (await http().get('/docs-json').expect(200)).body;
    expect(Object.keys(paths['/api/filings/{kind}'].get.responses['200'].content)).toEqual([XLSX, 'text/csv']);
    const answer = paths['/api/filings/{kind}/receipts'].post.responses['200'].content['application/json'].schema;
    expect(answer).toEqual({ $ref: '#/components/schemas/ReceiptReport' });
    expect(Object.keys(components.schemas.ReceiptReport.properties)).toEqual(
      expect.arrayContaining(['rows', 'completed', 'rejected', 'errors']),
    );
  });

  it('refuses a file it cannot read with 400 FILE_REJECTED, and a request without a file with 400 NO_FILE', async () => {
    const csv = Buffer.from('\uFEFF甲,乙\n1,2\n', 'utf8');
    const res = await http()
      .post('/api/filings/si-reduction/receipts?region=shanghai')
      .set(as.specialist)
      .set('Content-Type', 'text/csv')
      .send(csv)
      .expect(400);
    expect(res.body.code).toBe('FILE_REJECTED');
    // Text csv-parse cannot split into records (a quote closed mid-field; schemathesis found the 500 it gave).
    const garbled = await http()
      .post('/api/filings/labor-termination/receipts?region=shanghai')
      .set(as.specialist)
      .set('Content-Type', 'text/csv')
      .send('{"a": {"x": null}, "b": null, "file": ""}')
      .expect(400);
    expect(garbled.body.code).toBe('FILE_REJECTED');
    const none = await http().post('/api/filings/si-reduction/receipts?region=shanghai').set(as.specialist).send({}).expect(400);
    expect(none.body.code).toBe('NO_FILE');
    const huge = await http()
      .post('/api/filings/si-reduction/receipts?region=shanghai')
      .set(as.specialist)
      .set('Content-Type', 'text/csv')
      .send(Buffer.alloc(10 * 1024 * 1024 + 1, 0x41));
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('a bureau file is configuration, dated by China’s business day', () => {
  let t: TestApp;
  let now = new Date('2024-01-02T09:00:00.000Z');
  const http = () => request(t.app.getHttpServer());
  const at = (instant: string) => (now = new Date(instant));

  beforeAll(async () => {
    t = await startTestApp({}, { clock: () => new Date(now) });
    await http()
      .post('/api/employees')
      .set(as.specialist)
      .send(hireBody({ employeeId: 'E1', region: 'beijing' }))
      .expect(201);
    // A contract employee, under another category's policy: its cases go in the same file while the templates agree.
    await http()
      .post('/api/employees')
      .set(as.specialist)
      .send(
        hireBody({ employeeId: 'E2', region: 'beijing', category: 'enterprise_contract', name: '钱七', idNumber: '110101199003071532' }),
      )
      .expect(201);
    at('2024-06-20T02:00:00.000Z');
    for (const [employeeId, lastWorkingDay] of [
      ['E1', '2024-06-30'],
      ['E2', '2024-07-10'],
    ]) {
      const opened = await http()
        .post('/api/offboarding')
        .set(as.specialist)
        .send({ employeeId, reason: 'contract_expiry', lastWorkingDay })
        .expect(201);
      await http()
        .post(`/api/offboarding/${opened.body.caseId}/steps/approval`)
        .set(as.manager)
        .send({ effectiveDate: '2024-06-20' })
        .expect(200);
    }
  });
  afterAll(() => t.close());

  it('names the file and predicts 减员年月 for the business date in Beijing time, not the UTC date', async () => {
    await caughtUp(t);
    // 15 July 16:30 UTC is 16 July 00:30 in Beijing: past the 15th, so July is paid too and the reduction runs from August.
    at('2024-07-15T16:30:00.000Z');
    const res = await http().get('/api/filings/si-reduction?region=beijing').set(as.specialist).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="si-reduction-beijing-2024-07-16.xlsx"');
    const rows = await sheetRows(res.body as Buffer);
    expect(rows[0]).toEqual(['姓名', '公民身份号码', '减员原因', '离职日期', '减员年月']);
    expect(rows.slice(1)).toEqual([
      ['张三', '11010519491231002X', '合同期满', '20240630', '202408'],
      ['钱七', '110101199003071532', '合同期满', '20240710', '202408'],
    ]);
  });

  it('takes a new template published by the administrator, and refuses one naming an unknown field with 400 naming it', async () => {
    const { current } = (await http().get('/api/policies/beijing/enterprise_regular').set(as.admin).expect(200)).body;
    const { version: _v, ...draft } = current;
    const template = {
      ...current.parameters.filingTemplates.si_reduction[0],
      effectiveFrom: '2024-07-01',
      source: 'The bureau’s own template, downloaded 2024-07-01',
      columns: [
        { header: '证件号码', field: 'idNumber' },
        { header: '减员原因', field: 'reasonCode' },
        { header: '备注', field: 'constant', value: '批量减员' },
      ],
      reasonCodes: { resignation: '01', dismissal: '02', contract_expiry: '03', mutual_agreement: '04', retirement: '05' },
    };
    const withTemplate = (t: object) => ({
      ...draft,
      parameters: { ...draft.parameters, filingTemplates: { si_reduction: [draft.parameters.filingTemplates.si_reduction[0], t] } },
    });
    const bad = await http()
      .put('/api/policies/beijing/enterprise_regular')
      .set(as.admin)
      .send(withTemplate({ ...template, columns: [...template.columns, { header: '工资', field: 'monthlyWage' }] }))
      .expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'parameters.filingTemplates.si_reduction[1].columns[3].field' })]);
    await http().put('/api/policies/beijing/enterprise_regular').set(as.admin).send(withTemplate(template)).expect(200);
    // Contract staff are still under the old layout: one file per category.
    const differ = await http().get('/api/filings/si-reduction?region=beijing').set(as.specialist).expect(409);
    expect(differ.body).toMatchObject({ code: 'FILING_TEMPLATES_DIFFER', categories: ['enterprise_regular', 'enterprise_contract'] });
    const res = await http()
      .get('/api/filings/si-reduction?region=beijing&format=csv&category=enterprise_regular')
      .set(as.specialist)
      .expect(200);
    expect(res.text).toBe('\uFEFF证件号码,减员原因,备注\n11010519491231002X,03,批量减员\n');
    // The receipt part is the same in every category: one receipt answers them all.
    const receiptCsv = Buffer.from(
      '公民身份号码,办理结果,办理日期\n11010519491231002X,成功,2024-07-16\n110101199003071532,成功,2024-07-16\n',
      'utf8',
    );
    const answered = await http()
      .post('/api/filings/si-reduction/receipts?region=beijing')
      .set(as.specialist)
      .set('Content-Type', 'text/csv')
      .send(receiptCsv)
      .expect(200);
    expect(answered.body).toMatchObject({ completed: 2, errors: 0 });
  });
});

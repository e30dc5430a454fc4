import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { checkEvidence } from '../../src/audit/evidence-check';
import { EvidenceEvent } from '../../src/audit/evidence-format';
import { loadOrCreateSigningKey } from '../../src/audit/signing-key';
import { eventually, hireBody } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { as, bearer, tokenFor } from '../support/tokens';
import { recordHistory, storesIn } from './ledger-history';

const ROOT = resolve(__dirname, '../..');
const EMPLOYEE = 'E6001';
/** Written straight to the log as stored, as before sealing existed: its personal data is plaintext. */
const LEGACY = 'E6099';
const evidencePath = (id: string) => `/api/audit/employees/${id}/evidence`;

const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** npm run audit:verify, as a command-line user runs it: no DATA_DIR, no database. */
function auditVerify(args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', join(ROOT, 'src/cli/audit-verify.ts'), ...args],
      { cwd: ROOT, env: { ...process.env, DATA_DIR: join(tmpdir(), 'no-data-dir-here') } },
      (error, stdout) => done({ code: error ? Number(error.code ?? 1) : 0, stdout }),
    );
  });
}

/** Issue 14: the evidence package of one person over HTTP (GET /api/audit/employees/{id}/evidence), for the console's timeline page. */
describe('evidence package over HTTP', () => {
  let t: TestApp;
  let dataDir: string;
  let work: string;
  let publicKey: string;
  const http = () => request(t.app.getHttpServer());
  const download = (id: string, who: Record<string, string>) => http().get(evidencePath(id)).set(who).buffer(true).parse(binary);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-evidence-http-'));
    work = mkdtempSync(join(tmpdir(), 'ledger-evidence-files-'));
    const { raw } = storesIn(dataDir);
    await recordHistory(raw, LEGACY);
    await raw.close();
    t = await startTestApp({ DATA_DIR: dataDir });
    await http()
      .post('/api/employees')
      .set(as.specialist)
      .send(hireBody({ employeeId: EMPLOYEE }))
      .expect(201);
    await http()
      .post(`/api/employees/${EMPLOYEE}/social-insurance/enrollment`)
      .set(as.specialist)
      .send({ startMonth: '2020-01', insuranceTypes: ['pension'], contributionBase: 12000 })
      .expect(201);
    const opened = await http()
      .post('/api/offboarding')
      .set(as.specialist)
      .send({ employeeId: EMPLOYEE, reason: 'dismissal', lastWorkingDay: '2024-06-30', openedAt: '2024-06-01' })
      .expect(201);
    await http().post(`/api/offboarding/${opened.body.caseId}/steps/labor_termination`).set(as.specialist).send({}).expect(409);
    publicKey = (await http().get('/api/audit/public-key').expect(200)).text;
    writeFileSync(join(work, 'service.pem'), publicKey);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  it('answers an investigator the signed package as a download, which the offline verifier accepts with the service’s key', async () => {
    const res = await download(EMPLOYEE, as.investigator).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(res.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="evidence-${EMPLOYEE}-\\d{8}T\\d{6}Z\\.ndjson"$`));
    expect(res.headers['x-evidence-key-fingerprint']).toBe(loadOrCreateSigningKey(dataDir).fingerprint);
    const content = res.body as Buffer;
    const verdict = checkEvidence(content, publicKey);
    expect(verdict.problems).toEqual([]);
    expect(verdict).toMatchObject({ ok: true, header: { employeeId: EMPLOYEE }, key: { source: 'given' } });
    expect(verdict.streams.map((s) => [s.stream, s.scope, s.ok])).toEqual([
      [`employee-${EMPLOYEE}`, 'complete', true],
      [`insurance-${EMPLOYEE}`, 'complete', true],
      [expect.stringMatching(/^offboarding-/), 'complete', true],
      [expect.stringMatching(/^audit-\d{4}-\d{2}$/), 'excerpt', true],
    ]);

    const file = join(work, 'downloaded.ndjson');
    writeFileSync(file, content);
    const cli = await auditVerify([file, '--public-key', join(work, 'service.pem')]);
    expect(cli.stdout).toContain('OK: the signature holds and every chain is intact up to its signed head.');
    expect(cli.code).toBe(0);

    // Changed by one byte, it fails: the verifier can fail.
    const changed = Buffer.from(content.toString('utf8').replace('"EmployeeHired"', '"EmployeeHirex"'), 'utf8');
    expect(checkEvidence(changed, publicKey).ok).toBe(false);
  }, 60_000);

  it('holds the events the timeline lists, with the same hashes, and the personal data sealed', async () => {
    const timeline = await eventually(t, `/api/employees/${EMPLOYEE}/timeline`, as.investigator, (b) =>
      b.items.some((i: { type: string }) => i.type === 'CommandRefused'),
    );
    const content = (await download(EMPLOYEE, as.auditor).expect(200)).body as Buffer;
    const events = content
      .toString('utf8')
      .trimEnd()
      .split('\n')
      .slice(1, -1)
      .map((l) => JSON.parse(l) as EvidenceEvent);
    const packaged = new Map(events.map((e) => [e.id, e.metadata.hash]));
    for (const item of timeline.items as Array<{ eventId: string; hash: string; type: string }>) {
      expect([item.type, packaged.get(item.eventId)]).toEqual([item.type, item.hash]);
    }
    expect(events.find((e) => e.type === 'PersonalDataRecorded')!.data).toEqual({ employeeId: EMPLOYEE, sealed: expect.any(Object) });
    expect(content.toString('utf8')).not.toContain(hireBody().name);
    expect(content.toString('utf8')).not.toContain(hireBody().idNumber);
  });

  it('is for auditors, investigators and administrators only', async () => {
    for (const who of [as.auditor, as.investigator, as.admin]) await download(EMPLOYEE, who).expect(200);
    for (const who of [as.specialist, as.manager]) {
      expect((await http().get(evidencePath(EMPLOYEE)).set(who).expect(403)).body.code).toBe('FORBIDDEN');
    }
    await http().get(evidencePath(EMPLOYEE)).expect(401);
    await http()
      .get(evidencePath(EMPLOYEE))
      .set(bearer(tokenFor('x', ['janitor'])))
      .expect(401);
  });

  it('is in the OpenAPI document as an NDJSON download', async () => {
    const { paths } = (await http().get('/docs-json').expect(200)).body;
    const op = paths['/api/audit/employees/{id}/evidence'].get;
    expect(Object.keys(op.responses['200'].content)).toEqual(['application/x-ndjson']);
    expect(op.parameters.map((p: { name: string }) => p.name)).toContain('id');
  });

  it('answers 404 for an unknown employee and 400 for a bad id', async () => {
    expect((await http().get(evidencePath('NOPE1')).set(as.investigator).expect(404)).body.code).toBe('NOT_FOUND');
    await http().get('/api/audit/employees/bad%20id!/evidence').set(as.investigator).expect(400);
  });

  it('refuses roles that may not see personal data a record holding it in plaintext (unmaskable under its hash), and gives it to an administrator', async () => {
    for (const who of [as.investigator, as.auditor]) {
      const res = await http().get(evidencePath(LEGACY)).set(who).expect(403);
      expect(res.body.code).toBe('PERSONAL_DATA_IN_PLAINTEXT');
      expect(res.body.message).toMatch(/administrator/);
    }
    const res = await download(LEGACY, as.admin).expect(200);
    expect((res.body as Buffer).toString('utf8')).toContain('张三');
    expect(checkEvidence(res.body as Buffer, publicKey)).toMatchObject({ ok: true, problems: [] });
  });
});

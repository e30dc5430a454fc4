import { JwtService } from '@nestjs/jwt';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { eventually, hireBody } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { as, bearer, TEST_SECRET } from '../support/tokens';

/** Issue 11, item 5: inputs at the edges (nesting, control characters, dates, unknown fields, tokens), each refused before it reaches a store. */
describe('input edges over HTTP', () => {
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());
  const hire = (over: Record<string, unknown>) => http().post('/api/employees').set(as.specialist).send(hireBody(over));
  const fields = (body: { errors?: Array<{ field: string }> }) => (body.errors ?? []).map((e) => e.field);
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  describe('JSON bodies', () => {
    it('refuses deeply nested JSON with 400 JSON_TOO_DEEP, before parsing it', async () => {
      // Balanced, it is valid JSON under the 1 MB limit: before, a 500 after 1.2-1.9 s of a held event loop (recursive walks overflowing).
      for (const body of ['['.repeat(500_000) + ']'.repeat(500_000), '['.repeat(500_000)]) {
        const started = Date.now();
        const res = await http().post('/api/employees').set(as.specialist).set('Content-Type', 'application/json').send(body).expect(400);
        expect(res.body).toEqual({ statusCode: 400, code: 'JSON_TOO_DEEP', message: 'The request body nests deeper than 32 levels' });
        // The scan is linear and stops at depth 33 (generous bound for 2 shared cores).
        expect(Date.now() - started).toBeLessThan(1000);
      }
    });

    it('refuses nesting deeper than 32 even in a small, well-formed body', async () => {
      const deep = JSON.stringify({ ...hireBody({ employeeId: 'J1' }), contact: JSON.parse(`${'{"a":'.repeat(40)}1${'}'.repeat(40)}`) });
      expect(
        (await http().post('/api/employees').set(as.specialist).set('Content-Type', 'application/json').send(deep).expect(400)).body.code,
      ).toBe('JSON_TOO_DEEP');
    });

    it('counts brackets inside strings as text, not nesting', async () => {
      await hire({ employeeId: 'J2', orgUnit: `Finance ${'['.repeat(60)}` }).expect(201);
    });

    it('answers malformed JSON with 400 MALFORMED_JSON and never echoes the body', async () => {
      const res = await http()
        .post('/api/employees')
        .set(as.specialist)
        .set('Content-Type', 'application/json')
        .send('{"name":"SECRET-张三",')
        .expect(400);
      expect(res.body).toMatchObject({ code: 'MALFORMED_JSON' });
      expect(JSON.stringify(res.body)).not.toContain('SECRET');
    });

    it('answers a path value that does not percent-decode with 400 VALIDATION naming it, and a long one by its field rule', async () => {
      const res = await http().get('/api/employees/E%zz1').set(as.specialist).expect(400);
      expect(res.body).toEqual({ statusCode: 400, code: 'VALIDATION', message: "Failed to decode param 'E%zz1'" });
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      // Not the router's 414 for a path value over 100 characters: the field's own rule decides.
      expect(
        (
          await http()
            .get(`/api/employees/${'E'.repeat(150)}`)
            .set(as.specialist)
        ).status,
      ).not.toBe(414);
    });

    it('reads a gzip-compressed JSON body, and answers one that does not inflate with 400 BAD_BODY', async () => {
      const gzipped = gzipSync(JSON.stringify(hireBody({ employeeId: 'J4' })));
      // fetch sends the bytes as they are (superagent would serialise a Buffer as JSON).
      const { port } = t.app.getHttpServer().address() as { port: number };
      const raw = async (body: Buffer) => {
        const res = await fetch(`http://127.0.0.1:${port}/api/employees`, {
          method: 'POST',
          headers: { ...as.specialist, 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
          body,
        });
        return { status: res.status, body: await res.json() };
      };
      expect((await raw(gzipped)).status).toBe(201);
      expect(await raw(Buffer.from('not gzip'))).toEqual({
        status: 400,
        body: { statusCode: 400, code: 'BAD_BODY', message: 'The request body could not be read' },
      });
    });

    it('still answers 413 for a body over 1 MB', async () => {
      const big = JSON.stringify({ ...hireBody({ employeeId: 'J3' }), orgUnit: 'x'.repeat(1_100_000) });
      expect(
        (await http().post('/api/employees').set(as.specialist).set('Content-Type', 'application/json').send(big).expect(413)).body.code,
      ).toBe('PAYLOAD_TOO_LARGE');
    });
  });

  describe('free text', () => {
    const bad: Array<[string, string]> = [
      ['whitespace only', '   '],
      ['NUL', 'Zhang\u0000San'],
      ['CR', 'Finance\r=2+5*cmd|calc'],
      ['ESC', 'Fin\u001b[31mance'],
      ['C1', 'Fin\u0085ance'],
      ['a lone surrogate', 'Fin\ud800ance'],
      ['LF in a one-line field', 'Fin\nance'],
    ];
    it.each(bad)('refuses a name, org unit or position with %s, naming the field', async (_what, value) => {
      for (const field of ['name', 'orgUnit', 'position']) {
        const res = await hire({ employeeId: 'T1', [field]: value }).expect(400);
        expect(res.body.code).toBe('VALIDATION');
        expect(fields(res.body)).toEqual([field]);
      }
    });

    it('refuses the same in nested and other free-text fields (prior employer, address, notes, reasons)', async () => {
      const prior = await hire({
        employeeId: 'T2',
        priorTransfer: { fromEmployer: ' \t ', since: '2016-03-01', notOfOwnWill: true },
      }).expect(400);
      expect(fields(prior.body)).toEqual(['priorTransfer.fromEmployer']);
      const address = await hire({ employeeId: 'T2', contact: { address: 'Road\u0000 1' } }).expect(400);
      expect(fields(address.body)).toEqual(['contact.address']);
      await hire({ employeeId: 'T2' }).expect(201);
      const wage = await http()
        .post('/api/employees/T2/wages')
        .set(as.specialist)
        .send({ monthlyWage: 13000, effectiveDate: '2021-01-01', note: 'ok\u001b' })
        .expect(400);
      expect(fields(wage.body)).toEqual(['note']);
      const { caseId } = (
        await http()
          .post('/api/offboarding')
          .set(as.specialist)
          .send({ employeeId: 'T2', reason: 'resignation', lastWorkingDay: '2024-06-30', openedAt: '2024-06-01' })
          .expect(201)
      ).body;
      const cancel = await http().post(`/api/offboarding/${caseId}/cancel`).set(as.specialist).send({ note: '\r\n ' }).expect(400);
      expect(fields(cancel.body)).toEqual(['note']);
      const override = await http()
        .post(`/api/offboarding/${caseId}/steps/handover`)
        .set(as.manager)
        .send({ override: { reason: 'x\ud83d' } })
        .expect(400);
      expect(fields(override.body)).toEqual(['override.reason']);
    });

    it('keeps line breaks in notes, and trims the ends of every text', async () => {
      await hire({ employeeId: 'T3', name: '  李四 ', orgUnit: ' Sales\t' }).expect(201);
      const profile = await eventually(t, '/api/employees/T3', as.specialist);
      expect(profile).toMatchObject({ name: '李四', orgUnit: 'Sales' });
      await http()
        .post('/api/employees/T3/wages')
        .set(as.specialist)
        .send({ monthlyWage: 13000, effectiveDate: '2021-01-01', note: 'line one\r\nline two\n\tindented' })
        .expect(201);
    });
  });

  describe('masking', () => {
    it('never shows a one-character name whole to auditors and investigators', async () => {
      await hire({ employeeId: 'M1', name: '张' }).expect(201);
      for (const who of [as.auditor, as.investigator]) expect((await eventually(t, '/api/employees/M1', who)).name).toBe('*');
      const at = encodeURIComponent(new Date(Date.now() + 1000).toISOString().replace('Z', '+00:00'));
      const asOf = (await http().get(`/api/audit/employees/M1/as-of?at=${at}`).set(as.auditor).expect(200)).body;
      expect(JSON.stringify(asOf)).not.toContain('张');
      expect(asOf.archive.personalData.name).toBe('*');
    });
  });

  describe('dates', () => {
    it('refuses dates outside 1949-10-01 .. 2100-12-31 as plain input errors naming the field', async () => {
      for (const hireDate of ['9999-12-31', '1949-09-30', '0001-01-01'])
        expect(fields((await hire({ employeeId: 'D1', hireDate }).expect(400)).body)).toEqual(['hireDate']);
      await hire({ employeeId: 'D1', hireDate: '2020-01-06' }).expect(201);
      const pay = await http()
        .post('/api/employees/D1/pay-records')
        .set(as.specialist)
        .send({ month: '9999-12', amount: 1000 })
        .expect(400);
      expect(fields(pay.body)).toEqual(['month']);
      const severance = await http()
        .get('/api/employees/D1/severance?terminationDate=9999-12-31&reason=dismissal')
        .set(as.manager)
        .expect(400);
      expect(fields(severance.body)).toEqual(['terminationDate']);
    });

    it('refuses a severance question with a termination before the hire date, naming terminationDate', async () => {
      await hire({ employeeId: 'D2', hireDate: '2020-01-06' }).expect(201);
      const res = await http().get('/api/employees/D2/severance?terminationDate=2019-12-31&reason=dismissal').set(as.manager).expect(400);
      expect(res.body).toMatchObject({ field: 'terminationDate' });
    });
  });

  describe('policies', () => {
    const put = (body: object) => http().put('/api/policies/xiamen/enterprise_contract').set(as.admin).send(body);
    let current: Record<string, any>;
    beforeAll(async () => {
      current = (await http().get('/api/policies/xiamen/enterprise_contract').set(as.admin).expect(200)).body.current;
    });

    it.each([
      ['extra', (p: any) => ({ ...p, extra: 1 }), 'extra'],
      ['__proto__', (p: any) => JSON.parse(JSON.stringify(p).replace(/^\{/, '{"__proto__":{"polluted":1},')), '__proto__'],
      ['constructor', (p: any) => ({ ...p, constructor: { prototype: {} } }), 'constructor'],
      ['steps[0].evil', (p: any) => ({ ...p, steps: [{ ...p.steps[0], evil: true }, ...p.steps.slice(1)] }), 'steps[0].evil'],
      [
        'steps[1].due.x',
        (p: any) => ({ ...p, steps: [p.steps[0], { ...p.steps[1], due: { ...p.steps[1].due, x: 1 } }, ...p.steps.slice(2)] }),
        'steps[1].due.x',
      ],
      [
        'parameters.siReduction[0].rule.y',
        (p: any) => ({
          ...p,
          parameters: {
            ...p.parameters,
            siReduction: [
              { ...p.parameters.siReduction[0], rule: { ...p.parameters.siReduction[0].rule, y: 1 } },
              ...p.parameters.siReduction.slice(1),
            ],
          },
        }),
        'parameters.siReduction[0].rule.y',
      ],
    ])('refuses an unknown field (%s) with 400 naming its path, and publishes nothing', async (_name, change, path) => {
      const { version: _v, ...draft } = current;
      const res = await put(change(draft)).expect(400);
      expect(res.body.code).toBe('VALIDATION');
      expect(fields(res.body)).toContain(path);
      expect((await http().get('/api/policies/xiamen/enterprise_contract').set(as.admin).expect(200)).body.versions).toEqual([1]);
    });

    it('still publishes what GET returned, version included', async () => {
      await put(current).expect(200);
    });
  });

  describe('CSV exports', () => {
    it('neutralises a formula in a text cell; a CR that could start a row never gets in', async () => {
      await hire({ employeeId: 'X1', orgUnit: '=2+5*cmd|calc' }).expect(201);
      expect(fields((await hire({ employeeId: 'X2', orgUnit: 'Sales\r=2+5*cmd|calc' }).expect(400)).body)).toEqual(['orgUnit']);
      await eventually(t, '/api/employees/X1', as.manager);
      const csv = (await http().get('/api/reports/incomplete-records?pageSize=100').set(as.manager).set('Accept', 'text/csv').expect(200))
        .text;
      const row = csv.split('\n').find((line) => line.startsWith('X1,'))!;
      expect(row).toContain(`'=2+5*cmd|calc`);
      expect(csv).not.toMatch(/(^|[\r\n,])=2\+5/);
    });
  });

  describe('PATCH personal data', () => {
    it('refuses an empty body and writes nothing for values already on record', async () => {
      const hired = (await hire({ employeeId: 'P1', contact: { phone: '13800000000' } }).expect(201)).body;
      const patch = (body: object) => http().patch('/api/employees/P1/personal-data').set(as.specialist).send(body);
      expect((await patch({}).expect(400)).body.code).toBe('VALIDATION');
      for (const same of [
        { name: '张三' },
        { idNumber: '11010519491231002x' },
        { contact: { phone: '13800000000' } },
        { name: '张三', contact: { phone: '13800000000' } },
      ]) {
        expect((await patch(same).expect(200)).body).toMatchObject({ revision: hired.revision, position: hired.position });
      }
      const stream = (await http().get('/api/audit/streams/employee-P1/events').set(as.auditor).expect(200)).body;
      expect((stream.items ?? stream).length).toBe(hired.revision + 1);
      expect((await patch({ name: '张三丰' }).expect(200)).body.revision).toBe(hired.revision + 1);
    });
  });

  describe('token lifetime', () => {
    const jwt = new JwtService();
    const now = () => Math.floor(Date.now() / 1000);
    const sign = (claims: Record<string, unknown>) =>
      bearer(
        jwt.sign(
          { sub: 'edge', roles: ['auditor'], ...claims },
          { secret: TEST_SECRET, algorithm: 'HS256', noTimestamp: !('iat' in claims) },
        ),
      );

    it('refuses a token living longer than 24 hours, or issued in the future, with 401', async () => {
      const year9999 = Date.UTC(9999, 0, 1) / 1000;
      for (const claims of [
        { exp: year9999 },
        { iat: now(), exp: now() + 25 * 3600 },
        { iat: now() + 600, exp: now() + 3600 },
        { iat: now() - 3600, exp: now() + 24 * 3600 },
      ]) {
        const res = await http().get('/api/policies').set(sign(claims)).expect(401);
        expect(res.body.code).toBe('UNAUTHENTICATED');
      }
    });

    it('is what npm run token mints: its default passes, more than the maximum is refused at the command line', async () => {
      const mint = (...args: string[]) =>
        spawnSync(
          process.execPath,
          [
            require.resolve('ts-node/dist/bin.js'),
            '--transpile-only',
            join(__dirname, '../../src/cli/issue-token.ts'),
            '--sub',
            'cli',
            '--roles',
            'auditor',
            ...args,
          ],
          {
            env: { ...process.env, AUTH_JWT_SECRET: TEST_SECRET },
            encoding: 'utf8',
          },
        );
      const minted = mint();
      expect(minted.status).toBe(0);
      await http().get('/api/policies').set(bearer(minted.stdout.trim())).expect(200);
      const tooLong = mint('--hours', '25');
      expect(tooLong.status).toBe(64);
      expect(tooLong.stdout).toBe('');
    }, 60_000);

    it('accepts a token within the limits, a little clock skew included, and one without iat that expires within 24 hours', async () => {
      for (const claims of [
        { exp: now() + 24 * 3600 },
        { iat: now() + 30, exp: now() + 3600 },
        { iat: now() - 3600, exp: now() + 23 * 3600 },
      ]) {
        await http().get('/api/policies').set(sign(claims)).expect(200);
      }
    });
  });
});

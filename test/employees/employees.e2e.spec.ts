import request from 'supertest';
import { eventually, hireBody } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { as, bearer, tokenFor, unsignedToken } from '../support/tokens';

describe('employees and social insurance over HTTP', () => {
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  describe('hiring', () => {
    it('creates the archive and answers with the stream, revision and position', async () => {
      const res = await http().post('/api/employees').set(as.specialist).send(hireBody()).expect(201);
      expect(res.body).toEqual({ employeeId: 'E1001', stream: 'employee-E1001', revision: 1, position: expect.stringMatching(/^\d+$/) });
    });

    it('refuses a known id with 409 EMPLOYEE_EXISTS', async () => {
      const res = await http().post('/api/employees').set(as.specialist).send(hireBody()).expect(409);
      expect(res.body.code).toBe('EMPLOYEE_EXISTS');
    });

    it('generates an id when none is given', async () => {
      const { employeeId, ...body } = hireBody();
      const res = await http().post('/api/employees').set(as.manager).send(body).expect(201);
      expect(res.body.employeeId).toMatch(/^E[0-9A-F]{12}$/);
      expect(employeeId).toBe('E1001');
    });

    it('lists every bad field in one 400, without echoing the ID number', async () => {
      const res = await http()
        .post('/api/employees')
        .set(as.specialist)
        .send(
          hireBody({
            employeeId: 'E2',
            idNumber: '110105194912310021',
            hireDate: '2024-02-30',
            category: 'intern',
            monthlyWage: -1,
            salaryBand: 'B',
          }),
        )
        .expect(400);
      expect(res.body.code).toBe('VALIDATION');
      const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
      expect(fields).toEqual(['category', 'hireDate', 'idNumber', 'monthlyWage', 'salaryBand']);
      expect(JSON.stringify(res.body)).not.toContain('110105194912310021');
    });

    it('refuses null where a field may only be left out', async () => {
      const res = await http()
        .patch('/api/employees/E1001/personal-data')
        .set(as.specialist)
        .send({ name: '张三', idNumber: null })
        .expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'idNumber' })]);
    });

    it('refuses a region without a policy, naming the field', async () => {
      const res = await http()
        .post('/api/employees')
        .set(as.specialist)
        .send(hireBody({ employeeId: 'E3', region: 'atlantis' }))
        .expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'region' })]);
    });

    it('answers malformed JSON with 400 and an oversized body with 413', async () => {
      const bad = await http()
        .post('/api/employees')
        .set(as.specialist)
        .set('Content-Type', 'application/json')
        .send('{"name": ')
        .expect(400);
      expect(bad.body.statusCode).toBe(400);
      const big = await http()
        .post('/api/employees')
        .set(as.specialist)
        .send(hireBody({ position: 'x'.repeat(1_100_000) }));
      expect(big.status).toBe(413);
    });

    it('writes once when a request is retried with the same Idempotency-Key', async () => {
      const first = await http()
        .post('/api/employees')
        .set(as.specialist)
        .set('Idempotency-Key', 'hire-E5')
        .send(hireBody({ employeeId: 'E5' }))
        .expect(201);
      const retry = await http()
        .post('/api/employees')
        .set(as.specialist)
        .set('Idempotency-Key', 'hire-E5')
        .send(hireBody({ employeeId: 'E5' }))
        .expect(201);
      expect(retry.body).toEqual(first.body);
    });
  });

  describe('the profile', () => {
    it('shows personal data to HR and masks it for auditors and investigators', async () => {
      const hr = await eventually(t, '/api/employees/E1001', as.specialist);
      expect(hr).toMatchObject({
        employeeId: 'E1001',
        name: '张三',
        idNumber: '11010519491231002X',
        status: 'employed',
        region: 'shanghai',
      });
      for (const role of [as.auditor, as.investigator]) {
        const masked = (await http().get('/api/employees/E1001').set(role).expect(200)).body;
        expect(masked).toMatchObject({ name: '张*', idNumber: '110105********002X' });
        expect(JSON.stringify(masked)).not.toContain('张三');
      }
    });

    it('answers 404 for an unknown employee', async () => {
      expect((await http().get('/api/employees/NOPE').set(as.specialist).expect(404)).body.code).toBe('NOT_FOUND');
    });
  });

  describe('contracts', () => {
    it('records a contract and refuses an overlapping one', async () => {
      await http()
        .post('/api/employees/E1001/contracts')
        .set(as.specialist)
        .send({ contractId: 'C1', type: 'fixed_term', startDate: '2020-01-06', endDate: '2023-01-05' })
        .expect(201);
      const overlap = await http()
        .post('/api/employees/E1001/contracts')
        .set(as.specialist)
        .send({ contractId: 'C2', type: 'open_ended', startDate: '2023-01-05' })
        .expect(409);
      expect(overlap.body.code).toBe('CONTRACT_OVERLAP');
      await http()
        .post('/api/employees/E1001/contracts')
        .set(as.specialist)
        .send({ contractId: 'C2', type: 'open_ended', startDate: '2023-01-06' })
        .expect(201);
    });

    it('refuses an unknown contract type and an impossible date', async () => {
      const res = await http()
        .post('/api/employees/E1001/contracts')
        .set(as.specialist)
        .send({ contractId: 'C9', type: 'gig', startDate: '2023-13-01' })
        .expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['startDate', 'type']);
    });
  });

  describe('social insurance', () => {
    const base = '/api/employees/E1001/social-insurance';
    it('refuses a contribution and a base adjustment before enrolment as not enrolled, not as an unknown employee', async () => {
      const contribution = await http()
        .post(`${base}/contributions`)
        .set(as.specialist)
        .send({ month: '2024-03', base: 12000 })
        .expect(409);
      expect(contribution.body.code).toBe('NOT_ENROLLED');
      const adjustment = await http()
        .post(`${base}/base-adjustments`)
        .set(as.specialist)
        .send({ fromMonth: '2024-03', contributionBase: 13000 })
        .expect(409);
      expect(adjustment.body.code).toBe('NOT_ENROLLED');
    });

    it('enrols once', async () => {
      await http()
        .post(`${base}/enrollment`)
        .set(as.specialist)
        .send({
          startMonth: '2020-01',
          insuranceTypes: ['pension', 'medical', 'unemployment', 'work_injury', 'maternity'],
          contributionBase: 12000,
        })
        .expect(201);
      const again = await http()
        .post(`${base}/enrollment`)
        .set(as.specialist)
        .send({ startMonth: '2020-01', insuranceTypes: ['pension'], contributionBase: 12000 })
        .expect(409);
      expect(again.body.code).toBe('ALREADY_ENROLLED');
    });

    it('records contributions and refuses duplicates, months before enrolment and bad months', async () => {
      await http().post(`${base}/contributions`).set(as.specialist).send({ month: '2024-03', base: 12000 }).expect(201);
      expect(
        (await http().post(`${base}/contributions`).set(as.specialist).send({ month: '2024-03', base: 12000 }).expect(409)).body.code,
      ).toBe('DUPLICATE_CONTRIBUTION');
      await http().post(`${base}/contributions`).set(as.specialist).send({ month: '2024-03', base: 12500, correction: true }).expect(201);
      expect(
        (await http().post(`${base}/contributions`).set(as.specialist).send({ month: '2019-12', base: 12000 }).expect(409)).body.code,
      ).toBe('DATE_OUT_OF_ORDER'); // before the hire (2020-01-06), which the refusal names
      const bad = await http()
        .post(`${base}/contributions`)
        .set(as.specialist)
        .send({ month: '2024-13', base: -5, insuranceTypes: ['pension', 'dental'] })
        .expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['base', 'insuranceTypes', 'month']);
    });

    it('answers 404 for an unknown employee, for a contribution and for a base adjustment', async () => {
      await http()
        .post('/api/employees/NOPE/social-insurance/contributions')
        .set(as.specialist)
        .send({ month: '2024-03', base: 1 })
        .expect(404);
      const adjustment = await http()
        .post('/api/employees/NOPE/social-insurance/base-adjustments')
        .set(as.specialist)
        .send({ fromMonth: '2024-03', contributionBase: 13000 })
        .expect(404);
      expect(adjustment.body.code).toBe('NOT_FOUND');
    });

    it('shows the account on the profile', async () => {
      const profile = await eventually(
        t,
        '/api/employees/E1001',
        as.specialist,
        (p) => p.socialInsurance?.lastPaidMonth?.pension === '2024-03',
      );
      expect(profile.socialInsurance).toMatchObject({ enrolled: true, startMonth: '2020-01', contributionBase: 12000 });
    });
  });

  describe('authentication and roles', () => {
    const server = () => http().get('/api/employees/E1001');
    it.each([
      ['no token', {}],
      ['a malformed header', { Authorization: 'Token abc' }],
      ['alg none', bearer(unsignedToken('mallory', ['admin']))],
      ['a wrong key', bearer(tokenFor('mallory', ['admin'], { secret: 'another-secret-another-secret-another!!' }))],
      ['another algorithm', bearer(tokenFor('mallory', ['admin'], { algorithm: 'HS384' }))],
      ['an expired token', bearer(tokenFor('alice', ['hr_specialist'], { expiresIn: -10 }))],
      ['no roles', bearer(tokenFor('alice', []))],
      ['only unknown roles', bearer(tokenFor('alice', ['superuser']))],
    ])('answers 401 for %s', async (_, headers) => {
      const res = await server()
        .set(headers as Record<string, string>)
        .expect(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    });

    it.each([
      ['auditor', as.auditor],
      ['investigator', as.investigator],
      ['admin', as.admin],
    ])('answers 403 when an %s tries to hire', async (_, headers) => {
      expect(
        (
          await http()
            .post('/api/employees')
            .set(headers)
            .send(hireBody({ employeeId: 'E9' }))
            .expect(403)
        ).body.code,
      ).toBe('FORBIDDEN');
    });

    it('records the token subject and acting role as the actor of the events', async () => {
      const res = await http()
        .post('/api/employees')
        .set(as.manager)
        .send(hireBody({ employeeId: 'E7' }))
        .expect(201);
      const { EVENT_STORE } = await import('../../src/infrastructure/event-store/event-store.port');
      const events = await t.app.get(EVENT_STORE).readStream(res.body.stream);
      expect(events[0].metadata).toMatchObject({
        actor: { id: 'hr-mgr-1', role: 'hr_manager' },
        source: 'api',
        effectiveDate: '2020-01-06',
      });
    });
  });
});

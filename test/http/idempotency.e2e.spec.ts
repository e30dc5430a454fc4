import request from 'supertest';
import { EVENT_STORE, EventStore } from '../../src/infrastructure/event-store/event-store.port';
import { hireBody } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { as, bearer, tokenFor } from '../support/tokens';

/**
 * Idempotency-Key over HTTP (issue 11, item 4): a key is scoped to the caller and the
 * route; the same request again answers the first answer and writes nothing; another
 * request under the same key on the same route is 422 IDEMPOTENCY_KEY_REUSED and writes nothing.
 */
describe('Idempotency-Key', () => {
  let t: TestApp;
  let store: EventStore;
  const http = () => request(t.app.getHttpServer());
  const length = async (stream: string) => (await store.readStream(stream)).length;
  const headAfter = async <T>(run: () => Promise<T>) => {
    const before = await store.headPosition();
    const result = await run();
    return { result, wrote: (await store.headPosition()) !== before };
  };

  async function hireAndEnrol(employeeId: string) {
    await http().post('/api/employees').set(as.specialist).send(hireBody({ employeeId })).expect(201);
    await http()
      .post(`/api/employees/${employeeId}/social-insurance/enrollment`)
      .set(as.specialist)
      .send({ startMonth: '2020-01', insuranceTypes: ['pension', 'medical'], contributionBase: 12000 })
      .expect(201);
  }

  beforeAll(async () => {
    t = await startTestApp();
    store = t.app.get<EventStore>(EVENT_STORE);
  });
  afterAll(() => t.close());

  describe('on one case, the same key for approval, handover and cancellation', () => {
    let caseId: string;
    beforeAll(async () => {
      await hireAndEnrol('E7001');
      const opened = await http()
        .post('/api/offboarding')
        .set(as.specialist)
        .send({ employeeId: 'E7001', reason: 'dismissal', lastWorkingDay: '2024-06-30', openedAt: '2024-06-01' })
        .expect(201);
      caseId = opened.body.caseId;
    });

    it('answers a retried approval with the first answer, refuses the handover under that key with 422, and cancels (another route)', async () => {
      const approve = () =>
        http()
          .post(`/api/offboarding/${caseId}/steps/approval`)
          .set(as.manager)
          .set('Idempotency-Key', 'k-1')
          .send({ effectiveDate: '2024-06-20' });
      const first = await approve().expect(200);
      expect(first.body.revision).toBe(1);
      const retry = await headAfter(() => approve().expect(200));
      expect(retry.result.body).toEqual(first.body);
      expect(retry.wrote).toBe(false);

      const handover = await headAfter(() =>
        http()
          .post(`/api/offboarding/${caseId}/steps/handover`)
          .set(as.manager)
          .set('Idempotency-Key', 'k-1')
          .send({ effectiveDate: '2024-06-20' })
          .expect(422),
      );
      expect(handover.result.body).toMatchObject({ statusCode: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
      expect(handover.wrote).toBe(false);

      const cancel = await http()
        .post(`/api/offboarding/${caseId}/cancel`)
        .set(as.manager)
        .set('Idempotency-Key', 'k-1')
        .send({ note: 'withdrawn' })
        .expect(200);
      expect(cancel.body.revision).toBe(2);
      expect((await store.readStream(`offboarding-${caseId}`)).map((e) => e.type)).toEqual([
        'OffboardingCaseOpened',
        'StepCompleted',
        'OffboardingCaseCancelled',
      ]);
    });
  });

  describe('contributions', () => {
    beforeAll(() => hireAndEnrol('E7002'));
    const contribute = (key: string, month: string, who = as.specialist) =>
      http().post('/api/employees/E7002/social-insurance/contributions').set(who).set('Idempotency-Key', key).send({ month, base: 12000 });

    it('refuses another month under a used key with 422 and records nothing; the same month again answers the first answer', async () => {
      const first = await contribute('c-1', '2024-03').expect(201);
      const other = await headAfter(() => contribute('c-1', '2024-04').expect(422));
      expect(other.result.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(other.wrote).toBe(false);
      const again = await headAfter(() => contribute('c-1', '2024-03').expect(201));
      expect(again.result.body).toEqual(first.body);
      expect(again.wrote).toBe(false);
    });

    it('treats the same key from another caller as an independent command', async () => {
      const before = await length('insurance-E7002');
      await contribute('c-2', '2024-05').expect(201);
      const other = await contribute('c-2', '2024-06', bearer(tokenFor('hr-spec-2', ['hr_specialist']))).expect(201);
      expect(other.body.revision).toBe(before + 1);
      expect(await length('insurance-E7002')).toBe(before + 2);
    });
  });

  it('does not answer an erasure with the events of the hire that used the same key', async () => {
    const both = bearer(tokenFor('ops-1', ['hr_specialist', 'admin']));
    await http()
      .post('/api/employees')
      .set(both)
      .set('Idempotency-Key', 'shared')
      .send(hireBody({ employeeId: 'E7003' }))
      .expect(201);
    const erase = await http().delete('/api/employees/E7003/personal-data').set(both).set('Idempotency-Key', 'shared');
    expect(erase.status).toBe(409);
    expect(erase.body.code).toBe('EMPLOYEE_EMPLOYED');
  });

  it('hires once when a hire without employeeId is retried', async () => {
    const body = hireBody({ employeeId: undefined, idNumber: '11010519491231002X' });
    const first = await http().post('/api/employees').set(as.specialist).set('Idempotency-Key', 'hire-anon').send(body).expect(201);
    const retry = await headAfter(() =>
      http().post('/api/employees').set(as.specialist).set('Idempotency-Key', 'hire-anon').send(body).expect(201),
    );
    expect(retry.result.body).toEqual(first.body);
    expect(retry.wrote).toBe(false);
  });

  it('opens one case for a retried opening and refuses another opening under the key with 422, writing nothing', async () => {
    await hireAndEnrol('E7004');
    const open = (lastWorkingDay: string) =>
      http()
        .post('/api/offboarding')
        .set(as.specialist)
        .set('Idempotency-Key', 'open-1')
        .send({ employeeId: 'E7004', reason: 'dismissal', lastWorkingDay, openedAt: '2024-06-01' });
    const first = await open('2024-06-30').expect(201);
    const retry = await headAfter(() => open('2024-06-30').expect(201));
    expect(retry.result.body).toEqual(first.body);
    expect(retry.wrote).toBe(false);
    const other = await headAfter(() => open('2024-07-31').expect(422));
    expect(other.result.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(other.wrote).toBe(false);
  });
});

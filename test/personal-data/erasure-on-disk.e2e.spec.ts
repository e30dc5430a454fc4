import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { eventually, hireBody } from '../support/http';
import { plaintextOnDisk } from '../support/plaintext-on-disk';
import { startTestApp, TestApp } from '../support/test-app';
import { as } from '../support/tokens';

// Found nowhere else in the data directory: the other employee is the default 张三.
const NAME = '司马蔷薇';
const ID_NUMBER = '440305198704121238';
const EMAIL = 'qiangwei.sima@example.org';
const SECRETS = [NAME, ID_NUMBER, EMAIL];

/**
 * What an erasure must leave on disk: no byte of the person's name, ID number or
 * e-mail in any file under DATA_DIR (every database, its WAL or journal, the key
 * store) by the time the DELETE answers. Before issue 11 the profile read model
 * kept them in clear in read-models.db and its WAL until a checkpoint.
 */
describe('erasure leaves no plaintext under DATA_DIR', () => {
  let t: TestApp;
  let app: INestApplication;
  let now = new Date('2024-06-20T09:00:00.000Z');
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    t = await startTestApp({}, { clock: () => new Date(now) });
    app = t.app;
  });
  afterAll(() => t.close());

  it('finds the person in no file once the DELETE has answered, though the service keeps running', async () => {
    await http()
      .post('/api/employees')
      .set(as.specialist)
      .send(hireBody({ employeeId: 'E7', name: NAME, idNumber: ID_NUMBER, contact: { email: EMAIL } }))
      .expect(201);
    await http()
      .post('/api/employees')
      .set(as.specialist)
      .send(hireBody({ employeeId: 'E8' }))
      .expect(201);
    // The profile shows the person before the erasure: the API still opens personal data for HR.
    expect(await eventually(t, '/api/employees/E7', as.specialist, (p) => p.name === NAME)).toMatchObject({
      name: NAME,
      idNumber: ID_NUMBER,
      contact: { email: EMAIL },
    });
    const { caseId } = (
      await http()
        .post('/api/offboarding')
        .set(as.specialist)
        .send({ employeeId: 'E7', reason: 'dismissal', lastWorkingDay: '2024-06-30', openedAt: '2024-06-01' })
        .expect(201)
    ).body;
    const step = (key: string, body: Record<string, unknown>, who = as.specialist) =>
      http().post(`/api/offboarding/${caseId}/steps/${key}`).set(who).send(body).expect(200);
    now = new Date('2024-07-05T09:00:00.000Z');
    await step('approval', { effectiveDate: '2024-06-20' }, as.manager);
    await step('handover', { effectiveDate: '2024-06-28' });
    await step('si_transfer_out', { action: 'request', effectiveDate: '2024-07-01' });
    await step('si_transfer_out', { action: 'complete', effectiveDate: '2024-07-03', data: { lastPaidMonth: '2024-06' } });
    await step('labor_termination', { effectiveDate: '2024-07-05', data: { terminationDate: '2024-06-30' } });
    await eventually(t, '/api/employees/E7', as.specialist, (p) => p.status === 'separated');

    now = new Date('2026-07-01T09:00:00.000Z');
    await http().delete('/api/employees/E7/personal-data').set(as.admin).expect(200);

    expect(plaintextOnDisk(t.config.dataDir, SECRETS)).toEqual([]);
    expect((await http().get('/api/employees/E7').set(as.specialist).expect(200)).body).toMatchObject({
      name: null,
      idNumber: null,
      personalDataErased: true,
    });
  }, 30_000);
});

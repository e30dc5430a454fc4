import Database from 'better-sqlite3';
import request from 'supertest';
import { EVENT_STORE } from '../../src/infrastructure/event-store/event-store.port';
import { RAW_EVENT_STORE } from '../../src/infrastructure/stores.module';
import { hireBody } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { as } from '../support/tokens';

/** The embedded event store's own connection: faults are injected where the service writes. */
const connectionOf = (t: TestApp) => (t.app.get(RAW_EVENT_STORE) as unknown as { db: Database.Database }).db;

describe('the embedded event store failing', () => {
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());
  beforeAll(async () => {
    t = await startTestApp();
    await http()
      .post('/api/employees')
      .set(as.specialist)
      .send(hireBody({ employeeId: 'F1' }))
      .expect(201);
  });
  afterAll(() => t.close());

  it('answers 503 with Retry-After when the disk is full, keeps every acknowledged event, and recovers when space returns', async () => {
    const db = connectionOf(t);
    const pages = db.pragma('page_count', { simple: true }) as number;
    const before = (await t.app.get(EVENT_STORE).readStream('employee-F1')).length;
    const acknowledged: string[] = [];
    db.pragma(`max_page_count = ${pages}`);
    try {
      // Hire until the file needs a page it may not have.
      let res;
      for (let i = 0; i < 500; i++) {
        res = await http()
          .post('/api/employees')
          .set(as.specialist)
          .send(hireBody({ employeeId: `F2-${i}`, position: '会计'.repeat(40) }));
        if (res.status !== 201) break;
        acknowledged.push(`F2-${i}`);
      }
      res = res!;
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('STORE_UNAVAILABLE');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      db.pragma('max_page_count = 4294967294');
    }
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(await t.app.get(EVENT_STORE).readStream('employee-F1')).toHaveLength(before);
    for (const id of acknowledged) expect(await t.app.get(EVENT_STORE).readStream(`employee-${id}`)).toHaveLength(2);
    await http()
      .post('/api/employees')
      .set(as.specialist)
      .send(hireBody({ employeeId: 'F3' }))
      .expect(201);
  });

  it('answers 503 while the database is read-only, and recovers when it is writable again', async () => {
    const db = connectionOf(t);
    db.pragma('query_only = ON');
    try {
      const res = await http()
        .post('/api/employees')
        .set(as.specialist)
        .send(hireBody({ employeeId: 'F4' }))
        .expect(503);
      expect(res.headers['retry-after']).toBeDefined();
      await http().get('/api/employees/F1').set(as.specialist).expect(200);
    } finally {
      db.pragma('query_only = OFF');
    }
    await http()
      .post('/api/employees')
      .set(as.specialist)
      .send(hireBody({ employeeId: 'F4' }))
      .expect(201);
  });
});

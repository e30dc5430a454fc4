import request from 'supertest';
import { findFerretDbBinary, startFerretDb, FerretDb } from '../support/ferretdb';
import { freePort } from '../support/free-port';
import { EsdbStandIn } from '../support/esdb-standin/esdb-standin';
import { eventually, hireBody } from '../support/http';
import { TcpForwarder } from '../support/tcp-forwarder';
import { startTestApp, TestApp } from '../support/test-app';
import { as } from '../support/tokens';

const ferretDbBinary = findFerretDbBinary();
if (!ferretDbBinary) console.log('Fault test on the production stores skipped: no FerretDB binary (npm run tools:ferretdb).');

/**
 * The service on EventStoreDB (the in-process stand-in) and MongoDB (FerretDB),
 * each reached through a forwarder the test cuts and restores: while a store is
 * gone the API answers 503 with Retry-After, never 500, and it recovers by itself.
 */
(ferretDbBinary ? describe : describe.skip)('the production stores going down and coming back', () => {
  let t: TestApp;
  let esdb: EsdbStandIn;
  let ferret: FerretDb;
  let esdbLink: TcpForwarder;
  let mongoLink: TcpForwarder;
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    esdb = await EsdbStandIn.start();
    ferret = await startFerretDb(ferretDbBinary!);
    const esdbTarget = new URL(esdb.connectionString.replace('esdb://', 'http://'));
    const mongoTarget = new URL(ferret.uri.replace('mongodb://', 'http://'));
    esdbLink = new TcpForwarder(await freePort(), { host: '127.0.0.1', port: Number(esdbTarget.port) });
    mongoLink = new TcpForwarder(await freePort(), { host: '127.0.0.1', port: Number(mongoTarget.port) });
    await esdbLink.open();
    await mongoLink.open();
    t = await startTestApp({
      EVENT_STORE: 'esdb',
      EVENTSTORE_CONNECTION_STRING: `esdb://127.0.0.1:${esdbLink.port}?tls=false`,
      READ_STORE: 'mongo',
      MONGODB_URI: `mongodb://127.0.0.1:${mongoLink.port}/`,
      MONGODB_DATABASE: `faults_${process.pid}`,
    });
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await esdbLink?.cut();
    await mongoLink?.cut();
    await esdb?.stop();
    await ferret?.stop();
  }, 30_000);

  /** Sends the request until it answers 503 (for at most 5 s), and returns that answer; fails with the last status otherwise. */
  async function until503(send: () => request.Test): Promise<request.Response> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const res = await send();
      if (res.status === 503) return res;
      if (Date.now() > deadline)
        throw new Error(`expected 503 while the store is unreachable, got ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('works end to end on EventStoreDB and MongoDB', async () => {
    await http()
      .post('/api/employees')
      .set(as.specialist)
      .send(hireBody({ employeeId: 'P1' }))
      .expect(201);
    await eventually(t, '/api/employees/P1', as.specialist, () => true, 10_000);
  }, 20_000);

  it('answers 503 while MongoDB is unreachable, then recovers', async () => {
    await mongoLink.cut();
    try {
      // A request already in flight when the link is cut may still be answered; the next ones are 503.
      const down = await until503(() => http().get('/api/employees/P1').set(as.specialist));
      expect(down.headers['retry-after']).toBeDefined();
      expect((await until503(() => http().get('/health'))).status).toBe(503);
      // Commands go to the event store, which is still up; the projection catches up later.
      await http()
        .post('/api/employees')
        .set(as.specialist)
        .send(hireBody({ employeeId: 'P2' }))
        .expect(201);
    } finally {
      // Open again whatever failed above, so that one failure does not take the next test down with it.
      await mongoLink.open();
    }
    // Usually well under a second; the window leaves room for the client reset (mongo-connection.ts) on a loaded machine.
    await eventually(t, '/api/employees/P2', as.specialist, () => true, 45_000);
    await eventually(t, '/health', {}, (h) => h.status === 'ok', 15_000);
  }, 90_000);

  it('answers 503 while EventStoreDB is unreachable, loses nothing acknowledged, then recovers', async () => {
    await esdbLink.cut();
    try {
      const down = await until503(() =>
        http()
          .post('/api/employees')
          .set(as.specialist)
          .send(hireBody({ employeeId: 'P3' })),
      );
      expect(down.headers['retry-after']).toBeDefined();
    } finally {
      await esdbLink.open();
    }
    let status = 0;
    for (let i = 0; i < 100 && status !== 201; i++) {
      status = (
        await http()
          .post('/api/employees')
          .set(as.specialist)
          .send(hireBody({ employeeId: 'P3' }))
      ).status;
      if (status !== 201) await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(201);
    await eventually(t, '/api/employees/P1', as.specialist);
    await eventually(t, '/api/employees/P3', as.specialist, () => true, 15_000);
  }, 60_000);
});

import { AddressInfo } from 'node:net';
import request from 'supertest';
import { hireBody } from '../support/http';
import { openEventStream } from '../support/sse';
import { startTestApp, TestApp } from '../support/test-app';
import { as } from '../support/tokens';

const ROUTE = '/api/admin/event-subscriptions';

describe('webhook subscriptions to domain events (/api/admin/event-subscriptions)', () => {
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('an admin subscribes a channel, lists and reads it (read-your-writes), then deletes it', async () => {
    const body = { subscriptionId: 'payroll', channelId: 'payroll-webhook', eventTypes: ['StepCompleted', 'OffboardingCaseOpened'] };
    const created = await http().post(ROUTE).set(as.admin).send(body).expect(201);
    expect(created.body).toMatchObject({
      subscriptionId: 'payroll',
      stream: 'eventsubscription-payroll',
      revision: 0,
      position: expect.any(String),
    });

    const one = await http().get(`${ROUTE}/payroll`).set(as.admin).set('X-Min-Position', created.body.position).expect(200);
    expect(one.body).toMatchObject({
      subscriptionId: 'payroll',
      channelId: 'payroll-webhook',
      eventTypes: ['OffboardingCaseOpened', 'StepCompleted'],
      status: 'active',
      fromPosition: created.body.position,
      createdBy: 'admin-1',
    });
    // The same request again changes nothing; another subscription under the id is refused.
    await http().post(ROUTE).set(as.admin).send(body).expect(201);
    const clash = await http()
      .post(ROUTE)
      .set(as.admin)
      .send({ ...body, channelId: 'other' })
      .expect(409);
    expect(clash.body).toMatchObject({ code: 'EVENT_SUBSCRIPTION_EXISTS' });

    const generated = await http()
      .post(ROUTE)
      .set(as.admin)
      .send({ channelId: 'audit-robot', eventTypes: ['CommandRefused'], description: '退工 attempted early' })
      .expect(201);
    expect(generated.body.subscriptionId).toMatch(/^S[0-9a-f]{16}$/);

    const deleted = await http().delete(`${ROUTE}/payroll`).set(as.admin).expect(200);
    const active = await http().get(`${ROUTE}?status=active`).set(as.admin).set('X-Min-Position', deleted.body.position).expect(200);
    expect(active.body.items.map((s: { subscriptionId: string }) => s.subscriptionId)).toEqual([generated.body.subscriptionId]);
    const all = await http().get(ROUTE).set(as.admin).expect(200);
    expect(all.body.items.find((s: { subscriptionId: string }) => s.subscriptionId === 'payroll')).toMatchObject({ status: 'deleted' });

    await http().delete(`${ROUTE}/nope`).set(as.admin).expect(404);
    await http().get(`${ROUTE}/nope`).set(as.admin).expect(404);
  });

  it('the subscriptions are on the event feed for admins and auditors, not for HR roles', async () => {
    const created = await http()
      .post(ROUTE)
      .set(as.admin)
      .send({ subscriptionId: 'seen', channelId: 'c', eventTypes: ['StepCompleted'] })
      .expect(201);
    const later = await http()
      .post('/api/employees')
      .set(as.specialist)
      .send(hireBody({ employeeId: 'E9901' }))
      .expect(201);
    const base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}/api/events/stream`;
    const reached = (position: string) => (events: Array<{ id?: string }>) => events.some((e) => BigInt(e.id!) >= BigInt(position));
    for (const [who, sees] of [
      [as.admin, true],
      [as.auditor, true],
      [as.specialist, false],
      [as.manager, false],
      [as.investigator, false],
    ] as const) {
      const stream = await openEventStream(base, who);
      try {
        const events = await stream.until(reached(later.body.position));
        expect(events.some((e) => e.id === created.body.position && e.event === 'EventSubscriptionCreated')).toBe(sees);
      } finally {
        stream.close();
      }
    }
  });

  it.each([
    [{ channelId: 'c', eventTypes: ['PersonalDataRecorded'] }, 'eventTypes'],
    [{ channelId: 'c', eventTypes: [] }, 'eventTypes'],
    [{ channelId: 'c' }, 'eventTypes'],
    [{ channelId: 'bad channel', eventTypes: ['StepCompleted'] }, 'channelId'],
    [{ subscriptionId: '../x', channelId: 'c', eventTypes: ['StepCompleted'] }, 'subscriptionId'],
  ])('%j is 400 naming %s', async (body, field) => {
    const res = await http().post(ROUTE).set(as.admin).send(body).expect(400);
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it('is for administrators only', async () => {
    for (const who of [as.manager, as.specialist, as.auditor, as.investigator]) {
      await http().get(ROUTE).set(who).expect(403);
      await http()
        .post(ROUTE)
        .set(who)
        .send({ channelId: 'c', eventTypes: ['StepCompleted'] })
        .expect(403);
    }
    await http().get(ROUTE).expect(401);
  });

  it('the OpenAPI document has the routes, and the subscription events among the feed types', async () => {
    const doc = (await http().get('/docs-json').expect(200)).body;
    expect(doc.paths[ROUTE].post).toBeDefined();
    expect(doc.components.schemas.FeedEnvelopeView.properties.type.enum).toEqual(
      expect.arrayContaining(['EventSubscriptionCreated', 'StepCompleted']),
    );
  });
});

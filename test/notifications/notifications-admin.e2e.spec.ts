import request from 'supertest';
import { OUTBOX, Outbox } from '../../src/notifications';
import { ReadStoreOutbox } from '../../src/notifications/delivery/read-store-outbox';
import { eventually, hireBody } from '../support/http';
import { HttpReceivers } from '../support/notification-receivers';
import { startTestApp, TestApp } from '../support/test-app';
import { as } from '../support/tokens';

const secrets = { webhook: 'whsec-e2e-secret-1', dingtalk: 'SEC-e2e-dingtalk', feishu: 'feishu-e2e-secret', wecomKey: 'wecom-e2e-key' };
const EMPLOYEE = 'E8801';

describe('notification channels and deliveries over HTTP (admin)', () => {
  let t: TestApp;
  let receivers: HttpReceivers;
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    receivers = await new HttpReceivers(secrets).start();
    t = await startTestApp({ NOTIFY_MAX_ATTEMPTS: '2', NOTIFY_BACKOFF_BASE_MS: '1', NOTIFY_BACKOFF_MAX_MS: '5', NOTIFY_POLL_MS: '20' });
  });
  afterAll(async () => {
    await t.close();
    await receivers.stop();
  });

  it('configures channels; answers never carry a secret (only secretSet), and mask the URL’s query values', async () => {
    const created = await http()
      .post('/api/admin/channels')
      .set(as.admin)
      .send({
        id: 'it-webhook',
        type: 'webhook',
        name: 'IT 系统',
        departments: ['it'],
        url: receivers.url('/webhook/it'),
        secret: secrets.webhook,
      })
      .expect(201);
    expect(created.body).toMatchObject({ stream: 'channel-it-webhook', channel: { id: 'it-webhook', secretSet: true } });
    const ding = await http()
      .post('/api/admin/channels')
      .set(as.admin)
      .send({
        id: 'it-ding',
        type: 'dingtalk',
        name: 'IT 钉钉群',
        departments: ['it'],
        url: receivers.url('/dingtalk/robot/send?access_token=tok-123'),
        secret: secrets.dingtalk,
      })
      .expect(201);
    expect(ding.body.channel.url).toBe(receivers.url('/dingtalk/robot/send?access_token=***'));
    const list = await eventually(t, '/api/admin/channels', as.admin, (b: { items: unknown[] }) => b.items.length === 2);
    const one = await http().get('/api/admin/channels/it-ding').set(as.admin).expect(200);
    const patched = await http()
      .patch('/api/admin/channels/it-ding')
      .set(as.admin)
      .send({ format: 'text', secret: secrets.dingtalk })
      .expect(200);
    expect(patched.body.channel).toMatchObject({ format: 'text', secretSet: true });
    for (const answer of [created.body, ding.body, list, one.body, patched.body]) {
      const text = JSON.stringify(answer);
      for (const secret of [secrets.webhook, secrets.dingtalk, 'tok-123']) expect(text).not.toContain(secret);
      expect(text).not.toContain('ciphertext');
    }
    // The secret is sealed in the log as well: the channel's events hold no secret in clear.
    const events = await http().get('/api/audit/streams/channel-it-ding/events').set(as.auditor).expect(200);
    expect(JSON.stringify(events.body)).toContain('NotificationChannelChanged');
    expect(JSON.stringify(events.body)).toContain('ciphertext');
    expect(JSON.stringify(events.body)).not.toContain(secrets.dingtalk);
  });

  it('refuses bad input with 400 naming the field, and every route to anyone but an admin with 403', async () => {
    const bad = await http()
      .post('/api/admin/channels')
      .set(as.admin)
      .send({ type: 'pager', name: '', url: 'ftp://x', secret: 'short', departments: 'it' })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
      expect.arrayContaining(['departments', 'name', 'secret', 'type', 'url']),
    );
    const noUrl = await http().post('/api/admin/channels').set(as.admin).send({ type: 'wecom', name: 'x' }).expect(400);
    expect(noUrl.body.errors).toEqual([{ field: 'url', message: 'url is required for a wecom channel' }]);
    const noSmtp = await http()
      .post('/api/admin/channels')
      .set(as.admin)
      .send({ type: 'email', name: 'x', actorIds: ['op-7'] })
      .expect(400);
    expect(noSmtp.body.errors.map((e: { field: string }) => e.field)).toEqual(['smtp']);
    const badSmtp = await http()
      .post('/api/admin/channels')
      .set(as.admin)
      .send({ type: 'email', name: 'x', smtp: { host: 'smtp.example.cn', port: 70000, from: 'nobody', to: ['a@b.cn'] } })
      .expect(400);
    expect(badSmtp.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['smtp.from', 'smtp.port']);
    await http().get('/api/admin/deliveries?state=lost').set(as.admin).expect(400);
    await http().patch('/api/admin/channels/nope').set(as.admin).send({ name: 'x' }).expect(404);

    for (const who of [as.specialist, as.manager, as.auditor, as.investigator]) {
      await http().get('/api/admin/channels').set(who).expect(403);
      await http()
        .post('/api/admin/channels')
        .set(who)
        .send({ type: 'webhook', name: 'x', url: receivers.url('/webhook/x') })
        .expect(403);
      await http().patch('/api/admin/channels/it-ding').set(who).send({ name: 'x' }).expect(403);
      await http().delete('/api/admin/channels/it-ding').set(who).expect(403);
      await http().get('/api/admin/deliveries?state=dead').set(who).expect(403);
      await http().post('/api/admin/deliveries/x/redeliver').set(who).expect(403);
    }
    await http().get('/api/admin/channels').expect(401);
  });

  it('delivers a message about a case once per channel, records it on the case’s timeline, lists and counts it', async () => {
    await http()
      .post('/api/employees')
      .set(as.specialist)
      .send(hireBody({ employeeId: EMPLOYEE }))
      .expect(201);
    const opened = await http()
      .post('/api/offboarding')
      .set(as.specialist)
      .send({ employeeId: EMPLOYEE, reason: 'resignation', lastWorkingDay: '2026-12-31' })
      .expect(201);
    const caseId: string = opened.body.caseId;
    const outbox = t.app.get<Outbox>(OUTBOX);
    const message = {
      id: `reminder:${caseId}:labor_termination:1`,
      kind: 'reminder' as const,
      audience: [{ kind: 'role' as const, role: 'hr_specialist' as const, department: 'it' }],
      title: { zh: '步骤提醒', en: 'Step reminder' },
      text: { zh: '退工登记即将到期', en: 'Labour termination is due soon' },
      notBefore: new Date().toISOString(),
      caseId,
      employeeId: EMPLOYEE,
      step: 'labor_termination',
    };
    await outbox.enqueue([message]);
    await outbox.enqueue([message]);
    const timeline = await eventually(
      t,
      `/api/employees/${EMPLOYEE}/timeline`,
      as.auditor,
      (b: { items: Array<{ type: string; summary: { en: string } }> }) => b.items.filter((i) => i.type === 'NotificationSent').length === 2,
      10_000,
    );
    expect(receivers.count('/webhook/it')).toBe(1);
    expect(receivers.count('/dingtalk')).toBe(1);
    const sent = timeline.items.filter((i: { type: string }) => i.type === 'NotificationSent');
    expect(sent.map((i: { summary: { en: string } }) => i.summary.en).sort()).toEqual([
      expect.stringMatching(/^told hr_specialist\/it: reminder \(.+\), through dingtalk it-ding \(attempt 1\)$/),
      expect.stringMatching(/^told hr_specialist\/it: reminder \(.+\), through webhook it-webhook \(attempt 1\)$/),
    ]);
    const deliveries = await http().get('/api/admin/deliveries?state=sent').set(as.admin).expect(200);
    expect(deliveries.body).toMatchObject({ total: 2, page: 1 });
    expect(deliveries.body.items.map((d: { channelId: string }) => d.channelId).sort()).toEqual(['it-ding', 'it-webhook']);
    const metrics = await http().get('/metrics').expect(200);
    expect(metrics.text).toMatch(/notification_delivery_attempts_total\{channel_type="webhook",outcome="sent"\} 1/);
    expect(metrics.text).toMatch(/notification_queue_depth\{queue="deliveries"\} 0/);
    // The case's own reminders (planned when it opened) go to HR's department, which has no channel here: counted, not lost.
    const unroutable = await (outbox as ReadStoreOutbox).countMessages('unroutable');
    expect(metrics.text).toContain(`notification_queue_depth{queue="unroutable"} ${unroutable}`);
    expect(metrics.text).toMatch(/notification_oldest_pending_age_seconds 0/);
  });

  it('dead-letters a delivery after the configured attempts, lists it, and redelivers it on an admin’s request', async () => {
    receivers.setMode('/webhook/ops', { kind: 'fail' });
    await http()
      .post('/api/admin/channels')
      .set(as.admin)
      .send({ id: 'ops', type: 'webhook', name: 'ops', url: receivers.url('/webhook/ops'), secret: secrets.webhook })
      .expect(201);
    await eventually(t, '/api/admin/channels', as.admin, (b: { items: Array<{ id: string }> }) => b.items.some((c) => c.id === 'ops'));
    await t.app.get<Outbox>(OUTBOX).enqueue([
      {
        id: 'event:ops:1',
        kind: 'domain_event',
        audience: [{ kind: 'channel', channelId: 'ops' }],
        title: { zh: '事件', en: 'Event' },
        text: { zh: '案件已开启', en: 'Case opened' },
        notBefore: new Date().toISOString(),
      },
    ]);
    const dead = await eventually(
      t,
      '/api/admin/deliveries?state=dead',
      as.admin,
      (b: { total: number; items: Array<Record<string, unknown>> }) => b.total === 1,
      10_000,
    );
    expect(dead.items[0]).toMatchObject({ id: 'event:ops:1|ops', attempts: 2, lastError: 'HTTP 500', state: 'dead' });
    expect(receivers.rawCount('/webhook/ops')).toBe(2);
    await http()
      .post(`/api/admin/deliveries/${encodeURIComponent('nope|ops')}/redeliver`)
      .set(as.admin)
      .expect(404);
    receivers.setMode('/webhook/ops', { kind: 'ok' });
    const again = await http()
      .post(`/api/admin/deliveries/${encodeURIComponent('event:ops:1|ops')}/redeliver`)
      .set(as.admin)
      .expect(202);
    expect(again.body).toMatchObject({ state: 'pending', attempts: 0 });
    await eventually(
      t,
      '/api/admin/deliveries?state=sent',
      as.admin,
      (b: { items: Array<{ id: string }> }) => b.items.some((d) => d.id === 'event:ops:1|ops'),
      10_000,
    );
    expect(receivers.count('/webhook/ops')).toBe(1);
    await http()
      .post(`/api/admin/deliveries/${encodeURIComponent('event:ops:1|ops')}/redeliver`)
      .set(as.admin)
      .expect(409);
    // Removing a channel: gone from the list, its stream refuses further changes.
    await http().delete('/api/admin/channels/ops').set(as.admin).expect(200);
    await http().get('/api/admin/channels/ops').set(as.admin).expect(404);
  });
});

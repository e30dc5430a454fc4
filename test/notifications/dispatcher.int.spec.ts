import { SqliteKeyStore } from '../../src/infrastructure/key-store/sqlite/sqlite-key-store';
import { SqliteReadStore } from '../../src/infrastructure/read-store/sqlite/sqlite-read-store';
import { ChannelConfig } from '../../src/notifications/channels/channel';
import { ChannelDirectory } from '../../src/notifications/channels/channel-directory';
import { ChannelSecrets } from '../../src/notifications/channels/channel-secrets';
import { Dispatcher } from '../../src/notifications/delivery/dispatcher';
import { Delivery, ReadStoreOutbox } from '../../src/notifications/delivery/read-store-outbox';
import { OutboundMessage } from '../../src/notifications/outbound-message';
import { HttpReceivers, SmtpReceiver } from '../support/notification-receivers';

/**
 * The dispatcher against the embedded read store and receivers on 127.0.0.1 that
 * check each vendor's request shape and signature. Stepped by hand (tick, drain), on
 * a clock the test moves: no timers decide an outcome.
 */
const secrets = { webhook: 'whsec-it-department', dingtalk: 'SEC-dingtalk-secret', feishu: 'feishu-bot-secret', wecomKey: 'wecom-key-1' };
const smtpCredentials = { user: 'notify', pass: 'smtp-password-1' };

let receivers: HttpReceivers;
let smtp: SmtpReceiver;
let reads: SqliteReadStore;
let keys: SqliteKeyStore;
let now: Date;
let recorded: Delivery[];
let attempts: Array<[string, string]>;

const channelDocs: ChannelConfig[] = [];

async function setUp(maxAttempts = 3, timeoutMs = 2000) {
  reads = new SqliteReadStore(':memory:');
  keys = new SqliteKeyStore(':memory:');
  const sealer = new ChannelSecrets(keys);
  const base = { enabled: true, departments: [], orgUnits: [], roles: [], actorIds: [], format: 'markdown' as const };
  channelDocs.length = 0;
  channelDocs.push(
    {
      ...base,
      id: 'wh',
      type: 'webhook',
      name: 'webhook',
      departments: ['it'],
      url: receivers.url('/webhook/it'),
      secret: await sealer.seal('wh', secrets.webhook),
    },
    {
      ...base,
      id: 'ding',
      type: 'dingtalk',
      name: 'ding',
      departments: ['it'],
      url: receivers.url('/dingtalk/robot/send?access_token=tok'),
      secret: await sealer.seal('ding', secrets.dingtalk),
    },
    {
      ...base,
      id: 'wecom',
      type: 'wecom',
      name: 'wecom',
      departments: ['it'],
      format: 'text',
      url: receivers.url(`/wecom/cgi-bin/webhook/send?key=${secrets.wecomKey}`),
    },
    {
      ...base,
      id: 'feishu',
      type: 'feishu',
      name: 'feishu',
      departments: ['it'],
      url: receivers.url('/feishu/open-apis/bot/v2/hook/abc'),
      secret: await sealer.seal('feishu', secrets.feishu),
    },
    {
      ...base,
      id: 'mail',
      type: 'email',
      name: 'mail',
      actorIds: ['op-7'],
      smtp: {
        host: '127.0.0.1',
        port: smtp.port,
        secure: false,
        user: smtpCredentials.user,
        from: 'notify@hr.example.cn',
        to: ['op7@hr.example.cn'],
      },
      secret: await sealer.seal('mail', smtpCredentials.pass),
    },
    {
      ...base,
      id: 'slow',
      type: 'webhook',
      name: 'slow',
      departments: ['finance'],
      url: receivers.url('/webhook/slow'),
      secret: await sealer.seal('slow', secrets.webhook),
    },
    {
      ...base,
      id: 'other',
      type: 'webhook',
      name: 'other',
      departments: ['assets'],
      url: receivers.url('/webhook/other'),
      secret: await sealer.seal('other', secrets.webhook),
    },
  );
  for (const c of channelDocs) await reads.upsert('channels_test', c as ChannelConfig & Record<string, unknown>);
  now = new Date('2026-12-03T01:00:00.000Z');
  recorded = [];
  attempts = [];
  const outbox = new ReadStoreOutbox(reads, () => now);
  await outbox.ensureCollections();
  const dispatcher = new Dispatcher(
    outbox,
    new ChannelDirectory(reads, () => 'channels_test', 0),
    sealer,
    { maxAttempts, timeoutMs, backoffBaseMs: 1000, backoffMaxMs: 60_000, concurrencyPerChannel: 2, pollMs: 100 },
    () => now,
    {
      attempted: (type, outcome) => attempts.push([type, outcome]),
      record: async (d) => void recorded.push(d),
      log: () => undefined,
    },
  );
  return { outbox, dispatcher };
}

const message = (id: string, over: Partial<OutboundMessage> = {}): OutboundMessage => ({
  id,
  kind: 'reminder',
  audience: [{ kind: 'role', role: 'hr_specialist', department: 'it' }],
  title: { zh: '步骤提醒', en: 'Step reminder' },
  text: { zh: '退工登记将于 2026-12-08 到期', en: 'Labour termination is due on 2026-12-08' },
  notBefore: '2026-12-03T09:00:00+08:00',
  caseId: 'C1',
  step: 'labor_termination',
  ...over,
});

beforeAll(async () => {
  receivers = await new HttpReceivers(secrets).start();
  smtp = await new SmtpReceiver(smtpCredentials).start();
});
afterAll(async () => {
  await receivers.stop();
  await smtp.stop();
});
afterEach(async () => {
  jest.restoreAllMocks();
  await reads.close();
  await keys.close();
});

async function step(dispatcher: Dispatcher) {
  await dispatcher.tick();
  await dispatcher.drain();
  await dispatcher.tick();
}

describe('Dispatcher', () => {
  it('delivers each message once to every channel of its audience, in each vendor’s shape, signed, and records it on the case', async () => {
    const { outbox, dispatcher } = await setUp();
    await outbox.enqueue([message('m1'), message('m2', { audience: [{ kind: 'actor', actorId: 'op-7' }], kind: 'warning' })]);
    // An enqueue replayed by a reactor after a crash changes nothing.
    await outbox.enqueue([message('m1', { text: { zh: '另一段', en: 'other' } })]);
    await step(dispatcher);

    expect(receivers.rejected).toEqual([]);
    for (const route of ['/webhook/it', '/dingtalk', '/wecom', '/feishu/abc']) expect([route, receivers.count(route)]).toEqual([route, 1]);
    const webhook = receivers.raw.find((r) => r.route === '/webhook/it')!;
    expect(webhook.headers['idempotency-key']).toBe('m1');
    expect(webhook.body).toMatchObject({
      id: 'm1',
      kind: 'reminder',
      caseId: 'C1',
      step: 'labor_termination',
      text: { zh: expect.any(String) },
    });
    const ding = receivers.raw.find((r) => r.route === '/dingtalk')!;
    expect(ding.body).toMatchObject({ msgtype: 'markdown', markdown: { title: '步骤提醒 / Step reminder' } });
    expect(String((ding.body.markdown as { text: string }).text)).toContain('退工登记将于 2026-12-08 到期');
    expect(receivers.raw.find((r) => r.route === '/wecom')!.body).toMatchObject({ msgtype: 'text' });
    expect(receivers.raw.find((r) => r.route === '/feishu/abc')!.body).toMatchObject({ msg_type: 'interactive' });
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]).toMatchObject({ to: ['op7@hr.example.cn'], user: 'notify' });
    expect(smtp.messages[0].raw).toMatch(/Idempotency-Key: m2/);

    expect((await outbox.deliveries('sent', 50, 0)).map((d) => d.id).sort()).toEqual(
      ['m1|ding', 'm1|feishu', 'm1|wecom', 'm1|wh', 'm2|mail'].sort(),
    );
    expect(recorded.map((d) => `${d.id}:${d.state}`).sort()).toEqual([
      'm1|ding:sent',
      'm1|feishu:sent',
      'm1|wecom:sent',
      'm1|wh:sent',
      'm2|mail:sent',
    ]);
    // Further passes send nothing again.
    const raw = receivers.raw.length;
    await step(dispatcher);
    expect(receivers.raw.length).toBe(raw);
  });

  it('waits for notBefore, compared as an instant whatever offset the producer wrote', async () => {
    const { outbox, dispatcher } = await setUp();
    await outbox.enqueue([
      message('later', { notBefore: '2026-12-03T10:00:00+08:00', audience: [{ kind: 'channel', channelId: 'other' }] }),
    ]);
    now = new Date('2026-12-03T01:59:59.000Z');
    await step(dispatcher);
    expect(receivers.count('/webhook/other')).toBe(0);
    now = new Date('2026-12-03T02:00:00.000Z');
    await step(dispatcher);
    expect(receivers.count('/webhook/other')).toBe(1);
  });

  it('treats a robot’s error code with HTTP 200 as a failure, retries with backoff, and dead-letters after the last attempt', async () => {
    const { outbox, dispatcher } = await setUp(3);
    // Full jitter draws the backoff from [0, ceiling): a draw of 0 would make the retry due at once (about 1 run in 1,000).
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
    const before = receivers.count('/dingtalk');
    receivers.setMode('/dingtalk', { kind: 'fail', vendorCode: true });
    await outbox.enqueue([message('d1', { audience: [{ kind: 'channel', channelId: 'ding' }] })]);
    await step(dispatcher);
    let [delivery] = await outbox.deliveries('pending', 10, 0);
    expect(delivery).toMatchObject({ attempts: 1, lastError: expect.stringContaining('DingTalk errcode 130101') });
    // Not tried again before its backoff has passed.
    await step(dispatcher);
    expect((await outbox.delivery('d1|ding'))!.attempts).toBe(1);
    for (const attempt of [2, 3]) {
      now = new Date(now.getTime() + 120_000);
      await step(dispatcher);
      delivery = (await outbox.delivery('d1|ding'))!;
      expect(delivery.attempts).toBe(attempt);
    }
    expect(delivery.state).toBe('dead');
    expect(recorded.map((d) => `${d.id}:${d.state}:${d.attempts}`)).toEqual(['d1|ding:dead:3']);
    expect(attempts.filter(([type]) => type === 'dingtalk').map(([, o]) => o)).toEqual(['retry', 'retry', 'dead']);
    expect(receivers.count('/dingtalk')).toBe(before);
    receivers.setMode('/dingtalk', { kind: 'ok' });
  });

  it('gives up at once on a refusal that a retry cannot mend (a wrong signature: DingTalk 310000)', async () => {
    const { outbox, dispatcher } = await setUp(5);
    const sealer = new ChannelSecrets(keys);
    await reads.upsert('channels_test', { ...channelDocs[1], secret: await sealer.seal('ding', 'SEC-wrong') } as ChannelConfig &
      Record<string, unknown>);
    await outbox.enqueue([message('w1', { audience: [{ kind: 'channel', channelId: 'ding' }] })]);
    await step(dispatcher);
    expect(await outbox.delivery('w1|ding')).toMatchObject({ state: 'dead', attempts: 1, lastError: expect.stringContaining('310000') });
  });

  it('retries a dead receiver (connection dropped) and delivers once it is back, under the same idempotency key', async () => {
    const { outbox, dispatcher } = await setUp(5);
    receivers.setMode('/webhook/other', { kind: 'die' });
    await outbox.enqueue([message('k1', { audience: [{ kind: 'channel', channelId: 'other' }] })]);
    await step(dispatcher);
    expect(await outbox.delivery('k1|other')).toMatchObject({ state: 'pending', attempts: 1 });
    receivers.setMode('/webhook/other', { kind: 'ok' });
    now = new Date(now.getTime() + 120_000);
    await step(dispatcher);
    expect(await outbox.delivery('k1|other')).toMatchObject({ state: 'sent', attempts: 2 });
    expect(receivers.effects.get('/webhook/other')?.has('k1')).toBe(true);
  });

  it('a slow receiver holds only its own channel: the others are delivered while its requests hang, and it times out', async () => {
    const { outbox, dispatcher } = await setUp(5, 1500);
    receivers.setMode('/webhook/slow', { kind: 'slow', ms: 60_000 });
    const before = receivers.count('/webhook/other');
    await outbox.enqueue([
      ...['s1', 's2', 's3', 's4'].map((id) => message(id, { audience: [{ kind: 'role', role: 'hr_specialist', department: 'finance' }] })),
      message('o1', { audience: [{ kind: 'channel', channelId: 'other' }] }),
    ]);
    await dispatcher.tick();
    // The other channel's delivery completes while the slow ones are still in flight (no drain in between).
    const deadline = Date.now() + 10_000;
    while (receivers.count('/webhook/other') === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(receivers.count('/webhook/other')).toBe(before + 1);
    // Per-channel concurrency: two of the four slow deliveries were claimed, two wait their turn.
    expect((await outbox.deliveries('pending', 10, 0)).filter((d) => d.channelId === 'slow' && d.attempts === 0)).toHaveLength(4);
    await dispatcher.drain();
    const slow = (await outbox.deliveries('pending', 10, 0)).filter((d) => d.channelId === 'slow');
    expect(slow.filter((d) => d.attempts === 1).map((d) => d.lastError)).toEqual([
      expect.stringContaining('no answer within 1500 ms'),
      expect.any(String),
    ]);
    receivers.setMode('/webhook/slow', { kind: 'ok' });
  });

  it('does not send a delivery again while its request is still out, even when the clock moves past its claim', async () => {
    const { outbox, dispatcher } = await setUp(5, 3000);
    receivers.setMode('/webhook/slow', { kind: 'slow', ms: 800 });
    const before = receivers.rawCount('/webhook/slow');
    await outbox.enqueue([message('held', { audience: [{ kind: 'role', role: 'hr_specialist', department: 'finance' }] })]);
    await dispatcher.tick();
    // The service clock jumps a day while the request hangs (a test's clock, or the time set right).
    now = new Date(now.getTime() + 86_400_000);
    await dispatcher.tick();
    await dispatcher.drain();
    expect(receivers.rawCount('/webhook/slow') - before).toBe(1);
    receivers.setMode('/webhook/slow', { kind: 'ok' });
  });

  it('cancelPending withdraws messages not yet routed by id prefix, and no other', async () => {
    const { outbox, dispatcher } = await setUp();
    await outbox.enqueue([
      message('reminder:C9:labor_termination:1', { notBefore: '2026-12-10T09:00:00+08:00' }),
      message('reminder:C9:labor_termination:2', { notBefore: '2026-12-12T09:00:00+08:00' }),
      message('reminder:C90:labor_termination:1', { notBefore: '2026-12-10T09:00:00+08:00' }),
    ]);
    expect(await outbox.cancelPending('reminder:C9:')).toBe(2);
    expect(await outbox.cancelPending('reminder:C9:')).toBe(0);
    now = new Date('2026-12-31T00:00:00.000Z');
    await step(dispatcher);
    expect((await outbox.deliveries('sent', 50, 0)).map((d) => d.messageId).every((id) => id === 'reminder:C90:labor_termination:1')).toBe(
      true,
    );
  });
});

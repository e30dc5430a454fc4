import request from 'supertest';
import { eventually } from '../support/http';
import { HttpReceivers } from '../support/notification-receivers';
import { as, bearer, tokenFor } from '../support/tokens';
import { ClockedApp, hrApi } from '../dashboard/clocked-app';
import { startTestApp } from '../support/test-app';

/**
 * Issue 13, end to end over HTTP: a case approved in Shanghai whose 退工 falls due
 * right after the National Day holiday of 2026 (1–7 October off; Sunday 20 September
 * and Saturday 10 October are make-up working days, 调休). The clock is moved day
 * by day; each reminder must reach the receivers exactly once, at 09:00 Beijing
 * time of the working day it is planned for, never on a holiday; a refused 退工
 * warns the operator and the manager at once.
 *
 * The expected days are counted by hand from the State Council's notice of the
 * 2026 holidays (国务院办公厅关于2026年部分节假日安排的通知, 4 November 2025, as
 * Xinhua published it: Mid-Autumn 25–27 Sep off, National Day 1–7 Oct off, 20 Sep
 * and 10 Oct worked), not computed with the service's calendar:
 * - last working day Wed 23 Sep, so 退工 is due 15 days after: Thu 8 Oct (Civil Code art. 201);
 * - 3 working days before it: 30 Sep (1), 29 Sep (2), 28 Sep (3): Mon 28 Sep;
 * - on the due day: Thu 8 Oct;
 * - every 2 working days after it, with an escalation to the hr_manager: 9 Oct (1),
 *   Sat 10 Oct (2, the 调休 Saturday), then 12 Oct (3), 13 Oct (4).
 */
const EXPECTED_REMINDERS: Array<[day: string, when: string]> = [
  ['2026-09-28', 'before'],
  ['2026-10-08', 'due'],
  ['2026-10-10', 'after'],
  ['2026-10-13', 'after'],
];
const EXPECTED_ESCALATIONS = ['2026-10-10', '2026-10-13'];

const secrets = { webhook: 'whsec-national-day-1', dingtalk: 'SEC-unused', feishu: 'unused', wecomKey: 'unused' };
const HR_MANAGER = bearer(tokenFor('hr-mgr-1', ['hr_manager'], { departments: ['hr'] }));

/** The instant of a Beijing wall-clock time on a day (UTC+8 all year: China keeps no summer time). */
const beijing = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`);

function* days(from: string, to: string): Generator<string> {
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d = new Date(d.getTime() + 86_400_000)) {
    yield d.toISOString().slice(0, 10);
  }
}

interface Arrival {
  day: string;
  id: string;
  attempt: number;
  kind: string;
  step?: string;
  when?: string;
}

describe('reminders on China’s working days across National Day 2026, and a warning for a step out of order', () => {
  let now = beijing('2026-09-21', '10:00');
  let t: ClockedApp;
  let api: ReturnType<typeof hrApi>;
  let receivers: HttpReceivers;
  let caseId: string;
  const http = () => request(t.app.getHttpServer());
  /**
   * Every request a receiver got, with the Beijing day the (test's) clock showed when it
   * arrived. Delivery is at least once: a request that timed out on a loaded machine is
   * sent again under the same id as attempt 2, which the receiver acts on once (its
   * idempotency key). What must never happen is the same attempt sent twice.
   */
  const arrivals: Record<string, Arrival[]> = {};
  let seen = 0;

  /** Files what reached the receivers since the last look under the day the clock shows. */
  function collect(day: string) {
    for (const r of receivers.raw.slice(seen)) {
      const body = r.body as { id: string; attempt: number; kind: string; step?: string; payload?: { when?: string } };
      const arrival = { day, id: body.id, attempt: body.attempt, kind: body.kind, step: body.step, when: body.payload?.when };
      (arrivals[r.route] ??= []).push(arrival);
    }
    seen = receivers.raw.length;
  }

  /** Lets the dispatcher (polling every 20 ms) send what is due at the clock's time. */
  const settle = () => new Promise((r) => setTimeout(r, 400));

  beforeAll(async () => {
    receivers = await new HttpReceivers(secrets).start();
    const app = await startTestApp(
      { NOTIFY_POLL_MS: '20', NOTIFY_BACKOFF_BASE_MS: '1', NOTIFY_BACKOFF_MAX_MS: '5' },
      { clock: () => new Date(now) },
    );
    t = { ...app, setToday: (day) => (now = beijing(day, '10:00')) };
    api = hrApi(t);
    const channel = (id: string, path: string, scope: Record<string, unknown>) =>
      http()
        .post('/api/admin/channels')
        .set(as.admin)
        .send({ id, type: 'webhook', name: id, url: receivers.url(path), secret: secrets.webhook, ...scope })
        .expect(201);
    await channel('hr-team', '/webhook/hr-team', { departments: ['hr'], roles: ['hr_specialist'] });
    await channel('hr-managers', '/webhook/hr-managers', { departments: ['hr'], roles: ['hr_manager'] });
    await channel('operator', '/webhook/operator', { actorIds: ['hr-spec-1'] });
    await eventually(t, '/api/admin/channels', as.admin, (b: { items: unknown[] }) => b.items.length === 3);

    await api.hire('2026-09-21', 'N1', { hireDate: '2021-03-01' });
    await api.enrol('2026-09-21', 'N1', '2021-03');
    caseId = await api.open('2026-09-21', 'N1', 'resignation', '2026-09-23');
    now = beijing('2026-09-21', '10:00');
    await http().post(`/api/offboarding/${caseId}/steps/approval`).set(HR_MANAGER).send({ effectiveDate: '2026-09-21' }).expect(200);
    await settle();
    collect('2026-09-21');
  });
  afterAll(async () => {
    await t.close();
    await receivers.stop();
  });

  it('warns the operator and the hr_manager at once when 退工 is attempted before 社保转出', async () => {
    now = beijing('2026-09-21', '11:00');
    const refused = await http()
      .post(`/api/offboarding/${caseId}/steps/labor_termination`)
      .set(as.specialist)
      .send({ effectiveDate: '2026-09-21' })
      .expect(409);
    expect(refused.body).toMatchObject({ code: 'STEP_LOCKED', missing: expect.arrayContaining(['si_transfer_out']) });
    for (let i = 0; i < 50 && (receivers.count('/webhook/operator') === 0 || receivers.count('/webhook/hr-managers') === 0); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    collect('2026-09-21');
    const warnings = (route: string) => (arrivals[route] ?? []).filter((a) => a.kind === 'warning');
    expect(warnings('/webhook/operator')).toHaveLength(1);
    expect(warnings('/webhook/hr-managers')).toHaveLength(1);
    expect(warnings('/webhook/hr-team')).toHaveLength(0);
    const body = receivers.raw.find((r) => r.route === '/webhook/operator')!.body as { text: { zh: string; en: string } };
    expect(body.text.zh).toContain('社保转出');
    expect(body.text.en).toMatch(/transfer-out/i);
    expect(JSON.stringify(receivers.raw.map((r) => r.body))).not.toMatch(/张三|11010519491231002X/);
  });

  it('sends each reminder of 退工 once, at 09:00 on the working day planned, never on a holiday', async () => {
    for (const day of days('2026-09-22', '2026-10-14')) {
      now = beijing(day, '08:59');
      await settle();
      collect(`${day} before 09:00`);
      now = beijing(day, '09:01');
      await settle();
      collect(day);
    }
    const first = (route: string) => (arrivals[route] ?? []).filter((a, i, all) => all.findIndex((b) => b.id === a.id) === i);
    const ofStep = (route: string, kind: string) => first(route).filter((a) => a.kind === kind && a.step === 'labor_termination');
    expect(ofStep('/webhook/hr-team', 'reminder').map((a) => [a.day, a.when])).toEqual(EXPECTED_REMINDERS);
    expect(ofStep('/webhook/hr-managers', 'escalation').map((a) => a.day)).toEqual(EXPECTED_ESCALATIONS);
    // Each attempt of each message once at the receiver, whatever the step; its effects once per id.
    for (const route of ['/webhook/hr-team', '/webhook/hr-managers']) {
      const attempts = (arrivals[route] ?? []).map((a) => `${a.id}#${a.attempt}`);
      expect(new Set(attempts).size).toBe(attempts.length);
      expect(receivers.count(route)).toBe(first(route).length);
    }
    // Nothing at all on the holiday, nor before office hours.
    const all = Object.values(arrivals).flat();
    expect(all.filter((a) => /^2026-10-0[1-7]/.test(a.day) || a.day.endsWith('before 09:00'))).toEqual([]);
  }, 120_000);

  it('shows on the case’s timeline who was told what, through which channel', async () => {
    await eventually(
      t,
      `/api/employees/N1/timeline?pageSize=200`,
      as.specialist,
      (b: { items: Array<{ type: string; summary: { en: string } }> }) => b.items.some((i) => i.type === 'NotificationSent'),
    );
    await new Promise((r) => setTimeout(r, 500));
    const all = await request(t.app.getHttpServer()).get(`/api/employees/N1/timeline?pageSize=200`).set(as.specialist).expect(200);
    const sent: string[] = all.body.items
      .filter((i: { type: string }) => i.type === 'NotificationSent')
      .map((i: { summary: { en: string } }) => i.summary.en);
    // One NotificationSent on the case per message delivered about it, per channel (a repeated attempt is not recorded twice).
    const delivered = new Set(
      receivers.raw
        .filter((r) => (r.body as { caseId?: string }).caseId === caseId)
        .map((r) => `${r.route} ${(r.body as { id: string }).id}`),
    );
    expect(sent).toHaveLength(delivered.size);
    expect(sent).toContainEqual(expect.stringMatching(/^told hr_specialist\/hr: reminder .*through webhook hr-team \(attempt 1\)$/));
    expect(sent).toContainEqual(expect.stringMatching(/^told hr_manager\/hr: escalation .*through webhook hr-managers/));
    expect(sent).toContainEqual(expect.stringMatching(/warning .*through webhook operator/));
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Config, loadConfig } from '../../src/config/config';
import { CASE_STATES, CaseState } from '../../src/demo/case-scenarios';
import { DemoRefused, employeesOnRecord, runToMake } from '../../src/demo/existing-data';
import { DemoSummary, runDemo } from '../../src/demo/run-demo';
import { CommandRefused } from '../../src/domain/audit/refusal-log';
import { transfersOnTime } from '../../src/domain/deadlines/transfer-deadline';
import { employeeDecider } from '../../src/domain/employee/employee.decider';
import { PersonalDataRecorded } from '../../src/domain/employee/employee.events';
import { validateResidentId } from '../../src/domain/employee/resident-id';
import { OffboardingCase, offboardingDecider } from '../../src/domain/offboarding/offboarding.decider';
import { OffboardingEvent } from '../../src/domain/offboarding/offboarding.events';
import { SocialInsuranceTransferredOut } from '../../src/domain/social-insurance/insurance.events';
import { handleCommand } from '../../src/event-sourcing/command-handler';
import { hashEvent } from '../../src/event-sourcing/hash-chain';
import { EventStore, RecordedEvent } from '../../src/infrastructure/event-store/event-store.port';
import { createRawEventStore } from '../../src/infrastructure/stores';
import { createEventStore } from '../../src/personal-data/sealed-event-store';
import { ProjectionsService } from '../../src/projections/projections.service';
import { startTestApp, TestApp } from '../support/test-app';
import { as } from '../support/tokens';
import { employeeStream } from '../../src/domain/shared/streams';

/**
 * The demo generator on a fresh data directory, 40 employees, a fixed seed and
 * present; then the service started on that directory, as `npm start` after
 * `npm run demo` would.
 */
describe('the demo organisation (npm run demo)', () => {
  const run = { seed: 7, asOf: '2026-06-30', employees: 40, clock: () => new Date() };
  let dataDir: string;
  let config: Config;
  let summary: DemoSummary;

  const withStore = async <T>(open: (c: Config) => Promise<EventStore>, use: (events: EventStore) => Promise<T>): Promise<T> => {
    const events = await open(config);
    try {
      return await use(events);
    } finally {
      await events.close();
    }
  };
  const everything = (events: EventStore) => events.readAll();
  const byStream = (events: RecordedEvent[]) => {
    const streams = new Map<string, RecordedEvent[]>();
    for (const e of events) streams.set(e.stream, [...(streams.get(e.stream) ?? []), e]);
    return streams;
  };
  const cases = (events: RecordedEvent[]): OffboardingCase[] =>
    [...byStream(events.filter((e) => e.stream.startsWith('offboarding-'))).values()].map(
      (stream) =>
        stream.reduce(
          (s, e) => offboardingDecider.evolve(s, { type: e.type, data: e.data } as OffboardingEvent),
          offboardingDecider.initialState,
        ) as OffboardingCase,
    );
  const refusals = (events: RecordedEvent[]) =>
    events
      .filter((e) => e.type === 'CommandRefused')
      .map((e) => ({ ...(e.data as CommandRefused['data']), actor: e.metadata.actor as { id: string } }));

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-demo-'));
    config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    summary = await withStore(createEventStore, (events) => runDemo(events, run));
  }, 180_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('has cases in every state, bureau rejections, overrides, blocked attempts and schools releasing post and establishment', async () => {
    const log = await withStore(createEventStore, everything);
    const all = cases(log);
    // Read back from the store, independently of the summary's own classification.
    const stateOf = (c: OffboardingCase): CaseState => {
      const last = c.transferAttempts.at(-1);
      if (c.status !== 'open') return c.status === 'cancelled' ? 'cancelled' : transfersOnTime(c) ? 'completed_on_time' : 'completed_late';
      if (c.done.labor_termination) return 'open_after_labor_termination';
      if (c.done.si_transfer_out) return 'open_waiting_labor_termination';
      if (last?.rejectedOn) return 'open_transfer_rejected';
      if (last) return c.transferAttempts.length > 1 ? 'open_transfer_re_requested' : 'open_transfer_requested';
      return c.done.approval ? 'open_in_preparation' : 'open_approval_pending';
    };
    const counts = Object.fromEntries(CASE_STATES.map((s) => [s, all.filter((c) => stateOf(c) === s).length]));
    expect(CASE_STATES.filter((state) => counts[state] === 0)).toEqual([]);
    expect(counts).toEqual(summary.cases);

    expect(all.filter((c) => c.status === 'completed' && c.transferAttempts.some((t) => t.rejectedOn)).length).toBeGreaterThan(0);
    expect(all.some((c) => c.overrides.some((o) => o.by.role === 'hr_manager' && o.reason.length > 10))).toBe(true);
    expect(all.some((c) => c.status === 'completed' && c.done.post_release && c.done.establishment_release)).toBe(true);

    const blocked = refusals(log);
    expect(blocked.length).toBe(summary.refusalsRecorded);
    // The classic mistake: 退工 before the transfer-out, refused with what is missing.
    expect(blocked.some((r) => r.step === 'labor_termination' && r.code === 'STEP_LOCKED' && r.missing?.includes('si_transfer_out'))).toBe(
      true,
    );
    expect(new Set(blocked.map((r) => r.code))).toEqual(new Set(['STEP_LOCKED', 'ROLE_REQUIRED', 'OVERRIDE_NOT_ALLOWED']));
    expect(blocked.every((r) => r.subjects.caseId && r.subjects.employeeId && r.actor.id)).toBe(true);
  });

  it('writes nothing the process manager derives: no separation, account closing or lock release', async () => {
    const types = new Set((await withStore(createEventStore, everything)).map((e) => e.type));
    for (const derived of ['EmployeeSeparated', 'SocialInsuranceTransferredOut', 'OffboardingCaseReleased'])
      expect(types.has(derived)).toBe(false);
  });

  it('records through the years, in office hours, back-dated where the world was earlier than the record', async () => {
    const log = await withStore(createEventStore, everything);
    const demo = log.filter((e) => (e.metadata.origin as { generator?: string } | undefined)?.generator === 'demo');
    expect(demo.length).toBeGreaterThan(3000);
    expect(demo.every((e) => e.metadata.source === 'system' && String(e.metadata.recordedAt) < run.asOf)).toBe(true);
    const years = new Set(demo.map((e) => String(e.metadata.recordedAt).slice(0, 4)));
    expect(years.size).toBeGreaterThan(8);
    // Beijing time (UTC+8): working days only, and office hours but for a busy afternoon running late.
    const beijing = demo.map((e) => new Date(Date.parse(String(e.metadata.recordedAt)) + 8 * 3_600_000));
    expect(beijing.filter((t) => [0, 6].includes(t.getUTCDay()))).toEqual([]);
    expect(beijing.filter((t) => t.getUTCHours() >= 9 && t.getUTCHours() < 18).length / beijing.length).toBeGreaterThan(0.98);
    // The log follows recorded time: each demo event is recorded no earlier than the one before it.
    expect(demo.every((e, i) => i === 0 || String(e.metadata.recordedAt) >= String(demo[i - 1].metadata.recordedAt))).toBe(true);

    const contributions = demo.filter((e) => e.type === 'ContributionRecorded' || e.type === 'ContributionCorrected');
    const recordedMonth = (e: RecordedEvent) => String(e.metadata.recordedAt).slice(0, 7);
    const month = (e: RecordedEvent) => (e.data as { month: string }).month;
    expect(contributions.some((e) => e.type === 'ContributionCorrected' && recordedMonth(e) > month(e))).toBe(true);
    // Back-paid months (补缴): recorded after a later month was.
    expect(contributions.some((e) => e.type === 'ContributionRecorded' && recordedMonth(e) > month(e))).toBe(true);
    expect(
      demo.filter((e) => e.type === 'ContributionBaseAdjusted').every((e) => (e.data as { fromMonth: string }).fromMonth.endsWith('-07')),
    ).toBe(true);

    const people = demo
      .filter((e) => e.type === 'PersonalDataRecorded')
      .map((e) => e.data as Extract<PersonalDataRecorded['data'], { name: string }>);
    expect(people.every((p) => validateResidentId(p.idNumber).ok && /^[\u4e00-\u9fff]{2,4}$/.test(p.name))).toBe(true);
    const hired = demo.filter((e) => e.type === 'EmployeeHired').map((e) => e.data as { region: string; category: string });
    expect(new Set(hired.map((h) => h.region))).toEqual(new Set(['shanghai', 'beijing', 'shenzhen', 'xiamen']));
    expect(new Set(hired.map((h) => h.category)).size).toBe(4);
  });

  it('keeps every stream hash-chained as stored', async () => {
    const streams = byStream(await withStore(createRawEventStore, everything));
    expect(streams.size).toBeGreaterThan(100);
    for (const [stream, events] of streams) {
      events.forEach((e, i) => {
        const broken = { stream, revision: e.revision };
        expect({ ...broken, ok: e.metadata.prevHash === (i === 0 ? null : events[i - 1].metadata.hash) }).toEqual({ ...broken, ok: true });
        expect({ ...broken, ok: hashEvent(e) === e.metadata.hash }).toEqual({ ...broken, ok: true });
      });
    }
  });

  it('writes nothing new when run again', async () => {
    const before = await withStore(createEventStore, (events) => events.headPosition());
    const again = await withStore(createEventStore, (events) => runDemo(events, run));
    expect(await withStore(createEventStore, (events) => events.headPosition())).toBe(before);
    expect({ written: again.eventsWritten, refusals: again.refusalsRecorded, cases: again.cases }).toEqual({
      written: 0,
      refusals: 0,
      cases: summary.cases,
    });
  }, 120_000);

  it('takes the recorded run on a re-run, and refuses another seed or a directory with employees it did not make', async () => {
    const onRecord = await withStore(createEventStore, employeesOnRecord);
    expect(runToMake(onRecord, {}, { seed: 1, asOf: '2026-01-01' })).toEqual({ seed: 7, asOf: '2026-06-30' });
    expect(() => runToMake(onRecord, { seed: 8 }, { seed: 1, asOf: '2026-01-01' })).toThrow(DemoRefused);

    const elsewhere = mkdtempSync(join(tmpdir(), 'ledger-demo-other-'));
    const events = await createEventStore(loadConfig({ DATA_DIR: elsewhere }));
    try {
      const hire = {
        employeeId: 'E1001',
        name: '张三',
        idNumber: '11010519491231002X',
        orgUnit: 'Finance',
        category: 'enterprise_regular' as const,
        region: 'shanghai',
        hireDate: '2020-01-06',
        monthlyWage: 12000,
        today: '2026-01-01',
      };
      const context = { actor: { id: 'hr-1', role: 'hr_specialist' }, recordedAt: new Date(), correlationId: 'c1', source: 'api' as const };
      await handleCommand(events, employeeStream('E1001'), employeeDecider, { type: 'HireEmployee', data: hire }, context);
      expect(() => runToMake({ runs: [], others: ['E1001'] }, {}, { seed: 1, asOf: '2026-01-01' })).toThrow(
        /not made by the demo \(E1001\)/,
      );
      expect((await employeesOnRecord(events)).others).toEqual(['E1001']);
    } finally {
      await events.close();
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  describe('when the service starts on the demo data', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp({ DATA_DIR: dataDir });
      // Projections and the process manager catch up from position 0; the process manager's own events move the head on.
      const projections = t.app.get(ProjectionsService);
      for (let settled = 0; settled < 2;) {
        const lagging = (await projections.health()).some((r) => r.lag !== '0');
        settled = lagging ? 0 : settled + 1;
        await new Promise((r) => setTimeout(r, 100));
      }
    }, 120_000);
    afterAll(async () => t?.close());

    it('shows blocked attempts, overrides, rejections and completed cases on the dashboard', async () => {
      const res = await request(t.app.getHttpServer())
        .get(`/api/dashboard/offboarding?from=${summary.from}&to=${run.asOf}`)
        .set(as.manager)
        .expect(200);
      expect(res.body.blockedAttempts.total).toBe(summary.refusalsRecorded);
      expect(res.body.blockedAttempts.byStep.labor_termination).toBeGreaterThan(0);
      expect(res.body.overrides.total).toBeGreaterThan(0);
      expect(res.body.siTransferSuccessRate).toBeLessThan(1);
      expect(res.body.casesCompleted).toBe(summary.cases.completed_on_time + summary.cases.completed_late);
      expect(res.body.casesCancelled).toBe(summary.cases.cancelled);
      expect(res.body.onTimeRate).toBeGreaterThan(0);
      expect(res.body.onTimeRate).toBeLessThan(1);
    });

    it('shows an employee’s timeline', async () => {
      const res = await request(t.app.getHttpServer()).get('/api/employees/E10001/timeline').set(as.manager).expect(200);
      expect(res.body.items.length).toBeGreaterThan(10);
      expect(res.body.items.map((i: { type: string }) => i.type)).toEqual(
        expect.arrayContaining(['EmployeeHired', 'SocialInsuranceEnrolled', 'ContributionRecorded']),
      );
    });

    it('lets the process manager derive separations, account closings and lock releases without a refusal', async () => {
      const log = await withStore(createEventStore, everything);
      expect(refusals(log).filter((r) => r.actor.id === 'offboarding-process-manager')).toEqual([]);
      const all = cases(log);
      const count = (type: string) => log.filter((e) => e.type === type).length;
      expect(count('EmployeeSeparated')).toBe(all.filter((c) => c.done.labor_termination).length);
      expect(count('SocialInsuranceTransferredOut')).toBe(all.filter((c) => c.done.si_transfer_out).length);
      expect(count('OffboardingCaseReleased')).toBe(all.filter((c) => c.status !== 'open').length);
      // No contribution was recorded beyond the bureau's last paid month.
      expect(
        log
          .filter((e) => e.type === 'SocialInsuranceTransferredOut')
          .flatMap((e) => (e.data as SocialInsuranceTransferredOut['data']).contributionsAfterLastPaidMonth),
      ).toEqual([]);
    });
  });
});

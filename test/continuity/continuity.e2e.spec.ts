import request from 'supertest';
import { eventually } from '../support/http';
import { as, tokenFor } from '../support/tokens';
import { describeOnEachReadStore, employeeWithContributions, monthsFromTo } from './continuity-app';

/** The application's clock says 2025-03-15: `through` defaults to 2025-02, the retirement year to 2025. */
describeOnEachReadStore('social-insurance continuity over HTTP', '2025-03-15T10:00:00.000Z', (app) => {
  const http = () => request(app().app.getHttpServer());
  const continuity = (id: string, query = '') => `/api/employees/${id}/social-insurance/continuity${query}`;
  const step = (caseId: string, key: string, body: Record<string, unknown> = {}, who = as.specialist) =>
    http().post(`/api/offboarding/${caseId}/steps/${key}`).set(who).send(body).expect(200);

  async function openCase(employeeId: string, reason: string, lastWorkingDay: string): Promise<string> {
    const res = await http()
      .post('/api/offboarding')
      .set(as.specialist)
      .send({ employeeId, reason, lastWorkingDay, openedAt: `${lastWorkingDay.slice(0, 7)}-01` })
      .expect(201);
    await eventually(app(), `/api/offboarding/${res.body.caseId}`, as.specialist);
    return res.body.caseId;
  }

  describe('an employee with a gap (断缴) in 2024-04 and 2024-05', () => {
    beforeAll(async () => {
      await employeeWithContributions(
        app(),
        { employeeId: 'E7001' },
        '2024-01',
        ['pension', 'unemployment'],
        [...monthsFromTo('2024-01', '2024-03'), ...monthsFromTo('2024-06', '2024-12')],
      );
      await http()
        .post('/api/employees/E7001/social-insurance/contributions')
        .set(as.specialist)
        .send({ month: '2024-02', insuranceTypes: ['pension'], base: 12500, correction: true })
        .expect(201);
    });

    it('shows covered months, the gap, the streaks and the correction, and judges benefit and pension', async () => {
      const body = await eventually(
        app(),
        continuity('E7001', '?through=2024-12'),
        as.specialist,
        (b) => b.types.pension?.corrections === 1,
      );
      // 2024-01..2024-12 due; 04 and 05 unpaid: 10 covered. Runs 01-03 (3) and 06-12 (7).
      const type = {
        startMonth: '2024-01',
        coveredMonths: 10,
        lastPaidMonth: '2024-12',
        gaps: [{ from: '2024-04', to: '2024-05', months: 2 }],
        currentStreak: 7,
        longestStreak: 7,
      };
      expect(body).toEqual({
        employeeId: 'E7001',
        through: '2024-12',
        transferredOut: false,
        types: {
          pension: {
            ...type,
            corrections: 1,
            // The month-by-month calendar: the correction of 2024-02 on pension only.
            calendar: [
              { from: '2024-01', to: '2024-01', state: 'paid' },
              { from: '2024-02', to: '2024-02', state: 'corrected' },
              { from: '2024-03', to: '2024-03', state: 'paid' },
              { from: '2024-04', to: '2024-05', state: 'gap' },
              { from: '2024-06', to: '2024-12', state: 'paid' },
            ],
          },
          unemployment: {
            ...type,
            corrections: 0,
            calendar: [
              { from: '2024-01', to: '2024-03', state: 'paid' },
              { from: '2024-04', to: '2024-05', state: 'gap' },
              { from: '2024-06', to: '2024-12', state: 'paid' },
            ],
          },
        },
        unemploymentBenefit: {
          separationReason: null,
          eligible: false,
          contributionMonths: 10,
          maxMonths: 0,
          why: 'SIL art. 45(1): 10 months of unemployment-insurance contributions, fewer than 12. SIL art. 45(2): no separation to judge (no offboarding case and no separationReason given). Not eligible.',
        },
        pension: { retirementYear: 2025, requiredMonths: 180, cumulativeMonths: 10, missingMonths: 170 },
      });
    });

    it('defaults `through` to the month before today, counting the unpaid months since as a gap', async () => {
      const body = await http().get(continuity('E7001')).set(as.investigator).expect(200);
      expect(body.body.through).toBe('2025-02');
      expect(body.body.types.pension).toMatchObject({
        gaps: [
          { from: '2024-04', to: '2024-05', months: 2 },
          { from: '2025-01', to: '2025-02', months: 2 },
        ],
        currentStreak: 0,
      });
    });

    it('needs 186 months for a retirement in 2030 (reform art. 2): 176 still missing', async () => {
      const body = await http().get(continuity('E7001', '?through=2024-12&retirementYear=2030')).set(as.auditor).expect(200);
      expect(body.body.pension).toEqual({ retirementYear: 2030, requiredMonths: 186, cumulativeMonths: 10, missingMonths: 176 });
    });
  });

  describe('unemployment benefit for the separation reason (SIL art. 45)', () => {
    beforeAll(async () => {
      await employeeWithContributions(
        app(),
        { employeeId: 'E7002' },
        '2024-01',
        ['pension', 'unemployment'],
        monthsFromTo('2024-01', '2024-12'),
      );
      await openCase('E7002', 'resignation', '2025-01-31');
    });

    it('refuses it for the latest case’s resignation, 12 months of contributions notwithstanding', async () => {
      const body = await eventually(
        app(),
        continuity('E7002', '?through=2024-12'),
        as.specialist,
        (b) => b.types.unemployment?.coveredMonths === 12,
      );
      expect(body.unemploymentBenefit).toMatchObject({
        separationReason: 'resignation',
        eligible: false,
        contributionMonths: 12,
        maxMonths: 0,
      });
    });

    it('grants 12 months for a dismissal given as ?separationReason= (art. 46: 1 to under 5 years)', async () => {
      const body = await http().get(continuity('E7002', '?through=2024-12&separationReason=dismissal')).set(as.manager).expect(200);
      expect(body.body.unemploymentBenefit).toMatchObject({
        separationReason: 'dismissal',
        eligible: true,
        contributionMonths: 12,
        maxMonths: 12,
      });
    });
  });

  describe('after a completed transfer-out', () => {
    it('defaults `through` to the last paid month, with no gap after it', async () => {
      await employeeWithContributions(
        app(),
        { employeeId: 'E7003' },
        '2024-08',
        ['pension', 'unemployment'],
        monthsFromTo('2024-08', '2025-01'),
      );
      const caseId = await openCase('E7003', 'dismissal', '2025-01-31');
      await step(caseId, 'approval', {}, as.manager);
      await step(caseId, 'si_transfer_out', { action: 'request' });
      await step(caseId, 'si_transfer_out', { action: 'complete', data: { lastPaidMonth: '2025-01' } });
      const body = await eventually(app(), continuity('E7003'), as.specialist, (b) => b.transferredOut === true);
      expect(body.through).toBe('2025-01');
      expect(body.types.pension).toEqual({
        startMonth: '2024-08',
        coveredMonths: 6,
        lastPaidMonth: '2025-01',
        gaps: [],
        currentStreak: 6,
        longestStreak: 6,
        corrections: 0,
        calendar: [{ from: '2024-08', to: '2025-01', state: 'paid' }],
      });
      // Asked past the last paid month, the months after it are transferred out, not gaps.
      const later = await http().get(continuity('E7003', '?through=2025-04')).set(as.investigator).expect(200);
      expect(later.body.types.unemployment.calendar).toEqual([
        { from: '2024-08', to: '2025-01', state: 'paid' },
        { from: '2025-02', to: '2025-04', state: 'transferred_out' },
      ]);
      expect(later.body.types.unemployment.gaps).toEqual([]);
      // A dismissal, but 6 months are fewer than the year art. 45(1) asks.
      expect(body.unemploymentBenefit).toMatchObject({ separationReason: 'dismissal', eligible: false, maxMonths: 0 });
    });
  });

  describe('refusals', () => {
    it('answers 404 for an unknown employee', async () => {
      expect((await http().get(continuity('NOPE')).set(as.specialist).expect(404)).body.code).toBe('NOT_FOUND');
    });

    it('answers 400 naming every bad query value', async () => {
      const res = await http()
        .get(continuity('E7001', '?through=2024-13&separationReason=quit&retirementYear=1949'))
        .set(as.specialist)
        .expect(400);
      expect(res.body.code).toBe('VALIDATION');
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['retirementYear', 'separationReason', 'through']);
      for (const query of [
        '?retirementYear=2030.5',
        '?retirementYear=abc',
        '?retirementYear=2101',
        '?through=',
        '?through=2024-1',
        '?other=1',
      ]) {
        await http().get(continuity('E7001', query)).set(as.specialist).expect(400);
      }
    });

    it('answers 401 without a valid token, and lets every role read', async () => {
      await http().get(continuity('E7001')).expect(401);
      await http()
        .get(continuity('E7001'))
        .set({ Authorization: `Bearer ${tokenFor('x', ['hr_specialist'], { secret: 'another-secret-that-is-long-enough-for-hs256' })}` })
        .expect(401);
      for (const who of Object.values(as)) await http().get(continuity('E7001')).set(who).expect(200);
    });
  });
});

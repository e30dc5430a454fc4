import { OffboardingCommand } from '../../src/domain/offboarding/offboarding.commands';
import { OffboardingCase, offboardingDecider, stepStatuses, transferStatus } from '../../src/domain/offboarding/offboarding.decider';
import { overdue, pendingDeadlines } from '../../src/domain/deadlines/overdue';
import { SeparationFacts, separationFactsOf, separationView } from '../../src/domain/offboarding/separation-facts';
import { addDays, daysBetween, monthsBetween } from '../../src/domain/shared/calendar';
import { caseSummary, caseView, StoredCaseView, storedCaseView } from '../../src/offboarding/case.view';
import { CaseDocument } from '../../src/offboarding/case.document';
import { completeTransfer, openCase, perform, play, requestTransfer } from '../domain/offboarding/fixtures';

const caseAfter = (commands: OffboardingCommand[]): OffboardingCase => {
  const state = play([], commands).reduce(offboardingDecider.evolve, offboardingDecider.initialState);
  if (state.status === 'none') throw new Error('no case');
  return state;
};

/** As a read store gives back what the projection wrote: through JSON. */
const stored = (state: OffboardingCase): StoredCaseView =>
  JSON.parse(JSON.stringify({ id: state.caseId, ...storedCaseView(state) })) as StoredCaseView;
const caseDocument = (state: OffboardingCase): CaseDocument =>
  JSON.parse(
    JSON.stringify({
      id: state.caseId,
      caseId: state.caseId,
      employeeId: state.employeeId,
      status: state.status,
      region: state.policy.region,
      category: state.policy.category,
      openedAt: state.openedAt,
      state,
    }),
  ) as CaseDocument;

/** The view as it was computed on every read before the projection kept it: the reference the stored view must match. */
function computedOnRead(state: OffboardingCase, today: string) {
  const steps = stepStatuses(state, today).map((s) => {
    const definition = state.policy.steps.find((d) => d.key === s.key)!;
    const pending = state.status === 'open' && s.doneOn === null && s.dueDate !== null;
    return {
      ...s,
      daysLeft: pending ? daysBetween(today, s.dueDate!) : null,
      daysOverdue: s.overdue ? daysBetween(s.dueDate!, today) : 0,
      title: definition.title,
      prerequisites: definition.requires,
      actions: {
        complete: ['complete'],
        complete_reject: ['complete', 'reject'],
        request_complete_reject: ['request', 'complete', 'reject'],
      }[definition.actions],
      role: definition.role ?? null,
      assignee: {
        role: definition.assignee?.role ?? definition.role ?? 'hr_specialist',
        department: definition.assignee?.department ?? 'hr',
      },
    };
  });
  const open = steps.filter((s) => state.status === 'open' && s.doneOn === null);
  const lastAttempt = state.transferAttempts.at(-1);
  const { warnings: separationWarnings, ...separation } = separationView(state.reason, state.lastWorkingDay, separationFactsOf(state));
  return {
    caseId: state.caseId,
    employeeId: state.employeeId,
    status: state.status,
    reason: state.reason,
    lastWorkingDay: state.lastWorkingDay,
    openedAt: state.openedAt,
    policy: { region: state.policy.region, category: state.policy.category, version: state.policy.version },
    separation,
    steps,
    warnings: [
      ...(lastAttempt && transferStatus(state) !== 'completed' ? lastAttempt.notice.warnings : []),
      ...separationWarnings,
      ...steps.filter((s) => s.overdue).map((s) => `${s.key} 已逾期 (due ${s.dueDate}) / ${s.key} is overdue (due ${s.dueDate})`),
    ],
    socialInsuranceTransfer: {
      status: transferStatus(state),
      attempts: state.transferAttempts,
      lastPaidMonth: state.lastPaidMonth ?? null,
    },
    terminationDate: state.terminationDate ?? null,
    laborTerminationRejections: state.laborTerminationRejections ?? [],
    overrides: state.overrides,
    completedOn: state.completedOn ?? null,
    waitingOn: (open.find((s) => s.status !== 'locked') ?? open[0])?.key ?? null,
    transferOutNotice:
      lastAttempt && transferStatus(state) === 'requested'
        ? {
            requestedOn: lastAttempt.requestedOn,
            lastContributionMonth: lastAttempt.notice.lastContributionMonth,
            fileBy: lastAttempt.notice.fileBy,
            predictedGapMonths: monthsBetween(lastAttempt.notice.lastContributionMonth, state.lastWorkingDay.slice(0, 7)),
            warnings: lastAttempt.notice.warnings,
          }
        : null,
  };
}

const cases: Record<string, OffboardingCommand[]> = {
  fresh: [openCase()],
  approved: [openCase(), perform('approval'), perform('handover')],
  // A filing after the 15-day limit carries the bureau's warnings until the transfer completes.
  'late transfer request': [openCase(), perform('approval'), requestTransfer('2024-08-20')],
  'transfer rejected': [
    openCase(),
    perform('approval'),
    requestTransfer(),
    perform('si_transfer_out', { action: 'reject', note: 'wrong month' }),
  ],
  'labour termination rejected': [
    openCase(),
    perform('approval'),
    perform('handover'),
    requestTransfer(),
    completeTransfer(),
    perform('labor_termination', { action: 'reject', note: '驳回' }),
  ],
  'terminated later': [
    openCase(),
    perform('approval'),
    perform('handover'),
    requestTransfer(),
    completeTransfer(),
    perform('labor_termination', { data: { terminationDate: '2024-07-10' } }),
  ],
  cancelled: [openCase(), { type: 'CancelCase', data: { note: 'withdrawn', actor: { id: 'u', role: 'hr_specialist' } } }],
  // Notice given 2024-06-10: the 30 days run to 2024-07-10, after the last working day 2024-06-30.
  'dismissed on short notice': [withFacts(openCase(), { noticeGivenOn: '2024-06-10' })],
};

function withFacts(command: OffboardingCommand, facts: SeparationFacts): OffboardingCommand {
  if (command.type !== 'OpenCase') throw new Error('facts go with OpenCase');
  return { ...command, data: { ...command.data, ...facts } };
}

describe('case view kept by the projection', () => {
  it.each(Object.entries(cases))('equals the view computed on read, every day around the due dates (%s)', (_, commands) => {
    const state = caseAfter(commands);
    const doc = stored(state);
    for (let day = '2024-06-25'; day <= '2024-09-05'; day = addDays(day, 1)) {
      expect(caseView(doc, day)).toEqual(JSON.parse(JSON.stringify(computedOnRead(state, day))));
    }
  });

  it('stores due dates equal to the ones the policy rules give', () => {
    const state = caseAfter(cases['terminated later']);
    expect(storedCaseView(state).steps.map((s) => [s.key, s.dueDate])).toEqual(stepStatuses(state).map((s) => [s.key, s.dueDate]));
    // Periods run from the registered termination date once known (2024-07-10), not the last working day.
    expect(storedCaseView(state).steps.find((s) => s.key === 'archive_transfer')?.dueDate).toBe('2024-07-25');
  });

  it('decides overdue by the day it is read, not the day it was stored', () => {
    const doc = stored(caseAfter(cases.fresh));
    const approval = (today: string) => caseView(doc, today).steps.find((s) => s.key === 'approval');
    expect(approval('2024-06-30')).toMatchObject({ dueDate: '2024-06-30', overdue: false });
    expect(approval('2024-07-01')).toMatchObject({ dueDate: '2024-06-30', overdue: true });
    expect(caseView(doc, '2024-06-30').warnings).toEqual([]);
    expect(caseView(doc, '2024-07-01').warnings).toContain('approval 已逾期 (due 2024-06-30) / approval is overdue (due 2024-06-30)');
  });

  it('lists overdue steps with calendar days overdue as the deadlines of the case give them', () => {
    for (const commands of Object.values(cases)) {
      const state = caseAfter(commands);
      for (const day of ['2024-06-30', '2024-07-01', '2024-07-16', '2024-09-01']) {
        expect(caseSummary(caseDocument(state), day).overdueSteps).toEqual(overdue(pendingDeadlines(state), day));
      }
    }
  });

  it('gives each list line the case view’s steps, the step it waits on and the pending transfer-out notice', () => {
    for (const commands of Object.values(cases)) {
      const state = caseAfter(commands);
      for (const day of ['2024-06-30', '2024-07-16']) {
        const view = caseView(stored(state), day);
        expect(caseSummary(caseDocument(state), day, '张*')).toMatchObject({
          name: '张*',
          steps: view.steps,
          waitingOn: view.waitingOn,
          transferOutNotice: view.transferOutNotice,
        });
      }
    }
  });

  it('says which prerequisites are hard or soft, who does each step and what it takes, from the pinned policy', () => {
    const view = caseView(stored(caseAfter(cases.approved)), '2024-06-30');
    const step = (key: string) => view.steps.find((s) => s.key === key)!;
    expect(step('labor_termination')).toMatchObject({
      status: 'locked',
      missing: ['si_transfer_out'],
      prerequisites: expect.arrayContaining([
        { step: 'si_transfer_out', kind: 'hard' },
        { step: 'handover', kind: 'soft' },
      ]),
      actions: ['complete', 'reject'],
      assignee: { role: 'hr_specialist', department: 'hr' },
      daysLeft: 15,
    });
    expect(step('si_transfer_out').actions).toEqual(['request', 'complete', 'reject']);
    expect(step('approval')).toMatchObject({ role: 'hr_manager', assignee: { role: 'hr_manager' }, daysLeft: null, daysOverdue: 0 });
    expect(caseView(stored(caseAfter(cases.fresh)), '2024-07-03')).toMatchObject({ waitingOn: 'approval' });
    expect(caseView(stored(caseAfter(cases.fresh)), '2024-07-03').steps[0]).toMatchObject({ overdue: true, daysLeft: -3, daysOverdue: 3 });
    expect(caseView(stored(caseAfter(cases.cancelled)), '2024-07-03')).toMatchObject({ waitingOn: null, transferOutNotice: null });
  });

  it('shows the notice of a filing awaiting the bureau, with the gap it predicts, and none once answered', () => {
    const requested = caseAfter(cases['late transfer request']);
    const notice = requested.transferAttempts[0].notice;
    expect(caseView(stored(requested), '2024-08-21').transferOutNotice).toEqual({
      requestedOn: '2024-08-20',
      lastContributionMonth: notice.lastContributionMonth,
      fileBy: notice.fileBy,
      predictedGapMonths: monthsBetween(notice.lastContributionMonth, '2024-06'),
      warnings: notice.warnings,
    });
    expect(caseView(stored(caseAfter(cases['transfer rejected'])), '2024-08-21').transferOutNotice).toBeNull();
  });

  it('carries the bureau’s warnings on a late filing until the transfer completes, before any overdue warning', () => {
    const view = caseView(stored(caseAfter(cases['late transfer request'])), '2024-08-21');
    expect(view.warnings.length).toBeGreaterThan(view.steps.filter((s) => s.overdue).length);
    expect(view.warnings.at(-1)).toMatch(/is overdue/);
    expect(
      caseView(
        stored(caseAfter([...cases['late transfer request'], completeTransfer('2024-07', '2024-08-21')])),
        '2024-08-21',
      ).warnings.every((w) => w.includes('is overdue')),
    ).toBe(true);
  });
});

describe('separation facts on the case view', () => {
  it('shows the notice period and warns about the month in lieu of notice for a dismissal noticed too late', () => {
    const view = caseView(stored(caseAfter(cases['dismissed on short notice'])), '2024-06-11');
    expect(view.separation).toEqual({
      proposedBy: null,
      renewalOffer: null,
      noticeGivenOn: '2024-06-10',
      inProbation: null,
      noticeDays: 30,
      noticePeriodEnds: '2024-07-10',
    });
    expect(view.warnings.join('\n')).toMatch(/2024-07-10.*LCL art\. 40/);
  });

  it('reads a view stored before the facts existed as unrecorded, without warnings', () => {
    const { separation: _, ...old } = stored(caseAfter(cases.fresh));
    const view = caseView(old as StoredCaseView, '2024-06-11');
    expect(view.separation).toEqual({
      proposedBy: null,
      renewalOffer: null,
      noticeGivenOn: null,
      inProbation: null,
      noticeDays: null,
      noticePeriodEnds: null,
    });
    expect(view.warnings).toEqual([]);
  });
});

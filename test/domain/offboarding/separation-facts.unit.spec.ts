import { OffboardingCommand } from '../../../src/domain/offboarding/offboarding.commands';
import { offboardingDecider } from '../../../src/domain/offboarding/offboarding.decider';
import { OffboardingCaseOpened } from '../../../src/domain/offboarding/offboarding.events';
import {
  dismissalNotice,
  noticePeriod,
  noticeWarnings,
  SeparationFacts,
  separationFactsOf,
  separationView,
} from '../../../src/domain/offboarding/separation-facts';
import { spec } from '../given-when-then';
import { HIRE_DATE, openCase, opened, TODAY } from './fixtures';

const openWith = (reason: OpenCaseReason, facts: SeparationFacts): OffboardingCommand => {
  const command = openCase({ reason });
  if (command.type !== 'OpenCase') throw new Error('unreachable');
  return { ...command, data: { ...command.data, ...facts } };
};
type OpenCaseReason = Parameters<typeof openCase>[0] extends infer O ? (O extends { reason?: infer R } ? NonNullable<R> : never) : never;

describe('the notice period (LCL arts. 37, 40; Civil Code art. 201)', () => {
  it('does not count the day notice is given: 30 days given 2024-06-01 end on 2024-07-01', () => {
    expect(noticePeriod('resignation', { noticeGivenOn: '2024-06-01' })).toEqual({ givenOn: '2024-06-01', days: 30, ends: '2024-07-01' });
    expect(noticePeriod('dismissal', { noticeGivenOn: '2024-06-01' })).toEqual({ givenOn: '2024-06-01', days: 30, ends: '2024-07-01' });
  });

  it('takes 3 days for a resignation in probation (art. 37), and 30 for a dismissal in probation (art. 40 has no shorter period)', () => {
    expect(noticePeriod('resignation', { noticeGivenOn: '2024-06-01', inProbation: true })?.ends).toBe('2024-06-04');
    expect(noticePeriod('resignation', { noticeGivenOn: '2024-06-01', inProbation: false })?.ends).toBe('2024-07-01');
    expect(noticePeriod('dismissal', { noticeGivenOn: '2024-06-01', inProbation: true })?.ends).toBe('2024-07-01');
  });

  it('counts a resignation with probation unknown as outside probation (the longer period)', () => {
    expect(noticePeriod('resignation', { noticeGivenOn: '2024-06-01' })?.days).toBe(30);
  });

  it('runs across a month end and a leap day by the calendar', () => {
    expect(noticePeriod('resignation', { noticeGivenOn: '2024-02-10' })?.ends).toBe('2024-03-11');
    expect(noticePeriod('resignation', { noticeGivenOn: '2023-02-10' })?.ends).toBe('2023-03-12');
  });

  it('has none without a recorded notice, or for a reason without one', () => {
    expect(noticePeriod('resignation', {})).toBeNull();
    expect(noticePeriod('mutual_agreement', { noticeGivenOn: '2024-06-01' })).toBeNull();
  });

  describe('the warning when the last working day comes before the period ends', () => {
    const period = noticePeriod('dismissal', { noticeGivenOn: '2024-06-01' });

    it('is silent on the last day of the period and after it', () => {
      expect(noticeWarnings('dismissal', '2024-07-01', period)).toEqual([]);
      expect(noticeWarnings('dismissal', '2024-07-02', period)).toEqual([]);
    });

    it('names the month in lieu of notice (代通知金, art. 40) for a dismissal a day short', () => {
      const [warning] = noticeWarnings('dismissal', '2024-06-30', period);
      expect(warning).toContain('代通知金');
      expect(warning).toContain('2024-07-01');
      expect(warning).toContain('LCL art. 40');
    });

    it('asks to confirm the employer’s agreement for a resignation that leaves early (art. 37)', () => {
      const [warning] = noticeWarnings('resignation', '2024-06-30', noticePeriod('resignation', { noticeGivenOn: '2024-06-01' }));
      expect(warning).toContain('LCL art. 37');
    });
  });

  describe('the month in lieu of notice for the severance answer', () => {
    it('is not due when the 30 days end on or before the termination date', () => {
      expect(dismissalNotice({ noticeGivenOn: '2024-08-31' }, '2024-09-30')?.withoutNotice).toBe(false);
      expect(dismissalNotice({ noticeGivenOn: '2024-08-01' }, '2024-09-30')?.withoutNotice).toBe(false);
    });

    it('is due when they end a day after it, and the basis names the dates', () => {
      const notice = dismissalNotice({ noticeGivenOn: '2024-09-01' }, '2024-09-30');
      expect(notice?.withoutNotice).toBe(true);
      expect(notice?.basis).toContain('2024-10-01');
    });

    it('is not judged without a recorded notice', () => {
      expect(dismissalNotice({}, '2024-09-30')).toBeNull();
    });
  });
});

describe('the case view of the separation', () => {
  it('shows every fact as null when none is recorded', () => {
    expect(separationView('mutual_agreement', '2024-06-30', {})).toEqual({
      proposedBy: null,
      renewalOffer: null,
      noticeGivenOn: null,
      inProbation: null,
      noticeDays: null,
      noticePeriodEnds: null,
      warnings: [],
    });
  });

  it('keeps only the facts from a larger object', () => {
    expect(separationFactsOf({ proposedBy: 'employer', caseId: 'K1' } as SeparationFacts)).toEqual({ proposedBy: 'employer' });
  });
});

describe('opening a case with separation facts', () => {
  it('records the facts in OffboardingCaseOpened, and the case state keeps them', () => {
    const { events, state } = spec(offboardingDecider)
      .given([])
      .when(openWith('mutual_agreement', { proposedBy: 'employee' }))
      .then([{ type: 'OffboardingCaseOpened' }]);
    expect(events[0].data).toMatchObject({ reason: 'mutual_agreement', proposedBy: 'employee' });
    expect(state).toMatchObject({ status: 'open', proposedBy: 'employee' });
  });

  it('records a resignation’s notice and probation', () => {
    const { events } = spec(offboardingDecider)
      .given([])
      .when(openWith('resignation', { noticeGivenOn: '2024-06-25', inProbation: true }))
      .then([{ type: 'OffboardingCaseOpened' }]);
    expect(events[0].data).toMatchObject({ noticeGivenOn: '2024-06-25', inProbation: true });
  });

  it('records no fact field at all when none is given (old and new events look alike)', () => {
    const { events } = spec(offboardingDecider)
      .given([])
      .when(openCase({ reason: 'mutual_agreement' }))
      .then([{ type: 'OffboardingCaseOpened' }]);
    expect(Object.keys(events[0].data)).not.toEqual(expect.arrayContaining(['proposedBy']));
    expect(separationFactsOf(events[0].data as OffboardingCaseOpened['data'])).toEqual({});
  });

  it('refuses a proposer on a dismissal, naming the field', () => {
    spec(offboardingDecider)
      .given([])
      .when(openWith('dismissal', { proposedBy: 'employer' }))
      .thenThrows('INVALID_SEPARATION_FACT', { field: 'proposedBy' });
  });

  it('refuses a renewal offer on a mutual agreement, and notice on an expiry', () => {
    spec(offboardingDecider)
      .given([])
      .when(openWith('mutual_agreement', { renewalOffer: 'none' }))
      .thenThrows('INVALID_SEPARATION_FACT', { field: 'renewalOffer' });
    spec(offboardingDecider)
      .given([])
      .when(openWith('contract_expiry', { noticeGivenOn: '2024-06-01' }))
      .thenThrows('INVALID_SEPARATION_FACT', { field: 'noticeGivenOn' });
  });

  it('refuses a notice after the last working day (2024-06-30), and takes one on it', () => {
    spec(offboardingDecider)
      .given([])
      .when(openWith('resignation', { noticeGivenOn: '2024-07-01' }))
      .thenThrows('INVALID_SEPARATION_FACT', { field: 'noticeGivenOn' });
    spec(offboardingDecider)
      .given([])
      .when(openWith('resignation', { noticeGivenOn: '2024-06-30' }))
      .then([{ type: 'OffboardingCaseOpened' }]);
  });

  it('refuses a notice given after today or before the hire date: it is a fact of the employment', () => {
    const future = openCase({ reason: 'resignation', lastWorkingDay: '2026-02-27' });
    if (future.type !== 'OpenCase') throw new Error('unreachable');
    // TODAY is 2025-12-31: a notice dated the next day has not been given yet.
    spec(offboardingDecider)
      .given([])
      .when({ ...future, data: { ...future.data, noticeGivenOn: '2026-01-01' } })
      .thenThrows('DATE_IN_FUTURE', { field: 'noticeGivenOn' });
    spec(offboardingDecider)
      .given([])
      .when({ ...future, data: { ...future.data, noticeGivenOn: TODAY } })
      .then([{ type: 'OffboardingCaseOpened' }]);
    spec(offboardingDecider)
      .given([])
      .when(openWith('resignation', { noticeGivenOn: '2020-01-05' }))
      .thenThrows('DATE_OUT_OF_ORDER', { field: 'noticeGivenOn' });
    spec(offboardingDecider)
      .given([])
      .when(openWith('resignation', { noticeGivenOn: HIRE_DATE }))
      .then([{ type: 'OffboardingCaseOpened' }]);
  });

  it('refuses values outside the lists, as an import or another caller could send them', () => {
    spec(offboardingDecider)
      .given([])
      .when(openWith('mutual_agreement', { proposedBy: 'boss' as never }))
      .thenThrows('INVALID_SEPARATION_FACT', { field: 'proposedBy' });
    spec(offboardingDecider)
      .given([])
      .when(openWith('contract_expiry', { renewalOffer: 'maybe' as never }))
      .thenThrows('INVALID_SEPARATION_FACT', { field: 'renewalOffer' });
    spec(offboardingDecider)
      .given([])
      .when(openWith('resignation', { noticeGivenOn: '2024-02-30' }))
      .thenThrows('INVALID_SEPARATION_FACT', { field: 'noticeGivenOn' });
  });

  it('folds an event recorded before the facts existed as a case with none', () => {
    const old = opened({ reason: 'contract_expiry' });
    const state = offboardingDecider.evolve(offboardingDecider.initialState, old);
    expect(state.status === 'open' && separationFactsOf(state)).toEqual({});
  });
});

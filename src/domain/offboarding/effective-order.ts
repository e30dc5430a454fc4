import { StepDefinition } from '../policy/policy';
import { IsoDate, isIsoDate } from '../shared/calendar';
import { DateConflict, outOfOrder, requireNotFutureFact, requireWithinPlanHorizon } from '../shared/effective-dates';
import { OpenCase, PerformStep } from './offboarding.commands';
import { OffboardingCase } from './offboarding.state';

/**
 * The legal order in effective time. Prerequisites are checked as "done or not"
 * in recorded order (STEP_LOCKED); these checks keep the dates consistent with
 * that order, so that a timeline sorted by effective date never shows a step
 * before what it requires (a 退工 before its 社保转出), before the person was
 * hired, before the case was opened, or in the future.
 */

const HIRE = { zh: '入职日期', en: 'the hire date' };

/** OpenCase: the case was opened on a day that has come, not before the hire; the last working day is a plan within the horizon. */
export function checkOpeningDates(data: OpenCase['data']): void {
  const { openedAt, lastWorkingDay, hireDate, today } = data;
  requireNotFutureFact('openedAt', openedAt, today);
  requireWithinPlanHorizon('lastWorkingDay', lastWorkingDay, today);
  if (openedAt < hireDate)
    throw outOfOrder('openedAt', openedAt, HIRE, { event: 'EmployeeHired', field: 'hireDate', effectiveDate: hireDate });
  if (lastWorkingDay < hireDate)
    throw outOfOrder('lastWorkingDay', lastWorkingDay, HIRE, { event: 'EmployeeHired', field: 'hireDate', effectiveDate: hireDate });
}

/** A date a step may not precede, what it is in both languages, and where it comes from. */
interface LowerBound {
  what: { zh: string; en: string };
  conflictsWith: DateConflict;
}

/**
 * PerformStep, once the step is known to be unlocked. Only what is done binds:
 * - a hard prerequisite is done (else the step is locked), and the step may not be dated before it;
 * - a soft prerequisite that is done binds the same way. The record says it was
 *   done on that date; a step dated earlier would say the step went ahead without
 *   it, which is what an override records, and an override is only given with the
 *   step for a prerequisite not done. (Decision: the law does not speak to it; a
 *   manager who needs that order records the step before the prerequisite.)
 * - a soft prerequisite overridden and not done has no date, so nothing binds.
 * When several dates are broken, the refusal names the latest of them: the one
 * that says how early the step may be dated (`details.conflictsWith`).
 */
export function checkStepDates(c: OffboardingCase, definition: StepDefinition, data: PerformStep['data']): void {
  const { effectiveDate, today } = data;
  requireNotFutureFact('effectiveDate', effectiveDate, today);
  const broken = lowerBounds(c, definition, data).filter((b) => effectiveDate < b.conflictsWith.effectiveDate);
  const binding = broken.reduce<LowerBound | undefined>(
    (latest, b) => (!latest || b.conflictsWith.effectiveDate >= latest.conflictsWith.effectiveDate ? b : latest),
    undefined,
  );
  if (binding) throw outOfOrder('effectiveDate', effectiveDate, binding.what, binding.conflictsWith);
  if (definition.key === 'labor_termination') checkTerminationDate(c, data);
}

function lowerBounds(c: OffboardingCase, definition: StepDefinition, data: PerformStep['data']): LowerBound[] {
  const bounds: LowerBound[] = [];
  // Cases opened before the hire date was kept in OffboardingCaseOpened have none: that check is skipped for them.
  if (c.hireDate !== undefined)
    bounds.push({ what: HIRE, conflictsWith: { event: 'EmployeeHired', field: 'hireDate', effectiveDate: c.hireDate } });
  bounds.push({
    what: { zh: '离职案件发起日期', en: 'the opening of the case' },
    conflictsWith: { event: 'OffboardingCaseOpened', field: 'openedAt', effectiveDate: c.openedAt },
  });
  for (const prerequisite of definition.requires) {
    const doneOn = c.done[prerequisite.step];
    if (doneOn === undefined) continue;
    const title = c.policy.steps.find((s) => s.key === prerequisite.step)?.title ?? { zh: prerequisite.step, en: prerequisite.step };
    bounds.push({
      what: { zh: `前置步骤${title.zh}的完成日期`, en: `the completion of its prerequisite ${title.en}` },
      conflictsWith: { step: prerequisite.step, effectiveDate: doneOn },
    });
  }
  if (definition.actions === 'request_complete_reject') bounds.push(...transferSequence(c, data));
  return bounds;
}

/** The bureau answers a filing after it was made; a new filing follows the rejection of the last one. */
function transferSequence(c: OffboardingCase, data: PerformStep['data']): LowerBound[] {
  const last = c.transferAttempts.at(-1);
  if (!last) return [];
  if (data.action !== 'request' && last.rejectedOn === undefined) {
    return [
      {
        what: { zh: '社保转出申报日期', en: 'the transfer-out filing' },
        conflictsWith: { step: 'si_transfer_out', action: 'request', effectiveDate: last.requestedOn },
      },
    ];
  }
  if (data.action === 'request' && last.rejectedOn !== undefined) {
    return [
      {
        what: { zh: '上次申报的退单日期', en: 'the rejection of the last filing' },
        conflictsWith: { step: 'si_transfer_out', action: 'reject', effectiveDate: last.rejectedOn },
      },
    ];
  }
  return [];
}

/** The end of the labour relationship is a plan at most; it cannot precede the hire. */
function checkTerminationDate(c: OffboardingCase, data: PerformStep['data']): void {
  const terminationDate: IsoDate | undefined = data.data?.terminationDate;
  if (!isIsoDate(terminationDate)) return; // absent, or refused as INVALID_DATE with the step's facts
  requireWithinPlanHorizon('data.terminationDate', terminationDate, data.today);
  if (c.hireDate !== undefined && terminationDate < c.hireDate) {
    throw outOfOrder('data.terminationDate', terminationDate, HIRE, {
      event: 'EmployeeHired',
      field: 'hireDate',
      effectiveDate: c.hireDate,
    });
  }
}

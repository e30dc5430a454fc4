import { addDays, IsoDate } from '../shared/calendar';
import { DueRule, RegionalParameters } from './policy';
import { fileBy, parameterInForce } from './si-reduction';

export interface DueContext {
  lastWorkingDay: IsoDate;
  /** The termination date registered with the 退工 filing, once it is. */
  terminationDate?: IsoDate;
  parameters: RegionalParameters;
}

/**
 * The due date of a step, or null when its rule sets none. Periods run from the
 * registered termination date when known, else from the last working day (the
 * day the labour relationship is planned to end). Periods in days are calendar
 * days counted from the next day (Civil Code art. 201), so `addDays` is exact.
 * The reduction cut-off uses the rule in force on that day; the transfer-out
 * notice itself uses the rule in force on the actual filing date.
 * Civil Code art. 203 (a period ending on a statutory holiday ends the day after
 * it, https://en.91xjr.com/article/practice/desc-63697.html) is not applied, for
 * want of a holiday calendar: a due date may come a few days early, never late.
 */
export function dueDate(rule: DueRule, context: DueContext): IsoDate | null {
  const termination = context.terminationDate ?? context.lastWorkingDay;
  switch (rule.kind) {
    case 'on_termination':
      return termination;
    case 'days_after_termination':
      return addDays(termination, rule.days);
    case 'before_last_working_day':
      return addDays(context.lastWorkingDay, -rule.days);
    case 'reduction_cutoff':
      return fileBy(termination, parameterInForce(context.parameters.siReduction, termination)?.rule);
    case 'none':
      return null;
  }
}

/**
 * Resolves the symbolic dates of a history against what the runner knows at the
 * time of the command (the simulated today, the employee's hire date, the case's
 * opening, last working day and completed transfer-out).
 */
import { addDays, addMonths, dayInMonth, IsoDate, IsoMonth, monthOf } from '../../src/domain/shared/calendar';
import { DateAnchor, DateSpec, MonthSpec } from './history';

export interface Anchors {
  today: IsoDate;
  hire?: IsoDate;
  opened?: IsoDate;
  lastWorkingDay?: IsoDate;
  transferCompleted?: IsoDate;
  lastPaid?: IsoMonth;
}

const anchorDate = (anchors: Anchors, from: DateAnchor): IsoDate => anchors[from] ?? anchors.today;

export function resolveDate(spec: DateSpec, anchors: Anchors): IsoDate {
  if ('fixed' in spec) return spec.fixed;
  const date = addDays(anchorDate(anchors, spec.from), spec.days);
  if (spec.snap === undefined) return date;
  return dayInMonth(monthOf(date), spec.snap === 'monthEnd' ? 31 : spec.snap);
}

export function resolveMonth(spec: MonthSpec, anchors: Anchors): IsoMonth {
  if ('fixed' in spec) return spec.fixed;
  const base = spec.from === 'lastPaid' ? (anchors.lastPaid ?? monthOf(anchors.today)) : monthOf(anchorDate(anchors, spec.from));
  return addMonths(base, spec.months);
}

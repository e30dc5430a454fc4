import { IsoMonth } from '../../domain/shared/calendar';
import { insuranceStream } from '../../domain/shared/streams';
import { INSURANCE_TYPES, InsuranceType } from '../../domain/shared/vocabulary';
import { insuranceDecider } from '../../domain/social-insurance/insurance.decider';
import { loadState } from '../../event-sourcing/command-handler';
import { EnrollInSocialInsurance, RecordContribution, ContributionDto, EnrollDto } from '../../social-insurance';
import { checkApiRules } from '../api-rules';
import { INSURANCE_TYPE_LABELS } from '../vocabulary';
import { ImportKindDefinition } from './import-kind';

interface ContributionRow {
  employeeId: string;
  month: IsoMonth;
  /** Undefined: every type enrolled for the month (as the API's default). */
  insuranceTypes?: InsuranceType[];
  base: number;
  correction: boolean;
  /** 参保起始月: enrols the account from this month when it has no enrolment starting then. */
  startMonth?: IsoMonth;
}

/**
 * 社保缴费明细: one row records one month's contribution
 * (POST /api/employees/{id}/social-insurance/contributions). Payroll exports
 * usually carry the enrolment month too; when the file has a 参保起始月 column,
 * the first row of an employee without that enrolment enrols them first (with
 * the row's types, or all five, and the row's base), as POST .../enrollment
 * would. Without the column, the account must already be enrolled.
 */
export const contributions: ImportKindDefinition<ContributionRow> = {
  fields: [
    { key: 'employeeId', zh: '工号', aliases: ['工号', '员工编号', '职工编号', '人员编号', '员工工号'], required: true },
    { key: 'month', zh: '缴费月份', aliases: ['缴费月份', '缴费年月', '所属期', '费款所属期', '所属月份', '缴费月'], required: true },
    { key: 'insuranceTypes', zh: '险种', aliases: ['险种', '缴费险种', '参保险种'] },
    { key: 'base', zh: '缴费基数', aliases: ['缴费基数', '基数', '月缴费基数'], required: true },
    { key: 'correction', zh: '是否补正', aliases: ['是否补正', '是否更正', '补正', '更正'] },
    { key: 'startMonth', zh: '参保起始月', aliases: ['参保起始月', '参保起始月份', '参保年月', '参保开始月份'] },
  ],
  domainFields: { contributionBase: 'base' },

  read(r) {
    const row = {
      employeeId: r.text('employeeId'),
      month: r.month('month'),
      insuranceTypes: r.listOf('insuranceTypes', INSURANCE_TYPE_LABELS),
      base: r.amount('base'),
      correction: r.yesNo('correction'),
      startMonth: r.month('startMonth', { optional: true }),
    };
    checkApiRules(r, ContributionDto, row);
    if (row.startMonth !== undefined) {
      checkApiRules(
        r,
        EnrollDto,
        { startMonth: row.startMonth, insuranceTypes: row.insuranceTypes ?? [...INSURANCE_TYPES], contributionBase: row.base },
        (path) => (path === 'contributionBase' ? 'base' : path),
      );
    }
    return r.problems.length === 0 ? (row as ContributionRow) : undefined;
  },

  severalCommands: (row) => row.startMonth !== undefined,

  async apply(row, run) {
    const { employeeId, month, insuranceTypes, base, correction, startMonth } = row;
    await run.employee(employeeId);
    if (startMonth !== undefined) {
      const account = await loadState(run.store, insuranceStream(employeeId), insuranceDecider);
      if (!account.periods.some((p) => p.startMonth === startMonth)) {
        const enrolment = { startMonth, insuranceTypes: insuranceTypes ?? [...INSURANCE_TYPES], contributionBase: base };
        await run.execute({ slot: 'enrol', field: 'startMonth' }, (context) => new EnrollInSocialInsurance(employeeId, enrolment, context));
      }
    }
    await run.execute(
      { slot: 'contribution', field: 'month' },
      (context) => new RecordContribution(employeeId, { month, insuranceTypes, base, correction }, context),
    );
  },
};

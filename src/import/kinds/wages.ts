import { RecordMonthlyPay } from '../../domain/employee/employee.commands';
import { RecordMonthlyPay as Recording, RecordMonthlyPayDto } from '../../wages';
import { checkApiRules } from '../api-rules';
import { ImportKindDefinition } from './import-kind';

type MonthlyPayRow = Omit<RecordMonthlyPay['data'], 'today'> & { employeeId: string };

/**
 * 工资发放明细 (a payroll register): one row records what was owed to one employee
 * for one month (POST /api/employees/{id}/pay-records). The amount is the gross
 * owed (应发工资/应发合计: wages plus bonuses, allowances and subsidies, Regs art.
 * 27), not the net paid out (实发工资) after social insurance and tax, so 实发 is
 * not among the headers. A row for a month that already has another amount
 * corrects it, as the API does; a later file with corrected figures is a
 * correction run.
 */
export const wages: ImportKindDefinition<MonthlyPayRow> = {
  fields: [
    { key: 'employeeId', zh: '工号', aliases: ['工号', '员工编号', '职工编号', '人员编号', '员工工号'], required: true },
    {
      key: 'month',
      zh: '工资月份',
      aliases: ['月份', '工资月份', '工资所属月份', '所属月份', '发薪月份', '工资年月', '年月', 'month'],
      required: true,
    },
    {
      key: 'amount',
      zh: '应发工资',
      aliases: ['应发工资', '应发合计', '应发金额', '应得工资', '应发总额', '应发', 'amount'],
      required: true,
    },
  ],

  read(r) {
    const row = { employeeId: r.text('employeeId'), month: r.month('month'), amount: r.amount('amount') };
    checkApiRules(r, RecordMonthlyPayDto, { month: row.month, amount: row.amount });
    return r.problems.length === 0 ? (row as MonthlyPayRow) : undefined;
  },

  async apply({ employeeId, month, amount }, run) {
    await run.employee(employeeId);
    await run.execute({ slot: 'pay', field: 'month' }, (context) => new Recording(employeeId, { month, amount }, context));
  },
};

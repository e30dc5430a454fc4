import { EmploymentPeriod } from '../employee/employee.decider';
import { PriorTransfer } from '../employee/employee.events';
import { IsoDate } from '../shared/calendar';

/**
 * What the severance answer says about service outside the current employment
 * period. Pure; the service period itself is computed from `hireDate`, the
 * latest (re)hire.
 *
 * - Rehire (docs/LAW.md §1.1 [secondary], http://www.luxwatt.cn/renliziyuan/87299):
 *   "if the employee left and was rehired, count from the last rehire". The
 *   earlier periods are not added: when each ended, the employer either paid
 *   compensation for it or owed none (resignation, LCL art. 46), and either way
 *   it is settled. So only a line in `basis` names them.
 * - Regs art. 10 (劳动合同法实施条例第十条, docs/LAW.md §1.1 [statute]): an employee moved
 *   to this employer not of their own will keeps the years with the previous
 *   employer, unless that employer already paid compensation for them. Whether a
 *   move qualifies, and for which years, needs the documents: the answer is
 *   flagged for manual review and the earlier years are never computed.
 */
export interface EarlierService {
  basis: string[];
  review: string[];
}

export function earlierService(input: {
  hireDate: IsoDate;
  previousPeriods: EmploymentPeriod[];
  priorTransfer?: PriorTransfer;
}): EarlierService {
  const basis: string[] = [];
  const review: string[] = [];
  const { hireDate, previousPeriods, priorTransfer } = input;
  if (previousPeriods.length > 0) {
    const periods = previousPeriods.map((p) => `${p.hireDate}–${p.terminationDate ?? '?'}`).join(', ');
    basis.push(
      `员工离职后再次入职，工作年限自最后一次入职之日 ${hireDate} 起计算；此前的劳动关系（${periods}）终止时已依法支付或无须支付经济补偿，不再合并计算。` +
        ` / The employee left and was rehired: service counts from the last rehire on ${hireDate} (LAW.md §1.1); the earlier periods (${periods}) were settled when they ended (compensation paid, or none owed) and are not added.`,
    );
  }
  if (priorTransfer) {
    const { fromEmployer, since, compensationPaid } = priorTransfer;
    const paid =
      compensationPaid === true
        ? {
            zh: '原用人单位已支付经济补偿，原单位工作年限不再计算，须核实。',
            en: 'the earlier employer already paid compensation, so those years are not counted again; to be confirmed.',
          }
        : compensationPaid === false
          ? {
              zh: '原用人单位未支付经济补偿，原单位工作年限应合并计算，须人工核算。',
              en: 'the earlier employer paid no compensation, so those years count here; to be computed by a person.',
            }
          : {
              zh: '原用人单位是否已支付经济补偿不明，须人工核实。',
              en: 'whether the earlier employer paid compensation is not known; to be checked by a person.',
            };
    review.push(
      `劳动合同法实施条例第十条：劳动者非因本人原因从原用人单位（${fromEmployer}，自 ${since} 起）被安排到本单位工作的，原单位工作年限合并计算为本单位工作年限；${paid.zh}本计算只含本单位自 ${hireDate} 起的年限。` +
        ` / Regs art. 10: an employee moved from an earlier employer (${fromEmployer}, since ${since}) not of their own will keeps those years with this employer; ${paid.en} This figure counts only service here from ${hireDate}.`,
    );
  }
  return { basis, review };
}

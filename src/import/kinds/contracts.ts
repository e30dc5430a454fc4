import { SignContract } from '../../domain/employee/employee.commands';
import { SignContract as Signing, SignContractDto } from '../../employees';
import { checkApiRules } from '../api-rules';
import { CONTRACT_TYPE_LABELS } from '../vocabulary';
import { ImportKindDefinition } from './import-kind';

type Contract = SignContract['data'] & { employeeId: string };

/** 劳动合同台账: one row signs one contract of a hired employee (POST /api/employees/{id}/contracts). */
export const contracts: ImportKindDefinition<Contract> = {
  fields: [
    { key: 'employeeId', zh: '工号', aliases: ['工号', '员工编号', '职工编号', '人员编号', '员工工号'], required: true },
    { key: 'contractId', zh: '合同编号', aliases: ['合同编号', '合同号', '合同编码'], required: true },
    { key: 'contractType', zh: '合同类型', aliases: ['合同类型', '合同期限类型', '期限类型', 'type'], required: true },
    { key: 'startDate', zh: '开始日期', aliases: ['开始日期', '合同开始日期', '起始日期', '合同起始日期', '生效日期'], required: true },
    // Optional: open-ended contracts have none (the decider checks which types need one).
    { key: 'endDate', zh: '结束日期', aliases: ['结束日期', '合同结束日期', '终止日期', '合同终止日期', '到期日期'] },
  ],

  read(r) {
    const contract = {
      employeeId: r.text('employeeId'),
      contractId: r.text('contractId'),
      contractType: r.oneOf('contractType', CONTRACT_TYPE_LABELS),
      startDate: r.date('startDate'),
      endDate: r.date('endDate', { optional: true }),
    };
    const { contractId, contractType: type, startDate, endDate } = contract;
    checkApiRules(r, SignContractDto, { contractId, type, startDate, endDate }, (path) => (path === 'type' ? 'contractType' : path));
    return r.problems.length === 0 ? (contract as Contract) : undefined;
  },

  async apply({ employeeId, contractId, contractType, startDate, endDate }, run) {
    await run.employee(employeeId);
    await run.execute(
      { slot: 'contract', field: 'contractId' },
      (context) => new Signing(employeeId, { contractId, type: contractType, startDate, endDate }, context),
    );
  },
};

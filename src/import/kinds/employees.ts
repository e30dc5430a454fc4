import { HireEmployee } from '../../domain/employee/employee.commands';
import { isBornAfter, validateResidentId } from '../../domain/employee/resident-id';
import { HireEmployee as Hiring, HireEmployeeDto } from '../../employees';
import { checkApiRules } from '../api-rules';
import { policyVersions } from '../policies';
import { rejected } from '../problems';
import { CATEGORY_LABELS, REGION_LABELS } from '../vocabulary';
import { ImportKindDefinition } from './import-kind';

type Hire = HireEmployee['data'];

/** 员工花名册: one row hires one employee (POST /api/employees). */
export const employees: ImportKindDefinition<Hire> = {
  fields: [
    { key: 'employeeId', zh: '工号', aliases: ['工号', '员工编号', '职工编号', '人员编号', '员工工号'], required: true },
    { key: 'name', zh: '姓名', aliases: ['姓名', '员工姓名'], required: true },
    { key: 'idNumber', zh: '身份证号', aliases: ['身份证号', '身份证号码', '公民身份号码', '证件号码', '身份证'], required: true },
    { key: 'orgUnit', zh: '部门', aliases: ['部门', '所在部门', '所属部门', '单位', 'department'], required: true },
    { key: 'category', zh: '人员类别', aliases: ['人员类别', '员工类别', '用工性质', '用工类型'], required: true },
    { key: 'region', zh: '地区', aliases: ['地区', '城市', '参保地', '参保城市', '工作地', 'city'], required: true },
    { key: 'hireDate', zh: '入职日期', aliases: ['入职日期', '入职时间', '到岗日期'], required: true },
    { key: 'monthlyWage', zh: '月平均工资', aliases: ['月平均工资', '月工资', '月薪', '月均工资', 'wage'], required: true },
    { key: 'position', zh: '岗位', aliases: ['岗位', '职位', '职务'] },
    { key: 'phone', zh: '电话', aliases: ['电话', '手机', '手机号', '手机号码', '联系电话', 'mobile'] },
    { key: 'email', zh: '邮箱', aliases: ['邮箱', '电子邮箱', '电子邮件', 'e-mail'] },
    { key: 'address', zh: '地址', aliases: ['地址', '联系地址', '住址', '家庭住址'] },
  ],

  read(r) {
    const contact = {
      phone: r.text('phone', { optional: true }),
      email: r.text('email', { optional: true }),
      address: r.text('address', { optional: true }),
    };
    const hire = {
      employeeId: r.text('employeeId'),
      name: r.text('name'),
      idNumber: r.residentId('idNumber'),
      orgUnit: r.text('orgUnit'),
      category: r.oneOf('category', CATEGORY_LABELS),
      region: r.oneOf('region', REGION_LABELS),
      hireDate: r.date('hireDate'),
      monthlyWage: r.amount('monthlyWage'),
      position: r.text('position', { optional: true }),
      contact: Object.values(contact).some(Boolean) ? contact : undefined,
    };
    checkApiRules(r, HireEmployeeDto, hire, (path) => path.replace(/^contact\./, ''));
    return r.problems.length === 0 ? (hire as Hire) : undefined;
  },

  async apply(hire, run) {
    // The domain never reads the clock, so "not born in the future" is checked here (resident-id.ts).
    const check = validateResidentId(hire.idNumber);
    if (check.ok && isBornAfter(check.birthDate, run.today())) {
      throw rejected(
        'idNumber',
        'INVALID_ID_NUMBER',
        '身份证号无效：出生日期在今天之后',
        'invalid ID number: the birth date is after today',
      );
    }
    // As POST /api/employees (whose handler answers 400): a region and category without a published policy cannot be hired into.
    if ((await policyVersions(run.store, hire.region, hire.category)).versions.length === 0) {
      throw rejected(
        'region',
        'NO_POLICY',
        `地区 ${hire.region}、人员类别 ${hire.category} 没有已发布的政策，请管理员先发布`,
        `no policy is published for region ${hire.region} and category ${hire.category}`,
      );
    }
    await run.execute({ slot: 'hire', field: 'employeeId' }, (context) => new Hiring(hire, context));
  },
};

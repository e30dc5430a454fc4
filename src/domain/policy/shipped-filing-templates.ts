import { FilingTemplate, ReceiptTemplate } from '../filing/filing-template';

/**
 * The bureau's files shipped with the default policies (default-policies.ts), marked as
 * their sources are. Searched (December 2026, stored pages): no city's published batch
 * upload template for 减员 or 退工 was found, nor any bureau's code list for 减员原因 or
 * 退工原因. What was found: the fields of Shanghai's online 退工登记 form, and that
 * batch 减员 uploads are an Excel file keyed by ID number and name with a reason.
 * So every layout below is [unverified]: a starting point the administrator checks
 * against the template downloaded from the bureau's own system and corrects by
 * publishing a policy version (PUT /api/policies/{region}/{category}); reason words,
 * not codes, stand in the reason column until then.
 */

const GENERIC_BATCH =
  'Batch 减员 on the bureau’s online system uploads an Excel file (up to 1000 people) keyed by 身份证号 and 姓名 with the 减员原因 ' +
  '(http://www.942113.com/leguanwenan/91601.html, generic, not city-specific) [secondary]';

/** Words, not codes: the code lists were not found [unverified]. */
const REASON_WORDS = {
  resignation: '辞职',
  dismissal: '单位解除',
  contract_expiry: '合同期满',
  mutual_agreement: '协商解除',
  retirement: '退休',
};

const ACCEPTED = ['成功', '办理成功', '通过', '审核通过', '已受理', '受理成功', '已办结'];
const REJECTED = ['失败', '办理失败', '不通过', '审核不通过', '退回', '退单', '驳回', '不予受理'];

/** The receipt as bureaus' result lists commonly word it [unverified]; the aliases take the variants. */
const receipt = (extra: ReceiptTemplate['columns'] = []): ReceiptTemplate => ({
  columns: [
    { header: '公民身份号码', field: 'idNumber', aliases: ['身份证号码', '身份证号', '证件号码', '社会保障号码'] },
    { header: '姓名', field: 'name' },
    { header: '办理结果', field: 'result', aliases: ['处理结果', '审核结果', '受理结果', '办理状态'] },
    { header: '失败原因', field: 'reason', aliases: ['退回原因', '退单原因', '驳回原因', '不通过原因', '备注'] },
    { header: '办理日期', field: 'processedOn', aliases: ['处理日期', '审核日期', '受理日期'] },
    { header: '申报日期', field: 'filedOn', aliases: ['提交日期'] },
    ...extra,
  ],
  accepted: ACCEPTED,
  rejected: REJECTED,
});

const LAST_PAID = { header: '最后缴费年月', field: 'lastPaidMonth' as const, aliases: ['最后缴费月份', '最后缴费月', '缴费截止年月'] };

export const SHANGHAI_SI_REDUCTION: FilingTemplate = {
  effectiveFrom: '2011-07-01',
  source: `[unverified] Layout not found for Shanghai. ${GENERIC_BATCH}. 减员年月 is the month after the last paid one (si-reduction.ts).`,
  columns: [
    { header: '单位编号', field: 'constant', value: '' },
    { header: '姓名', field: 'name' },
    { header: '公民身份号码', field: 'idNumber' },
    { header: '减员原因', field: 'reasonCode' },
    { header: '离职日期', field: 'lastWorkingDay', format: 'YYYY-MM-DD' },
    { header: '减员年月', field: 'reductionMonth', format: 'YYYYMM' },
  ],
  reasonCodes: REASON_WORDS,
  receipt: receipt([LAST_PAID]),
};

export const BEIJING_SI_REDUCTION: FilingTemplate = {
  effectiveFrom: '2011-07-01',
  source: `[unverified] Layout not found for Beijing. ${GENERIC_BATCH}.`,
  columns: [
    { header: '姓名', field: 'name' },
    { header: '公民身份号码', field: 'idNumber' },
    { header: '减员原因', field: 'reasonCode' },
    { header: '离职日期', field: 'lastWorkingDay', format: 'YYYYMMDD' },
    { header: '减员年月', field: 'reductionMonth', format: 'YYYYMM' },
  ],
  reasonCodes: REASON_WORDS,
  receipt: receipt([LAST_PAID]),
};

export const SHENZHEN_SI_REDUCTION: FilingTemplate = {
  effectiveFrom: '2011-07-01',
  source:
    `[unverified] Layout not found for Shenzhen, where the reduction is called 停保. ${GENERIC_BATCH}. ` +
    'The Shenzhen personal number (电脑号) is not known to the service: its column is left blank for the bureau’s system to match on the ID number [unverified].',
  columns: [
    { header: '电脑号', field: 'constant', value: '' },
    { header: '姓名', field: 'name' },
    { header: '身份证号码', field: 'idNumber' },
    { header: '停保原因', field: 'reasonCode' },
    { header: '离职日期', field: 'lastWorkingDay', format: 'YYYY-MM-DD' },
    { header: '停保年月', field: 'reductionMonth', format: 'YYYYMM' },
  ],
  reasonCodes: REASON_WORDS,
  receipt: receipt([LAST_PAID]),
};

export const SHANGHAI_LABOR_TERMINATION: FilingTemplate = {
  effectiveFrom: '2011-07-01',
  source:
    'The fields of Shanghai’s online 退工登记 form: 姓名 and 身份证号码, then 就业起始日期, 解除或终止日期, 退工原因, 转档形式, ' +
    '退工备案和委托转档职介所; answered in about 2 working days, a rejection (驳回) with its reason ' +
    '(https://qituowang.com/portal/6940.html; http://biz.doczj.com/doc/1919030036.html) [secondary]. As a batch file: [unverified]; ' +
    '转档形式 and the 职介所 are not known to the service and are left blank to fill in.',
  columns: [
    { header: '姓名', field: 'name' },
    { header: '身份证号码', field: 'idNumber' },
    { header: '就业起始日期', field: 'hireDate', format: 'YYYY-MM-DD' },
    { header: '解除或终止日期', field: 'terminationDate', format: 'YYYY-MM-DD' },
    { header: '退工原因', field: 'reasonCode' },
    { header: '转档形式', field: 'constant', value: '' },
    { header: '退工备案和委托转档职介所', field: 'constant', value: '' },
  ],
  reasonCodes: REASON_WORDS,
  receipt: receipt([{ header: '解除或终止日期', field: 'terminationDate', aliases: ['终止日期', '解除日期'] }]),
};

import { CommandRefused } from '../domain/audit/refusal-log';
import { EmployeeEvent } from '../domain/employee/employee.events';
import { OffboardingEvent } from '../domain/offboarding/offboarding.events';
import { DEFAULT_POLICIES } from '../domain/policy/default-policies';
import { InsuranceEvent } from '../domain/social-insurance/insurance.events';
import { EmployeeCategory, InsuranceType, SeparationReason } from '../domain/shared/vocabulary';

/**
 * One line per event, in Chinese and English, for the employee timeline.
 *
 * A summary is built only from closed vocabularies, dates, months, amounts and
 * identifiers, never from free text (names, ID numbers, contact data, notes,
 * reasons, refusal messages): nothing personal can slip in, so auditors and
 * investigators read timelines without masking. Data may come from an older
 * schema, so nested fields are read defensively: a summary must never throw, or
 * the projection would stall.
 */
export interface Summary {
  zh: string;
  en: string;
}

type Data = Record<string, unknown>;
/** The events a timeline has a line for: those of the aggregates whose streams are about one employee. */
export type KnownEvent = EmployeeEvent | InsuranceEvent | OffboardingEvent | CommandRefused;
/**
 * One line per known event type, each reading its own event's data. Partial:
 * data from an older schema may lack a field, and a summary must not throw.
 */
type Summarizers = { [T in KnownEvent['type']]?: (data: Partial<Extract<KnownEvent, { type: T }>['data']>) => Summary };

const STEP_TITLES = new Map(DEFAULT_POLICIES.flatMap((policy) => policy.steps.map((step) => [step.key as string, step.title])));
const step = (key: unknown): Summary => STEP_TITLES.get(String(key)) ?? { zh: String(key), en: String(key) };
const steps = (keys: unknown): Summary => {
  const titles = (Array.isArray(keys) ? keys : []).map(step);
  return { zh: titles.map((t) => t.zh).join('、'), en: titles.map((t) => t.en).join(', ') };
};

const INSURANCE: Record<InsuranceType, string> = {
  pension: '养老',
  medical: '医疗',
  unemployment: '失业',
  work_injury: '工伤',
  maternity: '生育',
};
const insurance = (types: unknown): Summary => {
  const list = Array.isArray(types) ? types.map(String) : [];
  return { zh: list.map((t) => INSURANCE[t as InsuranceType] ?? t).join('、'), en: list.join(', ') };
};

const REASONS: Record<SeparationReason, string> = {
  resignation: '辞职',
  dismissal: '解除',
  contract_expiry: '合同到期',
  mutual_agreement: '协商解除',
  retirement: '退休',
};
const reason = (value: unknown): Summary => ({
  zh: REASONS[value as SeparationReason] ?? String(value),
  en: String(value).replace(/_/g, ' '),
});

const CATEGORIES: Record<EmployeeCategory, string> = {
  enterprise_regular: '企业正式员工',
  enterprise_contract: '企业合同制员工',
  school_establishment: '学校编制内',
  school_non_establishment: '学校编制外',
};
const category = (value: unknown): Summary => ({
  zh: CATEGORIES[value as EmployeeCategory] ?? String(value),
  en: String(value).replace(/_/g, ' '),
});

const yuan = (amount: unknown) => (typeof amount === 'number' ? amount.toFixed(2) : String(amount));

const SUMMARIES: Summarizers = {
  EmployeeHired: (data) => {
    const { category: c, region, hireDate } = data;
    return { zh: `入职（${category(c).zh}，${region}），入职日期 ${hireDate}`, en: `hired (${category(c).en}, ${region}) on ${hireDate}` };
  },
  EmployeeRehired: (data) => {
    const { category: c, region, hireDate, priorTransfer } = data;
    // The earlier employer's name is free text: only that a Regs art. 10 transfer was declared is said.
    const moved = priorTransfer
      ? { zh: '；含非本人原因调动的原单位工龄（实施条例第十条）', en: '; with service moved from an earlier employer (Regs art. 10)' }
      : { zh: '', en: '' };
    return {
      zh: `再次入职（${category(c).zh}，${region}），新的劳动关系自 ${hireDate} 起${moved.zh}`,
      en: `rehired (${category(c).en}, ${region}): a new employment period from ${hireDate}${moved.en}`,
    };
  },
  PersonalDataRecorded: () => ({ zh: '个人信息已记录', en: 'personal data recorded' }),
  PersonalDataErased: () => ({ zh: '个人信息已删除（密钥销毁）', en: 'personal data erased (key destroyed)' }),
  ContractSigned: (data) => {
    const { contractId, contractType, kind, startDate, endDate } = data;
    const until = { zh: endDate ? `至 ${endDate}` : '无固定终止日', en: endDate ? `to ${endDate}` : 'with no fixed end' };
    return {
      zh: `签订${kind === 'appointment' ? '聘用' : '劳动'}合同 ${contractId}（${contractType}），${startDate} ${until.zh}`,
      en: `${kind} contract ${contractId} signed (${String(contractType).replace(/_/g, ' ')}), ${startDate} ${until.en}`,
    };
  },
  PositionChanged: (data) => ({
    zh: `岗位或部门变更，自 ${String(data.effectiveDate)}`,
    en: `position or org unit changed from ${String(data.effectiveDate)}`,
  }),
  // The note is free text: left out, like every other note.
  WageChanged: (data) => {
    const { monthlyWage, effectiveDate, previousWage } = data;
    const from = previousWage === undefined ? '' : `${yuan(previousWage)} → `;
    return {
      zh: `月工资自 ${effectiveDate} 起调整：${from}${yuan(monthlyWage)} 元`,
      en: `monthly wage from ${effectiveDate}: CNY ${from}${yuan(monthlyWage)}`,
    };
  },
  MonthlyPayRecorded: (data) => {
    const { month, amount, previousAmount } = data;
    if (typeof previousAmount === 'number') {
      return {
        zh: `${month} 应发工资更正：${yuan(previousAmount)} → ${yuan(amount)} 元`,
        en: `pay owed for ${month} corrected: CNY ${yuan(previousAmount)} → ${yuan(amount)}`,
      };
    }
    return { zh: `${month} 应发工资已记录：${yuan(amount)} 元`, en: `pay owed for ${month} recorded: CNY ${yuan(amount)}` };
  },
  EmployeeSeparated: (data) => {
    const { terminationDate, reason: r } = data;
    return { zh: `劳动关系于 ${terminationDate} 终止（${reason(r).zh}）`, en: `employment ended on ${terminationDate} (${reason(r).en})` };
  },
  OffboardingCaseReserved: (data) => {
    const { caseId, reason: r, lastWorkingDay } = data;
    return {
      zh: `离职案件 ${caseId} 已登记（${reason(r).zh}，最后工作日 ${lastWorkingDay}）`,
      en: `offboarding case ${caseId} registered (${reason(r).en}, last working day ${lastWorkingDay})`,
    };
  },
  OffboardingCaseReleased: (data) => {
    const { caseId, outcome } = data;
    return {
      zh: `离职案件 ${caseId} 已${outcome === 'completed' ? '办结' : '取消'}，档案解除锁定`,
      en: `offboarding case ${caseId} ${outcome}; archive released`,
    };
  },
  SocialInsuranceEnrolled: (data) => {
    const { startMonth, insuranceTypes, contributionBase } = data;
    const types = insurance(insuranceTypes);
    return {
      zh: `参保，自 ${startMonth} 起：${types.zh}，缴费基数 ${yuan(contributionBase)} 元`,
      en: `enrolled from ${startMonth}: ${types.en}, base CNY ${yuan(contributionBase)}`,
    };
  },
  ContributionRecorded: (data) => {
    const { month, insuranceTypes, base } = data;
    const types = insurance(insuranceTypes);
    return {
      zh: `${month} 缴费已记录：${types.zh}，基数 ${yuan(base)} 元`,
      en: `contribution for ${month} recorded: ${types.en}, base CNY ${yuan(base)}`,
    };
  },
  ContributionCorrected: (data) => {
    const { month, insuranceTypes, base, previousBase } = data;
    const types = insurance(insuranceTypes);
    return {
      zh: `${month} 缴费更正：${types.zh}，基数 ${yuan(previousBase)} → ${yuan(base)} 元`,
      en: `contribution for ${month} corrected: ${types.en}, base CNY ${yuan(previousBase)} → ${yuan(base)}`,
    };
  },
  ContributionBaseAdjusted: (data) => {
    const { fromMonth, contributionBase, previousBase } = data;
    return {
      zh: `缴费基数自 ${fromMonth} 起调整：${yuan(previousBase)} → ${yuan(contributionBase)} 元`,
      en: `contribution base from ${fromMonth}: CNY ${yuan(previousBase)} → ${yuan(contributionBase)}`,
    };
  },
  SocialInsuranceTransferredOut: (data) => {
    const { lastPaidMonth, contributionsAfterLastPaidMonth } = data;
    const after = Array.isArray(contributionsAfterLastPaidMonth) ? contributionsAfterLastPaidMonth.length : 0;
    return {
      zh: `社保账户已转出，最后缴费月 ${lastPaidMonth}${after ? `；其后仍有 ${after} 个月的缴费记录` : ''}`,
      en: `social-insurance account transferred out, last paid month ${lastPaidMonth}${after ? `; ${after} month(s) recorded after it` : ''}`,
    };
  },
  OffboardingCaseOpened: (data) => {
    const { reason: r, lastWorkingDay, policy } = data;
    const pinned = `${policy?.region}/${policy?.category} v${policy?.version}`;
    return {
      zh: `离职案件开启（${reason(r).zh}，最后工作日 ${lastWorkingDay}，政策 ${pinned}）`,
      en: `offboarding case opened (${reason(r).en}, last working day ${lastWorkingDay}, policy ${pinned})`,
    };
  },
  PrerequisiteOverridden: (data) => {
    const { step: key, overridden } = data;
    return {
      zh: `经理批准${step(key).zh}越过前置步骤：${steps(overridden).zh}`,
      en: `manager let ${step(key).en} go ahead without: ${steps(overridden).en}`,
    };
  },
  StepCompleted: (data) => {
    const { step: key } = data;
    return { zh: `步骤完成：${step(key).zh}`, en: `step completed: ${step(key).en}` };
  },
  SocialInsuranceTransferOutRequested: (data) => {
    const { notice } = data;
    return {
      zh: `社保转出已申报，最后缴费月 ${notice?.lastContributionMonth}，申报截止 ${notice?.fileBy}`,
      en: `social-insurance transfer-out filed, last contribution month ${notice?.lastContributionMonth}, file by ${notice?.fileBy}`,
    };
  },
  SocialInsuranceTransferOutRejected: () => ({ zh: '社保转出被退单', en: 'social-insurance transfer-out rejected by the bureau' }),
  SocialInsuranceTransferOutCompleted: (data) => {
    const { lastPaidMonth } = data;
    return {
      zh: `社保转出完成，最后缴费月 ${lastPaidMonth}`,
      en: `social-insurance transfer-out completed, last paid month ${lastPaidMonth}`,
    };
  },
  LaborTerminationRegistered: (data) => {
    const { terminationDate } = data;
    return {
      zh: `退工登记完成，劳动关系终止日 ${terminationDate}`,
      en: `labour termination registered, employment ended ${terminationDate}`,
    };
  },
  // The employment service's reason is free text (it may name the person): left out, as every note is.
  LaborTerminationRejected: () => ({
    zh: '退工登记被驳回，待更正后重新申报',
    en: 'labour termination filing rejected by the employment service; to be corrected and filed again',
  }),
  OffboardingCaseCompleted: () => ({ zh: '离职案件办结', en: 'offboarding case completed' }),
  OffboardingCaseCancelled: () => ({ zh: '离职案件已取消', en: 'offboarding case cancelled' }),
  // Who was told (the audience: roles, departments, actor ids), what kind of message, through which channel (issue 13).
  NotificationSent: (data) => {
    const told = notified(data);
    return {
      zh: `已通知 ${told.who}：${NOTICE_KINDS[told.kind]?.zh ?? told.kind}${told.step}，经 ${told.channel}（第 ${told.attempt} 次投递）`,
      en: `told ${told.who}: ${NOTICE_KINDS[told.kind]?.en ?? told.kind}${told.stepEn}, through ${told.channel} (attempt ${told.attempt})`,
    };
  },
  NotificationFailed: (data) => {
    const told = notified(data);
    return {
      zh: `通知 ${told.who} 未送达：${NOTICE_KINDS[told.kind]?.zh ?? told.kind}${told.step}，经 ${told.channel}，${told.attempt} 次尝试后放弃`,
      en: `could not tell ${told.who}: ${NOTICE_KINDS[told.kind]?.en ?? told.kind}${told.stepEn}, through ${told.channel}, given up after ${told.attempt} attempts`,
    };
  },
  CommandRefused: (data) => {
    const { command, code, step: key, action, missing } = data;
    const what = key
      ? { zh: `${step(key).zh}${action ? `（${action}）` : ''}`, en: `${action ? `${action} ` : ''}${step(key).en}` }
      : { zh: String(command), en: String(command) };
    const lacking = Array.isArray(missing) && missing.length > 0 ? steps(missing) : null;
    return {
      zh: `操作被拒绝：${what.zh}，${code}${lacking ? `，缺少：${lacking.zh}` : ''}`,
      en: `refused: ${what.en}, ${code}${lacking ? `; missing: ${lacking.en}` : ''}`,
    };
  },
};

const NOTICE_KINDS: Record<string, Summary> = {
  reminder: { zh: '提醒', en: 'reminder' },
  escalation: { zh: '逾期升级', en: 'escalation' },
  warning: { zh: '实时警示', en: 'warning' },
  domain_event: { zh: '事件推送', en: 'event push' },
};

function notified(data: Data) {
  const audience = Array.isArray(data.audience) ? (data.audience as Array<Record<string, unknown>>) : [];
  const who =
    audience
      .map((a) => [
        a.role,
        a.department ?? a.orgUnit,
        a.actorId && `actor ${String(a.actorId)}`,
        a.channelId && `channel ${String(a.channelId)}`,
      ])
      .map((parts) => parts.filter(Boolean).join('/'))
      .join(', ') || '-';
  const key = typeof data.step === 'string' ? data.step : undefined;
  return {
    who,
    kind: String(data.kind),
    step: key ? `（${step(key).zh}）` : '',
    stepEn: key ? ` (${step(key).en})` : '',
    channel: `${String(data.channelType)} ${String(data.channelId)}`,
    attempt: Number(data.attempt),
  };
}

/** The line of an event with no line of its own (or one this version cannot read): it names the type. */
export const genericSummary = (type: string): Summary => ({ zh: `事件：${type}`, en: `event: ${type}` });

/** The summary of an event; a type without its own line gets a generic one naming the type. */
export function summarize(type: string, data: unknown): Summary {
  // The one place stored data meets its type: the map is keyed by the event's own type.
  const summary = (SUMMARIES as Record<string, ((data: Data) => Summary) | undefined>)[type];
  if (!summary) return genericSummary(type);
  return summary(typeof data === 'object' && data !== null ? (data as Data) : {});
}

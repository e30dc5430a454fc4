import { REGIONS } from '../domain/policy/default-policies';
import { PROPOSERS, RENEWAL_OFFERS } from '../domain/offboarding/separation-facts';
import { CONTRACT_TYPES, EMPLOYEE_CATEGORIES, INSURANCE_TYPES, SEPARATION_REASONS } from '../domain/shared/vocabulary';

/**
 * The words HR staff put in cells, mapped to the domain's keys. Each list also
 * takes the key itself (enterprise_regular), so an export of this system reads
 * back. Matching ignores case, blanks and full-width forms.
 */
export interface Vocabulary<Key extends string> {
  /** For messages: what may be written (the first label of each key). */
  accepted: string[];
  lookup(value: string): Key | undefined;
}

function vocabulary<Key extends string>(keys: readonly Key[], labels: Record<Key, string[]>): Vocabulary<Key> {
  const byLabel = new Map<string, Key>();
  for (const key of keys) for (const label of [...labels[key], key]) byLabel.set(normalizedLabel(label), key);
  return { accepted: keys.map((key) => labels[key][0]), lookup: (value) => byLabel.get(normalizedLabel(value)) };
}

const normalizedLabel = (value: string): string => value.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

export const CATEGORY_LABELS = vocabulary(EMPLOYEE_CATEGORIES, {
  enterprise_regular: ['企业正式', '正式', '正式员工', '正式工', '企业正式员工'],
  enterprise_contract: ['合同制', '合同工', '劳动合同制', '企业合同制', '合同制员工'],
  school_establishment: ['编制内', '在编', '事业编制', '编内'],
  school_non_establishment: ['编制外', '编外', '非编', '非在编'],
});

const SHIPPED_REGIONS = vocabulary(REGIONS, {
  shanghai: ['上海', '上海市'],
  beijing: ['北京', '北京市'],
  shenzhen: ['深圳', '深圳市'],
  xiamen: ['厦门', '厦门市'],
});
const REGION_KEY = /^[a-z][a-z0-9_]{1,39}$/;

/** The regions that ship with a policy by name; any other region key (hangzhou) is passed on, and the policy check decides. */
export const REGION_LABELS: Vocabulary<string> = {
  accepted: SHIPPED_REGIONS.accepted,
  lookup: (value) => SHIPPED_REGIONS.lookup(value) ?? (REGION_KEY.test(normalizedLabel(value)) ? normalizedLabel(value) : undefined),
};

export const CONTRACT_TYPE_LABELS = vocabulary(CONTRACT_TYPES, {
  fixed_term: ['固定期限', '固定期限劳动合同', '有固定期限', '固定期限合同'],
  open_ended: ['无固定期限', '无固定期限劳动合同', '无固定期限合同'],
  task_based: ['以完成一定工作任务为期限', '以完成一定工作任务为期限的劳动合同', '完成一定工作任务', '项目期限'],
});

export const INSURANCE_TYPE_LABELS = vocabulary(INSURANCE_TYPES, {
  pension: ['养老', '养老保险', '基本养老保险'],
  medical: ['医疗', '医疗保险', '基本医疗保险', '医保'],
  unemployment: ['失业', '失业保险'],
  work_injury: ['工伤', '工伤保险'],
  maternity: ['生育', '生育保险'],
});

export const SEPARATION_REASON_LABELS = vocabulary(SEPARATION_REASONS, {
  resignation: ['辞职', '主动辞职', '个人辞职', '员工辞职'],
  dismissal: ['辞退', '解除', '单位解除', '用人单位解除'],
  contract_expiry: ['合同到期', '合同期满', '劳动合同期满', '到期终止'],
  mutual_agreement: ['协商一致', '协商解除', '协商一致解除'],
  retirement: ['退休', '达到退休年龄', '退休终止'],
});

export const PROPOSER_LABELS = vocabulary(PROPOSERS, {
  employer: ['用人单位', '单位', '公司', '学校', '用人单位提出', '单位提出'],
  employee: ['劳动者', '员工', '本人', '个人', '劳动者提出', '员工提出'],
});

export const RENEWAL_OFFER_LABELS = vocabulary(RENEWAL_OFFERS, {
  none: ['未提出续订', '不续订', '未续订', '单位不续签', '未提出续签'],
  same_or_better_refused: ['维持或提高条件续订被拒', '同等或更好条件续订被拒', '员工不同意续订', '员工拒绝续签'],
  lower_refused: ['降低条件续订被拒', '降低条件续签被拒'],
});

const YES = ['是', 'y', 'yes', 'true', '1', '√', '✓', '补正', '更正'].map(normalizedLabel);
const NO = ['否', 'n', 'no', 'false', '0', '×', '✗'].map(normalizedLabel);

/** A yes/no cell; empty is no. Undefined when it is neither. */
export function yesNo(value: string): boolean | undefined {
  const label = normalizedLabel(value);
  if (label === '' || NO.includes(label)) return false;
  return YES.includes(label) ? true : undefined;
}

import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

/** Chinese by default (the users' language), English on the switch; the choice is kept in this browser. */
export type Lang = 'zh' | 'en';
const LANG_KEY = 'ledger.console.lang';

export const initialLang = (): Lang => (localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh');
export const keepLang = (lang: Lang): void => localStorage.setItem(LANG_KEY, lang);

export const LangContext = createContext<Lang>('zh');
export const useLang = (): Lang => useContext(LangContext);

/**
 * Each page keeps its own texts in both languages beside its code (`texts({ zh: {...}, en: {...} })`):
 * the English must have every key the Chinese has, which the type checks.
 */
export const texts = <T extends Record<string, string>>(both: { zh: T; en: { [K in keyof T]: string } }) => both;
export const useText = <T extends Record<string, string>>(both: { zh: T; en: { [K in keyof T]: string } }): T => both[useLang()] as T;

/** Fills `{name}` placeholders. */
export const fill = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));

/** The domain's names (steps, events, insurance types, categories) in both languages, shared by every page. */
export const TERMS: Record<string, { zh: string; en: string }> = {
  approval: { zh: '离职审批', en: 'Approval' },
  handover: { zh: '工作交接', en: 'Handover' },
  si_transfer_out: { zh: '社保转出（减员）', en: 'Social-insurance transfer-out' },
  housing_fund_transfer: { zh: '公积金转移', en: 'Housing-fund transfer' },
  labor_termination: { zh: '退工登记', en: 'Labour termination (退工)' },
  termination_certificate: { zh: '离职证明', en: 'Termination certificate' },
  archive_transfer: { zh: '档案转移', en: 'Archive transfer' },
  severance_payment: { zh: '经济补偿支付', en: 'Severance payment' },
  term_settlement: { zh: '聘期结算', en: 'Term settlement' },
  post_release: { zh: '岗位解聘', en: 'Post release' },
  establishment_release: { zh: '编制核销', en: 'Establishment release' },
  pension: { zh: '养老保险', en: 'Pension' },
  medical: { zh: '医疗保险', en: 'Medical' },
  unemployment: { zh: '失业保险', en: 'Unemployment' },
  work_injury: { zh: '工伤保险', en: 'Work injury' },
  maternity: { zh: '生育保险', en: 'Maternity' },
  enterprise_regular: { zh: '企业正式员工', en: 'Enterprise, regular' },
  enterprise_contract: { zh: '企业合同工', en: 'Enterprise, contract' },
  school_establishment: { zh: '学校编制内', en: 'School, established post' },
  school_non_establishment: { zh: '学校编制外', en: 'School, non-established' },
  hr_specialist: { zh: '人事专员', en: 'HR specialist' },
  hr_manager: { zh: '人事经理', en: 'HR manager' },
  auditor: { zh: '审计员', en: 'Auditor' },
  investigator: { zh: '劳动争议调查员', en: 'Investigator' },
  admin: { zh: '管理员', en: 'Administrator' },
  unemployment_filing: { zh: '失业登记备案', en: 'Unemployment filing' },
};

/** A domain name in the current language; an unknown one as it is. */
export const useTerm = (): ((key: string) => string) => {
  const lang = useLang();
  return (key) => TERMS[key]?.[lang] ?? key;
};

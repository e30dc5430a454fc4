import { DomainError } from '../domain/decider';

/**
 * Why a row was rejected, for the report: the field (a key of the kind; the
 * report shows the file's header for it), a code and the reason in Chinese and
 * English. Reasons never repeat a name or an ID number.
 */
export interface Problem {
  field: string;
  code: string;
  zh: string;
  en: string;
}

/** Thrown while a row is applied; the importer reports it and goes on with the next row. */
export class RowRejected extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => `${p.field}: ${p.en}`).join('; '));
    this.name = 'RowRejected';
  }
}

export const rejected = (field: string, code: string, zh: string, en: string) => new RowRejected([{ field, code, zh, en }]);

/**
 * A refusal by a decider, as a problem of the row. The field is the one the error
 * names when the kind knows it (`fieldOf`), else the field the command is about.
 */
export function domainProblem(error: DomainError, field: string, fieldOf: (domainField: string) => string | undefined): Problem {
  const named = typeof error.details.field === 'string' ? fieldOf(error.details.field) : undefined;
  return { field: named ?? field, code: error.code, ...bilingual(error.message, error.code) };
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/g;
const LATIN = /[A-Za-z]/g;
const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;
const isChinese = (text: string) => count(text, CJK) * 2 >= count(text, LATIN);

/**
 * Deciders write "中文 / English" (most), English only (the employee archive's),
 * or sentence by sentence (STEP_LOCKED: "请先完成…。Complete … before …."). The
 * English-only ones get their Chinese from TRANSLATIONS.
 */
export function bilingual(message: string, code: string): { zh: string; en: string } {
  const slash = message.indexOf(' / ');
  if (slash > 0 && count(message.slice(0, slash), CJK) > 0)
    return { zh: message.slice(0, slash).trim(), en: message.slice(slash + 3).trim() };
  if (count(message, CJK) === 0) return { zh: translated(message) ?? `业务规则不允许（${code}）`, en: message };
  const sentences = message.split(/(?<=。)\s*|(?<=\.)\s+/).filter(Boolean);
  return {
    zh: sentences.filter(isChinese).join(''),
    en: sentences.filter((s) => !isChinese(s)).join(' '),
  };
}

const ID_NUMBER_REASONS: Array<[RegExp, (m: RegExpMatchArray) => string]> = [
  [/^must be 18 characters, got (\d+)/, (m) => `须为 18 位，实为 ${m[1]} 位`],
  [/^must be 17 digits followed by a digit or X/, () => '须为 17 位数字加 1 位数字或 X'],
  [/^area code must not start with 0/, () => '地区码不能以 0 开头'],
  [/^birth date \(digits 7-14\) is not a real date/, () => '出生日期（第 7–14 位）不是有效日期'],
  [/^birth date is before (\S+)/, (m) => `出生日期早于 ${m[1]}`],
  [/^check character does not match/, () => '校验位与前 17 位不符'],
];

/** The Chinese of a resident-ID check's reason (resident-id.ts); the reason never contains the number. */
export function idNumberReasonZh(reason: string): string {
  for (const [pattern, zh] of ID_NUMBER_REASONS) {
    const match = reason.match(pattern);
    if (match) return zh(match);
  }
  return reason;
}

/** Messages of the employee archive's decider, which are written in English only. */
const TRANSLATIONS: Array<[RegExp, (m: RegExpMatchArray) => string]> = [
  [/^No archive exists for this employee/, () => '无该员工档案，请先导入员工'],
  [/^Employee (\S+) is already on record/, (m) => `工号 ${m[1]} 已有员工档案`],
  [/^Contract (\S+) is already on record/, (m) => `合同 ${m[1]} 已登记`],
  [/^The ID number is not a valid resident ID number: (.*)\.$/, (m) => `身份证号无效：${idNumberReasonZh(m[1])}`],
  [/^monthlyWage must be/, () => '月平均工资须为不小于 0 的金额'],
  [/^(\w+) must be a real date/, (m) => `${m[1]} 不是有效日期`],
  [/^(\w+) \((\S+)\) is before the hire date \((\S+)\)/, (m) => `${m[1]}（${m[2]}）早于入职日期 ${m[3]}`],
  [/^A fixed-term contract needs an endDate/, () => '固定期限合同须填写结束日期'],
  [/^An open-ended contract has no endDate/, () => '无固定期限合同不能填写结束日期'],
  [/^endDate \((\S+)\) must be after startDate \((\S+)\)/, (m) => `结束日期 ${m[1]} 须晚于开始日期 ${m[2]}`],
];

function translated(message: string): string | undefined {
  for (const [pattern, zh] of TRANSLATIONS) {
    const match = message.match(pattern);
    if (match) return zh(match);
  }
  return undefined;
}

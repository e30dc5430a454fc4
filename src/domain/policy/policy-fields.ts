import { FILING_KINDS } from '../filing/filing-template';
import { SEPARATION_REASONS } from '../shared/vocabulary';

/**
 * The fields a policy has, at every depth (policy.ts). A version is immutable
 * once published and every case pins one, so a field nobody reads (`extra`,
 * `steps[0].evil`, `__proto__`) would be kept for ever and handed to whoever
 * spreads or merges the policy later; like every other body (whitelist and
 * forbidNonWhitelisted in validation.ts), a policy refuses them. `version` is
 * accepted at the top because GET returns it; the service numbers versions itself.
 */
const FIELDS: Readonly<Record<string, readonly string[]>> = {
  '': ['region', 'category', 'version', 'effectiveFrom', 'steps', 'parameters', 'reminders'],
  reminders: ['before', 'onDue', 'after'],
  'reminders.after': ['every', 'escalateTo'],
  'steps[]': ['key', 'title', 'requires', 'appliesTo', 'due', 'role', 'actions', 'assignee', 'reminders'],
  'steps[].assignee': ['role', 'department'],
  'steps[].reminders': ['before', 'onDue', 'after'],
  'steps[].reminders.after': ['every', 'escalateTo'],
  'steps[].title': ['zh', 'en'],
  'steps[].requires[]': ['step', 'kind'],
  'steps[].appliesTo': ['reasons'],
  'steps[].due': ['kind', 'days'],
  parameters: ['siReduction', 'averageMonthlyWage', 'minimumMonthlyWage', 'filingTemplates'],
  'parameters.siReduction[]': ['effectiveFrom', 'source', 'rule'],
  'parameters.siReduction[].rule': ['kind', 'cutoffDay', 'effect'],
  'parameters.averageMonthlyWage[]': ['effectiveFrom', 'source', 'year', 'amount'],
  'parameters.minimumMonthlyWage[]': ['effectiveFrom', 'source', 'amount'],
  'parameters.filingTemplates': FILING_KINDS,
  ...Object.fromEntries(FILING_KINDS.flatMap((kind) => filingTemplateFields(`parameters.filingTemplates.${kind}[]`))),
};

function filingTemplateFields(template: string): Array<[string, readonly string[]]> {
  return [
    [template, ['effectiveFrom', 'source', 'columns', 'reasonCodes', 'receipt']],
    [`${template}.columns[]`, ['header', 'field', 'format', 'value']],
    [`${template}.reasonCodes`, SEPARATION_REASONS],
    [`${template}.receipt`, ['columns', 'accepted', 'rejected']],
    [`${template}.receipt.columns[]`, ['header', 'field', 'aliases']],
  ];
}

/** The path of every field the policy shape does not have, e.g. `steps[0].evil`; own keys only, `__proto__` and `constructor` included. */
export function unknownPolicyFields(input: unknown): string[] {
  const found: string[] = [];
  const walk = (value: unknown, shape: string, path: string): void => {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach((item, i) => walk(item, `${shape}[]`, `${path}[${i}]`));
    const allowed = Object.prototype.hasOwnProperty.call(FIELDS, shape) ? FIELDS[shape] : undefined;
    // A shape without fields here (a leaf, a list of reasons) is for validatePolicy's type checks to refuse.
    if (!allowed) return;
    for (const key of Object.keys(value)) {
      const at = path ? `${path}.${key}` : key;
      if (!allowed.includes(key)) found.push(at);
      else walk((value as Record<string, unknown>)[key], shape ? `${shape}.${key}` : key, at);
    }
  };
  walk(input, '', '');
  return found;
}

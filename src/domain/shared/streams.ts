import { IsoMonth, isIsoMonth } from './calendar';
import { EMPLOYEE_CATEGORIES, EmployeeCategory } from './vocabulary';

/**
 * The one place stream names are built and read back. A name is
 * `<category>-<id>`: the part before the first '-' is the category, as
 * EventStoreDB's $by_category reads it.
 */
export const employeeStream = (employeeId: string) => `employee-${employeeId}`;
export const insuranceStream = (employeeId: string) => `insurance-${employeeId}`;
export const offboardingStream = (caseId: string) => `offboarding-${caseId}`;
export const policyStream = (region: string, category: EmployeeCategory) => `policy-${region}-${category}`;
/** A notification channel's configuration (domain/notification-channel). */
export const channelStream = (channelId: string) => `channel-${channelId}`;
/** The refused commands recorded in one business month (domain/audit/refusal-log.ts). */
export const refusalLogStream = (month: IsoMonth) => `audit-${month}`;
/** The bureau files exported for one region (domain/filing/filing-log.decider.ts). */
export const filingStream = (region: string) => `filing-${region}`;
/** A webhook subscription to domain events (domain/notifications/event-subscription.decider.ts); no ParsedStream kind: it is about no employee or case. */
export const eventSubscriptionStream = (subscriptionId: string) => `eventsubscription-${subscriptionId}`;

export type ParsedStream =
  | { kind: 'employee'; employeeId: string }
  | { kind: 'insurance'; employeeId: string }
  | { kind: 'offboarding'; caseId: string }
  | { kind: 'policy'; region: string; category: EmployeeCategory }
  | { kind: 'refusalLog'; month: IsoMonth }
  | { kind: 'filing'; region: string }
  | { kind: 'channel'; channelId: string };

/** What a stream holds and whose it is; null for a stream of another kind (checkpoints, tests' own streams) or a malformed name. */
export function parseStream(stream: string): ParsedStream | null {
  const dash = stream.indexOf('-');
  const id = stream.slice(dash + 1);
  if (dash < 0 || id === '') return null;
  switch (stream.slice(0, dash)) {
    case 'employee':
      return { kind: 'employee', employeeId: id };
    case 'insurance':
      return { kind: 'insurance', employeeId: id };
    case 'offboarding':
      return { kind: 'offboarding', caseId: id };
    case 'audit':
      return isIsoMonth(id) ? { kind: 'refusalLog', month: id } : null;
    case 'policy':
      return policyOf(id);
    case 'filing':
      return { kind: 'filing', region: id };
    case 'channel':
      return { kind: 'channel', channelId: id };
    default:
      return null;
  }
}

/** A region has no '-' (validate-policy.ts), so the first one ends it. */
function policyOf(id: string): ParsedStream | null {
  const dash = id.indexOf('-');
  const region = id.slice(0, dash);
  const category = EMPLOYEE_CATEGORIES.find((c) => c === id.slice(dash + 1));
  return dash > 0 && category ? { kind: 'policy', region, category } : null;
}

import { CHECKPOINT_EVENT } from '../audit';
import { refusalLogEvents } from '../domain/audit/refusal-log';
import { employeeEvents } from '../domain/employee/employee.schemas';
import { filingEvents } from '../domain/filing/filing-log.decider';
import { channelEvents } from '../domain/notification-channel/channel.decider';
import { eventSubscriptionEvents } from '../domain/notifications/event-subscription.decider';
import { offboardingEvents } from '../domain/offboarding/offboarding.schemas';
import { policyEvents } from '../domain/policy/policy-publication.decider';
import { insuranceEvents } from '../domain/social-insurance/insurance.schemas';
import { Role } from '../domain/shared/vocabulary';

/**
 * The event types of each stream category, from the aggregates' own schema tables
 * (src/domain/*\/*.schemas.ts), so that a type added there is known to the feed's
 * filter and documentation without a second list to keep.
 */
export const EVENT_TYPES_BY_CATEGORY: Readonly<Record<string, readonly string[]>> = {
  employee: employeeEvents.types,
  insurance: insuranceEvents.types,
  offboarding: offboardingEvents.types,
  policy: policyEvents.types,
  audit: refusalLogEvents.types,
  eventsubscription: eventSubscriptionEvents.types,
  channel: channelEvents.types,
  filing: filingEvents.types,
  // The signed checkpoints of the chain heads (audit/chain-heads-checkpoint.ts): one type, no schema table.
  checkpoint: [CHECKPOINT_EVENT],
};

export const KNOWN_EVENT_TYPES: ReadonlySet<string> = new Set(Object.values(EVENT_TYPES_BY_CATEGORY).flat());

/**
 * Which stream categories each role sees in the feed (docs/API.md, Auth, and
 * "Event feed"), as the routes that read the same facts allow:
 * - HR specialists and managers: the archives, accounts, cases, policies, refused
 *   commands and bureau files exported that they work with (their timelines show all of them);
 * - investigators: employees, social insurance, cases and refused commands (what
 *   their timelines, continuity and case routes show), not policy publications,
 *   bureau files nor the webhook and channel configuration;
 * - auditors and administrators: everything, the webhook subscriptions included,
 *   and the notification channels (their secrets sealed), and any category this version does not know yet.
 * Names and ID numbers are masked for every role that may not see personal data
 * (auth/principal.ts seesPersonalData), whatever it sees.
 */
const OPERATIONS = ['employee', 'insurance', 'offboarding', 'policy', 'audit', 'filing'];
export const FEED_CATEGORIES: Readonly<Record<Role, ReadonlySet<string> | 'all'>> = {
  hr_specialist: new Set(OPERATIONS),
  hr_manager: new Set(OPERATIONS),
  investigator: new Set(['employee', 'insurance', 'offboarding', 'audit']),
  auditor: 'all',
  admin: 'all',
};

/**
 * What a webhook may subscribe to: the facts of a case's progress that other
 * departments and systems act on (case opened, each step done, refused, the
 * transfer-out notice and the bureau's answers, the case closed), and the
 * archive's separation. Never PersonalDataRecorded, wages or contributions: a
 * receiving department sees no personal data beyond ids.
 */
export const PUBLISHABLE_EVENT_TYPES = [
  'OffboardingCaseOpened',
  'PrerequisiteOverridden',
  'StepCompleted',
  'SocialInsuranceTransferOutRequested',
  'SocialInsuranceTransferOutRejected',
  'SocialInsuranceTransferOutCompleted',
  'LaborTerminationRegistered',
  'LaborTerminationRejected',
  'OffboardingCaseCompleted',
  'OffboardingCaseCancelled',
  'CommandRefused',
  'EmployeeSeparated',
  'SocialInsuranceTransferredOut',
] as const;

export const categoryOf = (stream: string): string => {
  const dash = stream.indexOf('-');
  return dash < 0 ? stream : stream.slice(0, dash);
};

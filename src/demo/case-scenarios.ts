import { EmployeeCategory } from '../domain/shared/vocabulary';
import { Random } from './random';

/** Where a case stands at the demo's present; the summary counts cases by it (case-states.ts reads it back from the store). */
export const CASE_STATES = [
  'open_approval_pending',
  'open_in_preparation',
  'open_transfer_requested',
  'open_transfer_rejected',
  'open_transfer_re_requested',
  'open_waiting_labor_termination',
  'open_after_labor_termination',
  'completed_on_time',
  'completed_late',
  'cancelled',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

/**
 * Mistakes the guardrails refuse, each recorded as a refusal like the service does:
 * - termination_before_transfer: a specialist registers 退工 while the transfer-out awaits the bureau;
 * - transfer_before_approval: a specialist files the transfer-out before the manager approved;
 * - approval_by_specialist: a specialist tries to approve (hr_manager only);
 * - override_by_specialist: a specialist tries to override the missing handover (hr_manager only);
 * - release_before_termination: a school releases the post before 退工.
 */
export type BlockedAttempt =
  | 'termination_before_transfer'
  | 'transfer_before_approval'
  | 'approval_by_specialist'
  | 'override_by_specialist'
  | 'release_before_termination';

export interface CaseScenario {
  target: CaseState;
  /** The bureau sends the first transfer-out filing back (退单); it is filed again. */
  rejected?: boolean;
  /** A manager registers 退工 before the handover is done, overriding that soft prerequisite in writing. */
  override?: boolean;
  /** completed_late: the transfer-out filed after the 15 days, or the personal file transferred late. */
  late?: 'filing' | 'archive';
  /** cancelled: after the manager approved (the employee withdrew), else before (opened by mistake). */
  approved?: boolean;
  blocked?: BlockedAttempt[];
  /** Who the case is for, when the scenario needs a school (post and establishment release). */
  category?: EmployeeCategory;
}

/**
 * The first employees cover every state and every guardrail at least once, so
 * that even a small demo (the tests use 40 employees) shows all of them; the
 * rest leave at a realistic rate (randomScenario).
 */
const COVERAGE: CaseScenario[] = [
  { target: 'open_approval_pending', blocked: ['transfer_before_approval'] },
  { target: 'open_in_preparation', blocked: ['approval_by_specialist'] },
  { target: 'open_transfer_requested', blocked: ['termination_before_transfer'] },
  { target: 'open_transfer_rejected', rejected: true },
  { target: 'open_transfer_re_requested', rejected: true },
  { target: 'open_waiting_labor_termination' },
  { target: 'open_after_labor_termination', category: 'school_establishment', blocked: ['release_before_termination'] },
  { target: 'completed_on_time', category: 'school_establishment' },
  { target: 'completed_on_time', category: 'school_non_establishment' },
  { target: 'completed_on_time', blocked: ['termination_before_transfer'] },
  { target: 'completed_on_time' },
  { target: 'completed_late', late: 'filing' },
  { target: 'completed_late', late: 'archive' },
  { target: 'completed_on_time', rejected: true },
  { target: 'completed_on_time', override: true, blocked: ['override_by_specialist'] },
  { target: 'cancelled', approved: true },
  { target: 'cancelled', approved: false, blocked: ['approval_by_specialist'] },
];
export const COVERAGE_EMPLOYEES = 24;

const OPEN_STATES = CASE_STATES.filter((s) => s.startsWith('open_'));

/** About four in ten employees leave (or start to) over the years; most cases are long closed. */
function randomScenario(rng: Random): CaseScenario | null {
  if (!rng.chance(0.4)) return null;
  const target = rng.weighted<CaseState>([
    ['completed_on_time', 62],
    ['completed_late', 18],
    ['cancelled', 6],
    ...OPEN_STATES.map((s) => [s, 1] as const),
  ]);
  const rejected =
    target === 'open_transfer_rejected' || target === 'open_transfer_re_requested' || (target.startsWith('completed') && rng.chance(0.08));
  const override = target.startsWith('completed') && rng.chance(0.07);
  const blocked: BlockedAttempt[] = [];
  if (rng.chance(0.12)) blocked.push('termination_before_transfer');
  if (rng.chance(0.04)) blocked.push('transfer_before_approval');
  if (rng.chance(0.04)) blocked.push('approval_by_specialist');
  if (override && rng.chance(0.5)) blocked.push('override_by_specialist');
  if (rng.chance(0.3)) blocked.push('release_before_termination');
  return {
    target,
    rejected,
    override,
    blocked,
    ...(target === 'completed_late' ? { late: rng.pick(['filing', 'archive'] as const) } : {}),
    ...(target === 'cancelled' ? { approved: rng.chance(0.6) } : {}),
  };
}

/** The case scenario of employee `index`, or null when they stay: the same for a seed whatever the number of employees. */
export function scenarioFor(seed: number, index: number): CaseScenario | null {
  if (index < COVERAGE_EMPLOYEES) {
    const deck: Array<CaseScenario | null> = [...COVERAGE, ...Array<null>(COVERAGE_EMPLOYEES - COVERAGE.length).fill(null)];
    return Random.for(seed, 'coverage').shuffle(deck)[index];
  }
  return randomScenario(Random.for(seed, 'scenario', index));
}

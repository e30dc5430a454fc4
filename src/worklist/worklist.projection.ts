import { isDeepStrictEqual } from 'node:util';
import { OffboardingState } from '../domain/offboarding/offboarding.decider';
import { offboardingEvents } from '../domain/offboarding/offboarding.schemas';
import { OpenTask, openTasks } from '../domain/offboarding/open-tasks';
import { audienceKey } from '../domain/policy/assignee';
import { parseStream } from '../domain/shared/streams';
import { RecordedEvent } from '../infrastructure/event-store/event-store.port';
import { ReadDocument } from '../infrastructure/read-store/read-store.port';
import { FoldedCases } from '../projections/folded-cases';
import { Projection } from '../projections/projection';

export const WORKLIST_TASKS = 'worklist_tasks';
/** Each case folded, to know its open steps before and after an event, and the cases' policies (FoldedCases). */
export const WORKLIST_CASES = 'worklist_cases';
export const WORKLIST_POLICIES = 'worklist_policies';
const folded = new FoldedCases(WORKLIST_CASES, WORKLIST_POLICIES);

/** Sorts a task without a due date after every dated one. */
export const NO_DUE_DATE = '9999-12-31';

/** One open step of an open case (id `<caseId>:<step>`), with what the worklist filters and sorts on. */
export interface WorklistTaskDocument extends ReadDocument, OpenTask {
  caseId: string;
  employeeId: string;
  region: string;
  category: string;
  /** audienceKey of the assignee: whose list the task is on (assignee.ts). */
  audience: string;
  department: string | null;
  /** The due date, or NO_DUE_DATE: the order of the list and the `overdue` filter. */
  dueSort: string;
}

/**
 * The open tasks of every open case, one document per step, for GET /api/worklist.
 * Its own fold of each case (like the incomplete-records report), so that the list
 * is one indexed query by assignee and due date rather than a scan of every case.
 * A task disappears when its step is done or its case closes.
 */
export const worklist: Projection = {
  name: 'worklist',
  // 2: the policy kept once per case (FoldedCases), not in every folded case.
  version: 2,
  collections: {
    [WORKLIST_TASKS]: [
      { fields: ['audience', 'dueSort', 'id'] },
      { fields: ['audience', 'department', 'dueSort', 'id'] },
      { fields: ['caseId'] },
    ],
    [WORKLIST_CASES]: [],
    [WORKLIST_POLICIES]: [],
  },
  async handle(event: RecordedEvent, view): Promise<void> {
    const stream = parseStream(event.stream);
    if (stream?.kind !== 'offboarding') return;
    const { caseId } = stream;
    const folding = await folded.fold(view, caseId, offboardingEvents.read(event), () => ({}));
    if (!folding) return;
    const { before, after } = folding;
    const previous = new Map(tasksOf(caseId, before).map((t) => [t.id, t]));
    const next = tasksOf(caseId, after);
    for (const task of next) if (!isDeepStrictEqual(previous.get(task.id), task)) view.upsert(WORKLIST_TASKS, task);
    const kept = new Set(next.map((t) => t.id));
    for (const id of previous.keys()) if (!kept.has(id)) view.delete(WORKLIST_TASKS, id);
  },
};

function tasksOf(caseId: string, state: OffboardingState): WorklistTaskDocument[] {
  if (state.status !== 'open') return [];
  return openTasks(state).map((task) => ({
    id: `${caseId}:${task.step}`,
    caseId,
    employeeId: state.employeeId,
    region: state.policy.region,
    category: state.policy.category,
    ...task,
    audience: audienceKey(task.assignee),
    department: task.assignee.department ?? null,
    dueSort: task.dueDate ?? NO_DUE_DATE,
  }));
}

import { createHash } from 'node:crypto';
import { offboardingDecider } from '../domain/offboarding/offboarding.decider';
import { OffboardingEvent } from '../domain/offboarding/offboarding.events';
import { OffboardingCase, OffboardingState } from '../domain/offboarding/offboarding.state';
import { WorkflowPolicy } from '../domain/policy/policy';
import { ReadDocument } from '../infrastructure/read-store/read-store.port';
import { ProjectionView } from './projection';

/** A case as a projection keeps it: the fold without its policy, which is kept once, under `policyId`. */
export type FoldedCaseDocument<Extra extends object = object> = ReadDocument &
  Extra & {
    state: Omit<OffboardingCase, 'policy'>;
    policyId: string;
  };

interface CasePolicyDocument extends ReadDocument {
  policy: WorkflowPolicy;
}

/** What reading a folded case back needs: a get by logical collection and id (a projection's view, or a query's reads). */
export type FoldedCaseReads = Pick<ProjectionView, 'get'>;

/**
 * The policies as read back, by id. An id is the hash of the policy's JSON, so an entry
 * is right for every generation and every projection that holds it.
 */
const policiesRead = new Map<string, WorkflowPolicy>();
/** The id of a policy object already hashed or read (the fold carries the same object from event to event). */
const idsOf = new WeakMap<WorkflowPolicy, string>();

function policyIdOf(policy: WorkflowPolicy): string {
  let id = idsOf.get(policy);
  if (id === undefined) {
    id = createHash('sha256').update(JSON.stringify(policy)).digest('base64url');
    idsOf.set(policy, id);
  }
  return id;
}

/**
 * The projections that fold each case themselves (the worklist, the dashboard's facts,
 * the incomplete-records report) keep it in `cases` and the case's policy snapshot in
 * `policies`. The snapshot is nearly all of a folded case (8.6 of 8.9 KB for a
 * Shanghai dismissal) and never changes after the case opens, yet each of them wrote
 * it again on every step: 26 KB of JSON per step event in the projection worker.
 * Now it is written once, when a case first names it; a rebuild replays that event too.
 */
export class FoldedCases<Extra extends object = object> {
  constructor(
    private readonly cases: string,
    private readonly policies: string,
  ) {}

  /** The stored document and the case as folded so far (the initial state when there is none). */
  async load(view: FoldedCaseReads, caseId: string): Promise<{ doc: FoldedCaseDocument<Extra> | null; state: OffboardingState }> {
    const doc = await view.get<FoldedCaseDocument<Extra>>(this.cases, caseId);
    if (!doc) return { doc: null, state: offboardingDecider.initialState };
    return { doc, state: await this.whole(view, doc) };
  }

  /** A stored document's case with its policy put back: what the decider folded. */
  async whole(view: FoldedCaseReads, doc: FoldedCaseDocument<Extra>): Promise<OffboardingCase> {
    return { ...doc.state, policy: await this.policy(view, doc.policyId) };
  }

  /** `state` folded over `event`, stored with `extra` beside it; null when the case has not opened. */
  async fold(
    view: ProjectionView,
    caseId: string,
    event: OffboardingEvent,
    extra: (state: OffboardingCase, before: FoldedCaseDocument<Extra> | null) => Extra | Promise<Extra>,
  ): Promise<{ before: OffboardingState; beforeDoc: FoldedCaseDocument<Extra> | null; after: OffboardingCase; afterDoc: Extra } | null> {
    const { doc, state: before } = await this.load(view, caseId);
    const after = offboardingDecider.evolve(before, event);
    if (after.status === 'none') return null;
    const afterDoc = await extra(after, doc);
    this.keep(view, after, afterDoc, doc);
    return { before, beforeDoc: doc, after, afterDoc };
  }

  /** Stores a case as folded, with `extra` beside it; its policy too, unless `before` (the stored document) already names it. */
  keep(view: ProjectionView, state: OffboardingCase, extra: Extra, before: FoldedCaseDocument<Extra> | null): void {
    const { policy, ...rest } = state;
    const policyId = policyIdOf(policy);
    if (before?.policyId !== policyId) view.upsert(this.policies, { id: policyId, policy } satisfies CasePolicyDocument);
    view.upsert(this.cases, { id: state.caseId, ...extra, state: rest, policyId } as FoldedCaseDocument<Extra>);
  }

  private async policy(view: FoldedCaseReads, id: string): Promise<WorkflowPolicy> {
    const known = policiesRead.get(id);
    if (known) return known;
    const stored = await view.get<CasePolicyDocument>(this.policies, id);
    if (!stored) throw new Error(`Policy ${id} of a folded case is missing from ${this.policies}`);
    policiesRead.set(id, stored.policy);
    idsOf.set(stored.policy, id);
    return stored.policy;
  }
}

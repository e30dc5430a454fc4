import { deepFreeze } from '../shared/deep-freeze';
import { WorkflowPolicy } from './policy';

/**
 * Past this many distinct snapshots, a new one is not kept for sharing (it is used as given):
 * the table holds what published policy versions and separation reasons make, a few dozen.
 */
const MAX_SHARED = 1_000;

/** Keyed by the snapshot's JSON: equal snapshots are one object, whichever case's event carried it. */
const shared = new Map<string, WorkflowPolicy>();
/** The shared snapshot of a snapshot object already looked up: a decoded event read again is not serialised again. */
const sharedFor = new WeakMap<WorkflowPolicy, WorkflowPolicy>();

/**
 * The one object for a case's policy snapshot. Every case opening carries its policy whole
 * (8.6 KB of JSON for Shanghai's, 18.8 KiB of heap once parsed), so every case folded from
 * its stream held a copy of its own: a case's state kept by the command side
 * (event-sourcing/kept-folds.ts) weighed 20.7 KiB (bench:kept-folds), most of it the policy;
 * the kept folds' cap of 200,000 events holds ~20,000 cases of ~10 events, ~400 MB. Cases under
 * the same policy version and separation reason now share one snapshot (0.7-1.0 KiB a kept case),
 * frozen since so many states hold it.
 */
export function sharedPolicy(policy: WorkflowPolicy): WorkflowPolicy {
  const seen = sharedFor.get(policy);
  if (seen) return seen;
  // 37 µs for Shanghai's policy, once for each decoded opening: a case's first fold, not each command.
  const key = JSON.stringify(policy);
  let one = shared.get(key);
  if (!one) {
    if (shared.size >= MAX_SHARED) return policy;
    one = deepFreeze(policy);
    shared.set(key, one);
  }
  sharedFor.set(policy, one);
  return one;
}

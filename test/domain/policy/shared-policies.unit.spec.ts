import { offboardingDecider } from '../../../src/domain/offboarding/offboarding.decider';
import { OffboardingCase } from '../../../src/domain/offboarding/offboarding.state';
import { DEFAULT_POLICIES } from '../../../src/domain/policy/default-policies';
import { sharedPolicy } from '../../../src/domain/policy/shared-policies';
import { opened } from '../offboarding/fixtures';

/** A snapshot as the store gives it back: parsed afresh from its JSON, an object of its own. */
const reread = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('sharedPolicy', () => {
  const [shanghai, beijing] = DEFAULT_POLICIES;

  it('gives equal snapshots one object, equal to what it was given, and frozen through', () => {
    const first = sharedPolicy(reread(shanghai));
    const again = sharedPolicy(reread(shanghai));
    expect(again).toBe(first);
    expect(first).toEqual(shanghai);
    expect(Object.isFrozen(first.steps[0])).toBe(true);
    expect(Object.isFrozen(first.parameters)).toBe(true);
  });

  it('never shares a snapshot that differs in one field, however deep', () => {
    const changed = reread(shanghai);
    changed.steps[0] = { ...changed.steps[0], title: { ...changed.steps[0].title, zh: `${changed.steps[0].title.zh}（改）` } };
    expect(sharedPolicy(changed)).not.toBe(sharedPolicy(reread(shanghai)));
    expect(sharedPolicy(changed)).toEqual(changed);
    expect(sharedPolicy(reread(beijing))).not.toBe(sharedPolicy(reread(shanghai)));
  });

  it('is what two cases opened under the same policy and reason hold, each folded from its own decoded event', () => {
    const fold = (caseId: string) =>
      offboardingDecider.evolve(offboardingDecider.initialState, reread(opened({ caseId, policy: shanghai }))) as OffboardingCase;
    const [a, b] = [fold('C-1'), fold('C-2')];
    expect(a.caseId).not.toBe(b.caseId);
    expect(a.policy).toBe(b.policy);
    const dismissal = opened({ caseId: 'C-3', policy: shanghai, reason: 'dismissal' });
    const resignation = opened({ caseId: 'C-4', policy: shanghai, reason: 'resignation' });
    const [c, d] = [dismissal, resignation].map(
      (e) => offboardingDecider.evolve(offboardingDecider.initialState, reread(e)) as OffboardingCase,
    );
    expect(c.policy).not.toBe(d.policy);
    expect(c.policy).toEqual(dismissal.data.policy);
    expect(d.policy).toEqual(resignation.data.policy);
  });
});

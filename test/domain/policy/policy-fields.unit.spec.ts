import { DEFAULT_POLICIES } from '../../../src/domain/policy/default-policies';
import { unknownPolicyFields } from '../../../src/domain/policy/policy-fields';
import { validatePolicy } from '../../../src/domain/policy/validate-policy';

describe('unknown policy fields', () => {
  const policy = () => JSON.parse(JSON.stringify(DEFAULT_POLICIES[0]));

  it('finds none in a shipped policy', () => {
    for (const p of DEFAULT_POLICIES) expect(unknownPolicyFields(p)).toEqual([]);
  });

  it('names each unknown field by its path, at every depth', () => {
    const p = policy();
    p.extra = 1;
    p.steps[0].evil = true;
    p.steps[1].requires.push({ step: 'approval', kind: 'hard', why: 'x' });
    p.parameters.siReduction[0].rule.y = 1;
    p.parameters.other = [];
    expect(unknownPolicyFields(p).sort()).toEqual(
      [
        'extra',
        'parameters.other',
        'parameters.siReduction[0].rule.y',
        `steps[0].evil`,
        `steps[1].requires[${p.steps[1].requires.length - 1}].why`,
      ].sort(),
    );
  });

  it('refuses __proto__ and constructor as parsed from JSON, which leave the prototype alone', () => {
    const p = JSON.parse(JSON.stringify(policy()).replace(/^\{/, '{"__proto__":{"polluted":1},"constructor":{"prototype":{}},'));
    expect(unknownPolicyFields(p)).toEqual(['__proto__', 'constructor']);
    expect(validatePolicy(p)).toEqual(
      expect.arrayContaining(['__proto__: is not a field of a policy', 'constructor: is not a field of a policy']),
    );
  });

  it('refuses control characters in titles and sources', () => {
    const p = policy();
    p.steps[0].title.en = 'approval\r=1+1';
    p.parameters.siReduction[0].source = 'bulletin\u0000';
    expect(validatePolicy(p)).toEqual([
      expect.stringMatching(/^steps\[0\]\.title\.en: must be one line/),
      expect.stringMatching(/^parameters\.siReduction\[0\]\.source: must not hold control/),
    ]);
  });
});

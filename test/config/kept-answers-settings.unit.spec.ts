import { loadConfig } from '../../src/config/config';
import { configProblems, withSecret } from './config-problems';

const load = (env: Record<string, string>) => loadConfig(withSecret(env));
const problems = (env: Record<string, string>) => configProblems(withSecret(env));

describe('KEPT_ANSWERS_MIB (answers kept serialised between reads)', () => {
  it('defaults to 16 MiB, takes fractions, and 0 keeps none', () => {
    expect(load({}).keptAnswersBytes).toBe(16 * 1024 * 1024);
    expect(load({ KEPT_ANSWERS_MIB: '0.5' }).keptAnswersBytes).toBe(512 * 1024);
    expect(load({ KEPT_ANSWERS_MIB: '0' }).keptAnswersBytes).toBe(0);
  });

  it.each(['-1', '4097', 'lots'])('KEPT_ANSWERS_MIB=%s stops the start naming it', (value) => {
    expect(problems({ KEPT_ANSWERS_MIB: value })).toEqual([expect.stringMatching(/^KEPT_ANSWERS_MIB: /)]);
  });
});

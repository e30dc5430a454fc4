import { loadConfig } from '../../src/config/config';
import { configProblems, withSecret } from './config-problems';

const load = (env: Record<string, string>) => loadConfig(withSecret(env));
const problems = (env: Record<string, string>) => configProblems(withSecret(env));

describe('read-your-writes and event-stream settings', () => {
  it('default to a 2 s wait and 4 streams per caller', () => {
    expect(load({})).toMatchObject({ readYourWritesTimeoutMs: 2000, eventStreamsPerCaller: 4 });
    expect(load({ READ_YOUR_WRITES_TIMEOUT_MS: '500', EVENT_STREAMS_PER_CALLER: '1' })).toMatchObject({
      readYourWritesTimeoutMs: 500,
      eventStreamsPerCaller: 1,
    });
  });

  it.each(['0', '-1', '1.5', '60001', 'soon'])('READ_YOUR_WRITES_TIMEOUT_MS=%s stops the start naming it', (value) => {
    expect(problems({ READ_YOUR_WRITES_TIMEOUT_MS: value })).toEqual([expect.stringMatching(/^READ_YOUR_WRITES_TIMEOUT_MS: /)]);
  });

  it.each(['0', '2.5', 'many'])('EVENT_STREAMS_PER_CALLER=%s stops the start naming it', (value) => {
    expect(problems({ EVENT_STREAMS_PER_CALLER: value })).toEqual([expect.stringMatching(/^EVENT_STREAMS_PER_CALLER: /)]);
  });
});

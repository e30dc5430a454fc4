import { ConfigError, loadConfig } from '../../src/config/config';

describe('REMINDER_HOUR', () => {
  it('defaults to 9 (09:00 in the business time zone)', () => {
    expect(loadConfig({}).reminderHour).toBe(9);
    expect(loadConfig({ REMINDER_HOUR: '0' }).reminderHour).toBe(0);
    expect(loadConfig({ REMINDER_HOUR: '14' }).reminderHour).toBe(14);
  });

  it.each(['24', '-1', '8.5', 'nine'])('stops start-up with a message naming the variable for %s', (value) => {
    expect(() => loadConfig({ REMINDER_HOUR: value })).toThrow(ConfigError);
    expect(() => loadConfig({ REMINDER_HOUR: value })).toThrow(/REMINDER_HOUR/);
  });
});

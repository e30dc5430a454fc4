import { ConfigError, loadConfig } from '../../src/config/config';
import { businessDate, businessTimeZone, DEFAULT_BUSINESS_TIME_ZONE, useBusinessTimeZone } from '../../src/infrastructure/business-day';

describe('BUSINESS_TIME_ZONE', () => {
  afterEach(() => useBusinessTimeZone(DEFAULT_BUSINESS_TIME_ZONE));

  it('defaults to Asia/Shanghai', () => {
    useBusinessTimeZone('UTC');
    expect(loadConfig({}).businessTimeZone).toBe('Asia/Shanghai');
    expect(businessTimeZone()).toBe('Asia/Shanghai');
    expect(businessDate(new Date('2024-06-30T16:30:00Z'))).toBe('2024-07-01');
  });

  it('sets the business day of the whole process', () => {
    loadConfig({ BUSINESS_TIME_ZONE: 'UTC' });
    expect(businessDate(new Date('2024-06-30T16:30:00Z'))).toBe('2024-06-30');
  });

  it('stops start-up with a message naming the variable when the zone is unknown', () => {
    expect(() => loadConfig({ BUSINESS_TIME_ZONE: 'Beijing' })).toThrow(ConfigError);
    expect(() => loadConfig({ BUSINESS_TIME_ZONE: 'Beijing' })).toThrow(/BUSINESS_TIME_ZONE: must be an IANA time zone/);
  });
});

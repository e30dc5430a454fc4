import { businessToday, instantToWallTime, wallTimeToInstant, zonedTime } from '../../console/src/business-time';

/** The console's times are the business zone's (GET /api/session), never the browser's nor UTC's. */
describe('console business time', () => {
  it('shows an instant in the business zone', () => {
    expect(zonedTime('2024-05-10T10:00:00Z', 'Asia/Shanghai')).toBe('2024-05-10 18:00:00');
    expect(zonedTime('2024-05-10T10:00:00+08:00', 'Asia/Shanghai')).toBe('2024-05-10 10:00:00');
  });

  it('takes today as the business day: past 16:00 UTC it is already tomorrow in Shanghai', () => {
    expect(businessToday('Asia/Shanghai', Date.parse('2024-05-10T15:59:59Z'))).toBe('2024-05-10');
    expect(businessToday('Asia/Shanghai', Date.parse('2024-05-10T16:00:00Z'))).toBe('2024-05-11');
    expect(businessToday('Asia/Shanghai', Date.parse('2024-12-31T16:00:00Z'))).toBe('2025-01-01');
  });

  it('reads a picked wall time in the business zone, with that zone’s offset then', () => {
    expect(wallTimeToInstant('2024-05-10T18:00', 'Asia/Shanghai')).toBe('2024-05-10T18:00:00+08:00');
    expect(wallTimeToInstant('2024-05-10T18:00:30', 'Asia/Shanghai')).toBe('2024-05-10T18:00:30+08:00');
    // A zone with daylight saving, on both sides of its switch (Europe/Berlin, 31 March 2024 at 02:00).
    expect(wallTimeToInstant('2024-03-31T01:30', 'Europe/Berlin')).toBe('2024-03-31T01:30:00+01:00');
    expect(wallTimeToInstant('2024-03-31T03:30', 'Europe/Berlin')).toBe('2024-03-31T03:30:00+02:00');
  });

  it('refuses what is not a wall time', () => {
    for (const value of ['', '2024-05-10', '2024-05-10 18:00', 'yesterday', '2024-13-40T25:00']) {
      expect(wallTimeToInstant(value, 'Asia/Shanghai')).toBeNull();
    }
  });

  it('gives the picker back the wall time it read', () => {
    const instant = wallTimeToInstant('2026-10-01T09:15', 'Asia/Shanghai')!;
    expect(instantToWallTime(instant, 'Asia/Shanghai')).toBe('2026-10-01T09:15:00');
    expect(Date.parse(instant)).toBe(Date.parse('2026-10-01T01:15:00Z'));
  });
});

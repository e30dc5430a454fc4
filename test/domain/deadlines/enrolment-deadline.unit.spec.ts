import { enrolledLate, enrolmentDeadline } from '../../../src/domain/deadlines/enrolment-deadline';

describe('SIL art. 58: enrolment within 30 days of the start of employment', () => {
  it('ends the thirty days 30 calendar days after the hire date (counting from the next day)', () => {
    expect(enrolmentDeadline('2024-01-10')).toBe('2024-02-09');
    expect(enrolmentDeadline('2024-01-31')).toBe('2024-03-01');
    expect(enrolmentDeadline('2023-01-31')).toBe('2023-03-02');
  });

  it('is late when the first covered day comes after the thirty days', () => {
    expect(enrolledLate('2024-01-10', '2024-01')).toBe(false);
    expect(enrolledLate('2024-01-10', '2024-02')).toBe(false);
    expect(enrolledLate('2024-01-10', '2024-03')).toBe(true);
    expect(enrolledLate('2024-01-01', '2024-01')).toBe(false);
    expect(enrolledLate('2024-01-01', '2024-02')).toBe(true);
  });

  it('takes the 1st of the start month as the first covered day at the boundary', () => {
    // Hired 2024-01-31: the thirtieth day is 2024-03-01 (a leap year), so a March start is just in time.
    expect(enrolledLate('2024-01-31', '2024-03')).toBe(false);
    expect(enrolledLate('2024-02-01', '2024-03')).toBe(false);
    expect(enrolledLate('2024-02-01', '2024-04')).toBe(true);
  });
});

import { accountContinuity, gapsUpTo, openGaps, openGapsAfter, OpenGap } from '../../../src/domain/continuity/continuity';
import { addMonths } from '../../../src/domain/shared/calendar';
import { InsuranceType } from '../../../src/domain/shared/vocabulary';
import { insuranceDecider, InsuranceState } from '../../../src/domain/social-insurance/insurance.decider';
import { InsuranceEvent } from '../../../src/domain/social-insurance/insurance.events';
import { corrected, enrolled, paid, transferredOut } from './account';

/**
 * The continuity-gaps report's summary of an account: each type's gaps with no
 * `through` (openGaps), carried from event to event (openGapsAfter), and cut at a
 * `through` (gapsUpTo), must give accountContinuity's gaps for every `through`.
 * Checked on generated accounts (a fixed seed): back-payments in the middle of a
 * gap, types paid apart, transfer-outs with contributions after them, re-enrolments.
 */
describe('open gaps: the gaps up to any month without the account', () => {
  const MONTHS = Array.from({ length: 14 }, (_, k) => addMonths('2024-01', k));
  const THROUGHS = ['2023-11', ...MONTHS, '2025-06', '2031-12'];
  let seed = 20261203;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    // The high bits: the low ones of this generator repeat with a short period.
    return Math.floor(seed / 2 ** 16) % n;
  };
  const pick = <T>(items: T[]) => items[random(items.length)];
  const TYPE_SETS: InsuranceType[][] = [['pension', 'unemployment'], ['pension'], ['unemployment'], ['pension', 'medical', 'unemployment']];

  function history(): InsuranceEvent[] {
    const events: InsuranceEvent[] = [];
    let start = random(3);
    for (let period = 0; period < 1 + random(2); period++) {
      const types = pick(TYPE_SETS);
      events.push(enrolled(MONTHS[start], types));
      const end = Math.min(MONTHS.length - 1, start + 3 + random(6));
      for (let k = 0; k < 2 + random(8); k++)
        events.push(paid(MONTHS[start + random(end - start + 1)], random(3) === 0 ? [pick(types)] : types));
      if (random(3) === 0) events.push(corrected(MONTHS[start + random(end - start + 1)], [types[0]]));
      if (random(2) === 0)
        events.push({ type: 'ContributionBaseAdjusted', data: { fromMonth: MONTHS[start], contributionBase: 12000, previousBase: 10000 } });
      if (period === 0 && random(2) === 0) {
        events.push(transferredOut(MONTHS[start + random(end - start + 1)]));
        if (random(2) === 0) events.push(paid(MONTHS[end], types));
        start = Math.min(MONTHS.length - 3, end + 1 + random(2));
      } else break;
    }
    return events;
  }

  const gapsOf = (state: InsuranceState, through: string) =>
    Object.fromEntries(Object.entries(accountContinuity(state, through)).map(([t, c]) => [t, c.gaps]));
  const cut = (open: Partial<Record<InsuranceType, OpenGap[]>>, through: string) =>
    Object.fromEntries(Object.entries(open).map(([t, g]) => [t, gapsUpTo(g, through)]));

  it('gives accountContinuity’s gaps for every month, after every event, computed afresh and carried over', () => {
    let checked = 0;
    let withGaps = 0;
    for (let n = 0; n < 300; n++) {
      const events = history();
      let state = insuranceDecider.initialState;
      let carried: Partial<Record<InsuranceType, OpenGap[]>> = {};
      for (const event of events) {
        state = insuranceDecider.evolve(state, event);
        carried = openGapsAfter(carried, event, state);
        // Compared as JSON first (the order of types included), the matcher only for the message: thousands of comparisons.
        const afresh = openGaps(state);
        if (JSON.stringify(carried) !== JSON.stringify(afresh)) expect({ events, carried }).toEqual({ events, carried: afresh });
        for (const through of THROUGHS) {
          const expected = gapsOf(state, through);
          const gaps = cut(carried, through);
          if (JSON.stringify(gaps) !== JSON.stringify(expected))
            expect({ events, through, gaps }).toEqual({ events, through, gaps: expected });
          checked++;
          if (Object.values(expected).some((g) => g.length > 1)) withGaps++;
        }
      }
    }
    // The generator reaches accounts with more than one gap in a type, for many months.
    expect(checked).toBeGreaterThan(10_000);
    expect(withGaps).toBeGreaterThan(1_000);
  });

  it('keeps the last gap of an open period without end, and a closed period’s gaps closed', () => {
    const state = [enrolled('2024-01', ['pension']), paid('2024-01', ['pension']), paid('2024-04', ['pension'])].reduce(
      insuranceDecider.evolve,
      insuranceDecider.initialState,
    );
    expect(openGaps(state)).toEqual({
      pension: [
        { from: '2024-02', to: '2024-03' },
        { from: '2024-05', to: null },
      ],
    });
    const closed = insuranceDecider.evolve(state, transferredOut('2024-06'));
    expect(openGaps(closed)).toEqual({
      pension: [
        { from: '2024-02', to: '2024-03' },
        { from: '2024-05', to: '2024-06' },
      ],
    });
    expect(gapsUpTo(openGaps(state).pension!, '2024-08')).toEqual([
      { from: '2024-02', to: '2024-03', months: 2 },
      { from: '2024-05', to: '2024-08', months: 4 },
    ]);
  });
});

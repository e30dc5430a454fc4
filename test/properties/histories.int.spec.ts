/**
 * Invariants over random histories (property.ts, invariants/). `npm test` runs a small budget; `npm run test:properties` runs
 * the same properties with PROPERTY_COMMANDS=100000 and prints what it ran.
 * PROPERTY_SEED replays a failure's chunk (fast-check prints seed and path).
 */
import { EFFECTIVE_ORDER_INVARIANTS, INVARIANTS } from './invariants';
import { budgetFromEnv, checkWithinBudget, newTally, Tally } from './property';

const budget = budgetFromEnv({ commands: 8000, historySize: 24 });
/** The effective-order property fails today; it gets a quarter of the budget so that it still searches once fixed. */
const effectiveBudget = { ...budget, commands: Math.ceil(budget.commands / 4), seed: budget.seed + 1_000_000 };
/**
 * A budget, not an assertion. The histories drawn hold about twice the budgeted commands (17,581 for 8,000 in one
 * run), each 3 ms alone and 12 ms on a loaded machine since reminders, warnings and the worklist follow every
 * command too (83 commands/s beside five other workers): 30 ms per budgeted command, plus the shrinking.
 */
const timeoutMs = Math.max(120_000, budget.commands * 30) + budget.shrinkSeconds * 1000;

const tallies: Record<string, Tally> = {};
const sorted = (counts: Record<string, number>) => JSON.stringify(Object.fromEntries(Object.entries(counts).sort(([, a], [, b]) => b - a)));
const report = (name: string, t: Tally) =>
  `${name}: ${t.histories} histories, ${t.commands} commands (${t.refused} refused), ${t.events} events, ${(t.ms / 1000).toFixed(1)} s` +
  (t.ms > 0 ? `, ${Math.round((t.commands / t.ms) * 1000)} commands/s` : '') +
  ` (of which starting/closing applications ${(t.appMs / 1000).toFixed(1)} s, global invariants ${(t.globalMs / 1000).toFixed(1)} s)` +
  `\n  seen: ${sorted(t.seen)}\n  refusals by code: ${sorted(t.refusals)}`;

describe('invariants over random histories', () => {
  const startedAt = Date.now();
  afterAll(() => {
    const total = Object.values(tallies).reduce(
      (a, t) => ({
        ...a,
        histories: a.histories + t.histories,
        commands: a.commands + t.commands,
        refused: a.refused + t.refused,
        events: a.events + t.events,
        ms: a.ms + t.ms,
        appMs: a.appMs + t.appMs,
        globalMs: a.globalMs + t.globalMs,
        refusals: Object.fromEntries(
          [...new Set([...Object.keys(a.refusals), ...Object.keys(t.refusals)])].map((k) => [
            k,
            (a.refusals[k] ?? 0) + (t.refusals[k] ?? 0),
          ]),
        ),
      }),
      newTally(),
    );
    const wall = ((Date.now() - startedAt) / 1000).toFixed(1);
    const lines = [
      ...Object.entries(tallies).map(([name, t]) => report(name, t)),
      report('total', total),
      `TOTAL ${total.commands} commands in ${wall} s of wall time (${Math.round(total.commands / Number(wall))} commands/s), seed ${budget.seed} (PROPERTY_SEED)`,
    ];
    process.stdout.write(`\n${lines.join('\n')}\n`);
  });

  it(
    'hold after every history: legal order in recorded time, no contribution after the transfer-out, one open case, refusals recorded, hash chains, rebuilds',
    async () => {
      await checkWithinBudget(INVARIANTS, budget, (tallies.invariants = newTally()));
    },
    timeoutMs,
  );

  it(
    'legal order in effective time: 退工 effective on or after the completed transfer-out',
    async () => {
      await checkWithinBudget(EFFECTIVE_ORDER_INVARIANTS, effectiveBudget, (tallies['effective order'] = newTally()));
    },
    timeoutMs,
  );
});

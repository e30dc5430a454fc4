/**
 * Invariants over random histories (property.ts, invariants/). `npm test` runs a small budget; `npm run test:properties` runs
 * the same properties with PROPERTY_COMMANDS=100000 and prints what it ran.
 * PROPERTY_SEED replays a failure's chunk (fast-check prints seed and path).
 */
import { EFFECTIVE_ORDER_INVARIANTS, INVARIANTS } from './invariants';
import { budgetFromEnv, checkWithinBudget, newTally, Tally } from './property';

const budget = budgetFromEnv({ commands: 1000, historySize: 24 });
/** The effective-order property fails today; it gets a quarter of the budget so that it still searches once fixed. */
const effectiveBudget = { ...budget, commands: Math.ceil(budget.commands / 4), seed: budget.seed + 1_000_000 };
/** About 20 ms a command on a loaded machine (each command wakes nine projections in this thread), plus the shrinking. */
const timeoutMs = Math.max(120_000, budget.commands * 40) + budget.shrinkSeconds * 1000;

const tallies: Record<string, Tally> = {};
const report = (name: string, t: Tally) =>
  `${name}: ${t.histories} histories, ${t.commands} commands (${t.refused} refused), ${t.events} events, ${(t.ms / 1000).toFixed(1)} s` +
  (t.ms > 0 ? `, ${Math.round((t.commands / t.ms) * 1000)} commands/s` : '') +
  `\n  seen: ${JSON.stringify(t.seen)}`;

describe('invariants over random histories', () => {
  afterAll(() => {
    const total = Object.values(tallies).reduce(
      (a, t) => ({ ...a, histories: a.histories + t.histories, commands: a.commands + t.commands, refused: a.refused + t.refused, events: a.events + t.events, ms: a.ms + t.ms }),
      newTally(),
    );
    const lines = [...Object.entries(tallies).map(([name, t]) => report(name, t)), report('total', total), `seed ${budget.seed} (PROPERTY_SEED)`];
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
    'legal order in effective time: 退工 effective on or after the completed transfer-out (fails until the deciders check effective dates)',
    async () => {
      await checkWithinBudget(EFFECTIVE_ORDER_INVARIANTS, effectiveBudget, (tallies['effective order'] = newTally()));
    },
    timeoutMs,
  );
});

/**
 * The property: for every generated history, run it on a fresh application and
 * check the invariants from the event store. A history that breaks one fails
 * with every violation listed; fast-check then shrinks it and prints the seed,
 * the path and the smallest history it found (plain JSON: history.ts).
 */
import fc from 'fast-check';
import { startAppUnderTest } from './app-under-test';
import { historyArb } from './generators';
import { History } from './history';
import { Invariant } from './invariants/invariant';
import { byStream, wholeLog } from './log';
import { runHistory, startOf } from './runner';

export interface Tally {
  histories: number;
  commands: number;
  refused: number;
  events: number;
  ms: number;
  /** How often the facts and refusals the invariants are about happened: a property that never reaches them proves nothing. */
  seen: Record<string, number>;
}

export const newTally = (): Tally => ({ histories: 0, commands: 0, refused: 0, events: 0, ms: 0, seen: {} });

const WATCHED = new Set(['LaborTerminationRegistered', 'SocialInsuranceTransferredOut', 'OffboardingCaseCompleted', 'OffboardingCaseCancelled', 'PrerequisiteOverridden', 'PersonalDataErased', 'CommandRefused', 'ContributionCorrected']);
const WATCHED_CODES = new Set(['STEP_LOCKED', 'CONTRIBUTION_AFTER_TRANSFER_OUT', 'DUPLICATE_CONTRIBUTION', 'OPEN_CASE_EXISTS', 'OVERRIDE_NOT_ALLOWED', 'RETENTION_PERIOD', 'CONCURRENCY', 'FORBIDDEN']);

let runs = 0;

/** Runs one history and answers the violations of the invariants (empty: all hold). */
export async function violationsOf(history: History, invariants: Invariant[], tally: Tally): Promise<string[]> {
  const started = Date.now();
  const app = await startAppUnderTest(startOf(history));
  try {
    const { outcomes } = await runHistory(app, history, `h${++runs}`);
    const log = await wholeLog(app.raw);
    const checked = { app, log, streams: byStream(log), outcomes };
    const violations: string[] = [];
    for (const invariant of invariants) violations.push(...(await invariant.check(checked)).map((v) => `[${invariant.name}] ${v}`));
    tally.histories++;
    tally.commands += outcomes.length;
    tally.refused += outcomes.filter((o) => o.status >= 400).length;
    tally.events += log.length;
    for (const e of log) if (WATCHED.has(e.type)) tally.seen[e.type] = (tally.seen[e.type] ?? 0) + 1;
    for (const o of outcomes) if (o.code && WATCHED_CODES.has(o.code)) tally.seen[o.code] = (tally.seen[o.code] ?? 0) + 1;
    return violations;
  } finally {
    await app.close();
    tally.ms += Date.now() - started;
  }
}

export interface Budget {
  /** Keep generating histories until this many commands were sent. */
  commands: number;
  /** About how many commands after the set-up of each history. */
  historySize: number;
  seed: number;
  /** Histories per fast-check run; each run has its own seed (seed, seed+1, ...), printed on failure. */
  runsPerChunk: number;
  /** How long fast-check may shrink a failing history. */
  shrinkSeconds: number;
}

/** Runs chunks of the property until the budget of commands is spent; the first failing chunk throws fast-check's report. */
export async function checkWithinBudget(invariants: Invariant[], budget: Budget, tally: Tally): Promise<void> {
  // Shrinking runs a whole application per candidate: past the deadline, candidates are let pass
  // unrun, so that fast-check stops and reports the smallest failing history found by then.
  let firstFailure: number | null = null;
  const property = fc.asyncProperty(historyArb(budget.historySize), async (history) => {
    if (firstFailure !== null && Date.now() - firstFailure > budget.shrinkSeconds * 1000) return;
    const violations = await violationsOf(history, invariants, tally);
    if (violations.length > 0) firstFailure ??= Date.now();
    if (violations.length > 0) throw new Error(`${violations.length} violation(s):\n${violations.slice(0, 10).join('\n')}`);
  });
  for (let chunk = 0; tally.commands < budget.commands; chunk++) {
    await fc.assert(property, { seed: budget.seed + chunk, numRuns: budget.runsPerChunk });
  }
}

/** PROPERTY_COMMANDS, PROPERTY_HISTORY_SIZE, PROPERTY_SEED, PROPERTY_RUNS_PER_CHUNK and PROPERTY_SHRINK_SECONDS from the environment, with the defaults of `npm test`. */
export function budgetFromEnv(defaults: { commands: number; historySize: number }): Budget {
  const num = (name: string, fallback: number) => {
    const value = Number(process.env[name] ?? fallback);
    if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number`);
    return value;
  };
  return {
    commands: num('PROPERTY_COMMANDS', defaults.commands),
    historySize: num('PROPERTY_HISTORY_SIZE', defaults.historySize),
    seed: num('PROPERTY_SEED', Date.now() % 2 ** 31),
    runsPerChunk: num('PROPERTY_RUNS_PER_CHUNK', 25),
    shrinkSeconds: num('PROPERTY_SHRINK_SECONDS', 15),
  };
}

/**
 * The property: for every generated history, run it and check the invariants
 * from the event store. A history that breaks one fails with every violation
 * listed; fast-check then shrinks it and prints the seed, the path and the
 * smallest history it found (plain JSON: history.ts).
 *
 * Histories share an application (one data directory) for `historiesPerApp`
 * histories: each history has employee ids of its own (runner.ts) and is checked
 * on the events it appended. The global invariants (hash chains, rebuilds) are
 * checked on the whole log before the application is closed. When one fails
 * there, the histories that shared the application are replayed one by one,
 * each on an application of its own with every invariant (fast-check's seed and
 * path), so that the failing one is shrunk and reported as usual; if none fails
 * alone, the failure names them all.
 */
import fc from 'fast-check';
import { RecordedEvent } from '../../src/infrastructure/event-store/event-store.port';
import { AppUnderTest, startAppUnderTest } from './app-under-test';
import { historyArb } from './generators';
import { History } from './history';
import { Invariant } from './invariants/invariant';
import { byStream, wholeLog } from './log';
import { runHistory, START } from './runner';

export interface Tally {
  histories: number;
  commands: number;
  refused: number;
  events: number;
  ms: number;
  /** Of `ms`: starting and closing applications, and checking the global invariants. */
  appMs: number;
  globalMs: number;
  /** How often the facts and refusals the invariants are about happened: a property that never reaches them proves nothing. */
  seen: Record<string, number>;
  /** Every refusal by its code (a 4xx answer). */
  refusals: Record<string, number>;
}

export const newTally = (): Tally => ({
  histories: 0,
  commands: 0,
  refused: 0,
  events: 0,
  ms: 0,
  appMs: 0,
  globalMs: 0,
  seen: {},
  refusals: {},
});

const WATCHED = new Set([
  'LaborTerminationRegistered',
  'SocialInsuranceTransferredOut',
  'OffboardingCaseCompleted',
  'OffboardingCaseCancelled',
  'PrerequisiteOverridden',
  'PersonalDataErased',
  'CommandRefused',
  'ContributionCorrected',
  'ContributionRecorded',
]);

let runs = 0;

/** PROPERTY_EAGER_READ_MODELS=1 wakes the read models on every append, as the service does (for comparison; the invariants read them after catching up either way). */
const LAZY_READ_MODELS = process.env.PROPERTY_EAGER_READ_MODELS !== '1';

const timed = async <T>(tally: Tally, field: 'appMs' | 'globalMs', work: () => Promise<T>): Promise<T> => {
  const started = Date.now();
  try {
    return await work();
  } finally {
    tally[field] += Date.now() - started;
  }
};

/** Events appended after `after`, in position order. */
async function logAfter(app: AppUnderTest, after: bigint): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for (;;) {
    const page = await app.raw.readAll({ after: all.at(-1)?.position ?? after, maxCount: 5000 });
    if (page.length === 0) return all;
    all.push(...page);
  }
}

async function check(
  invariants: Invariant[],
  app: AppUnderTest,
  log: RecordedEvent[],
  outcomes: Parameters<Invariant['check']>[0]['outcomes'],
): Promise<string[]> {
  const checked = { app, log, streams: byStream(log), outcomes };
  const violations: string[] = [];
  for (const invariant of invariants) violations.push(...(await invariant.check(checked)).map((v) => `[${invariant.name}] ${v}`));
  return violations;
}

/** Runs one history on `app` and answers the violations of the history invariants (empty: all hold). */
async function runAndCheck(app: AppUnderTest, history: History, invariants: Invariant[], tally: Tally): Promise<string[]> {
  const started = Date.now();
  try {
    const head = await app.raw.headPosition();
    const { outcomes } = await runHistory(app, history, `h${++runs}`);
    const log = await logAfter(app, head);
    const violations = await check(
      invariants.filter((i) => i.scope !== 'global'),
      app,
      log,
      outcomes,
    );
    tally.histories++;
    tally.commands += outcomes.length;
    tally.refused += outcomes.filter((o) => o.status >= 400).length;
    tally.events += log.length;
    for (const e of log) if (WATCHED.has(e.type)) tally.seen[e.type] = (tally.seen[e.type] ?? 0) + 1;
    for (const o of outcomes) if (o.code) tally.refusals[o.code] = (tally.refusals[o.code] ?? 0) + 1;
    return violations;
  } finally {
    tally.ms += Date.now() - started;
  }
}

/** The global invariants on the whole log of `app` (read models caught up first). */
async function checkGlobal(app: AppUnderTest, invariants: Invariant[], tally: Tally): Promise<string[]> {
  const global = invariants.filter((i) => i.scope === 'global');
  if (global.length === 0) return [];
  const started = Date.now();
  try {
    return await timed(tally, 'globalMs', async () => check(global, app, await wholeLog(app.raw), []));
  } finally {
    tally.ms += Date.now() - started;
  }
}

/** Runs one history on an application of its own and checks every invariant, the global ones included. */
export async function violationsAlone(history: History, invariants: Invariant[], tally: Tally): Promise<string[]> {
  const started = Date.now();
  const app = await timed(tally, 'appMs', () => startAppUnderTest(new Date(START), { lazyReadModels: LAZY_READ_MODELS }));
  tally.ms += Date.now() - started;
  try {
    return [...(await runAndCheck(app, history, invariants, tally)), ...(await checkGlobal(app, invariants, tally))];
  } finally {
    const closing = Date.now();
    await timed(tally, 'appMs', () => app.close());
    tally.ms += Date.now() - closing;
  }
}

/** An application shared by up to `historiesPerApp` histories, and which generated runs (seed and index) it ran. */
class SharedApp {
  private app: AppUnderTest | null = null;
  ran: Array<{ seed: number; index: number }> = [];

  constructor(
    private readonly invariants: () => Invariant[],
    private readonly historiesPerApp: number,
    private readonly tally: Tally,
  ) {}

  async get(): Promise<AppUnderTest> {
    if (this.app) return this.app;
    const started = Date.now();
    // Started at the earliest simulated instant of any history: the clock only moves forward from there within each history.
    this.app = await timed(this.tally, 'appMs', () => startAppUnderTest(new Date(START), { lazyReadModels: LAZY_READ_MODELS }));
    this.tally.ms += Date.now() - started;
    return this.app;
  }

  get full(): boolean {
    return this.ran.length >= this.historiesPerApp;
  }

  /** Closes the application without checking (after a failure). */
  async abandon(): Promise<void> {
    const { app } = this;
    this.app = null;
    this.ran = [];
    await app?.close();
  }

  /** Checks the global invariants and closes the application; answers the violations and the runs it served. */
  async retire(): Promise<{ violations: string[]; ran: Array<{ seed: number; index: number }> }> {
    const { app, ran } = this;
    this.app = null;
    this.ran = [];
    if (!app) return { violations: [], ran };
    try {
      return { violations: await checkGlobal(app, this.invariants(), this.tally), ran };
    } finally {
      const started = Date.now();
      await timed(this.tally, 'appMs', () => app.close());
      this.tally.ms += Date.now() - started;
    }
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
  /** Histories that share one application; the global invariants are checked before it is closed. */
  historiesPerApp: number;
}

/**
 * Runs chunks of the property until the budget of commands is spent. A failure
 * is shrunk and its report kept; the invariants it broke are then left out and
 * the others keep being checked with the rest of the budget (so that one known
 * failure does not hide others, nor end the run). Throws every report at the end.
 */
/** What a history's property throws when invariants are broken; any other error is the harness failing. */
class InvariantsBroken extends Error {}

export async function checkWithinBudget(invariants: Invariant[], budget: Budget, tally: Tally): Promise<void> {
  // Shrinking runs a whole history per candidate: past the deadline, candidates are let pass
  // unrun, so that fast-check stops and reports the smallest failing history found by then.
  let firstFailure: number | null = null;
  const pastDeadline = () => firstFailure !== null && Date.now() - firstFailure > budget.shrinkSeconds * 1000;
  // Past the deadline the candidates left pass unrun, but fast-check still walks their whole tree, which for a long
  // history has no end in sight: each fast-check run is stopped outright a while after it (a failure found is still
  // reported, with the smallest history so far; a run stopped without one just checked fewer histories).
  const interruptAfterTimeLimit = (budget.shrinkSeconds + 120) * 1000;
  /** The invariants still checked, and the names of those a failing candidate broke. */
  let active = invariants;
  const broken = new Set<string>();
  const fail = (violations: string[]) => {
    firstFailure ??= Date.now();
    for (const invariant of active) if (violations.some((v) => v.startsWith(`[${invariant.name}]`))) broken.add(invariant.name);
    throw new InvariantsBroken(`${violations.length} violation(s):\n${violations.slice(0, 10).join('\n')}`);
  };
  const reports: string[] = [];
  const record = async (error: unknown) => {
    // fast-check 4 keeps the property's own error (the violations) as the cause. Anything else (the application did not
    // start, a history could not be sent) ends the run at once: it would fail every history alike, and leaving no
    // invariant out, the loop below would never spend its budget of commands (seen: a CI run spinning for 90 minutes on
    // a full /dev/shm).
    if (!(error instanceof Error && error.cause instanceof InvariantsBroken)) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
      throw new Error(`The harness failed, not an invariant: ${cause instanceof Error ? cause.stack : String(cause)}`, { cause: error });
    }
    const cause = `\nCause: ${error.cause.message}`;
    reports.push(`${error instanceof Error ? error.message : String(error)}${cause}`);
    active = active.filter((i) => !broken.has(i.name));
    broken.clear();
    firstFailure = null;
    await shared.abandon();
  };
  const shared = new SharedApp(() => active, budget.historiesPerApp, tally);
  let chunkSeed = budget.seed;
  let index = 0;
  let globalFailure: { violations: string[]; ran: Array<{ seed: number; index: number }> } | null = null;

  const onSharedApp = fc.asyncProperty(historyArb(budget.historySize), async (history) => {
    if (globalFailure || pastDeadline()) return;
    const run = { seed: chunkSeed, index: index++ };
    const violations = await runAndCheck(await shared.get(), history, active, tally);
    if (violations.length > 0) fail(violations);
    shared.ran.push(run);
    if (shared.full) {
      const retired = await shared.retire();
      if (retired.violations.length > 0) globalFailure = retired;
    }
  });
  const alone = fc.asyncProperty(historyArb(budget.historySize), async (history) => {
    if (pastDeadline()) return;
    const violations = await violationsAlone(history, active, tally);
    if (violations.length > 0) fail(violations);
  });

  /** Which history broke a global invariant? Each alone, on an application of its own; fast-check shrinks the first that fails. */
  const findGlobalCulprit = async ({ violations, ran }: NonNullable<typeof globalFailure>) => {
    globalFailure = null;
    for (const invariant of active) if (violations.some((v) => v.startsWith(`[${invariant.name}]`))) broken.add(invariant.name);
    try {
      for (const { seed, index: i } of ran)
        await fc.assert(alone, { seed, path: String(i), numRuns: budget.runsPerChunk, interruptAfterTimeLimit });
    } catch (error) {
      return record(error);
    }
    await record(
      new Error(
        `${violations.length} violation(s) of the global invariants on an application shared by ${ran.length} histories (seed:path ${ran.map((r) => `${r.seed}:${r.index}`).join(' ')}), ` +
          `none of which fails alone:\n${violations.slice(0, 10).join('\n')}`,
      ),
    );
  };

  try {
    for (let chunk = 0; tally.commands < budget.commands && active.length > 0; chunk++) {
      chunkSeed = budget.seed + chunk;
      index = 0;
      try {
        await fc.assert(onSharedApp, { seed: chunkSeed, numRuns: budget.runsPerChunk, interruptAfterTimeLimit });
      } catch (error) {
        await record(error);
      }
      if (globalFailure) await findGlobalCulprit(globalFailure);
    }
    if (active.length > 0) {
      const retired = await shared.retire();
      if (retired.violations.length > 0) await findGlobalCulprit(retired);
    }
  } finally {
    await shared.abandon();
  }
  if (reports.length > 0) throw new Error(`${reports.length} failure(s):\n\n${reports.join('\n\n')}`);
}

/** PROPERTY_COMMANDS, PROPERTY_HISTORY_SIZE, PROPERTY_SEED, PROPERTY_RUNS_PER_CHUNK, PROPERTY_SHRINK_SECONDS and PROPERTY_HISTORIES_PER_APP from the environment, with the defaults of `npm test`. */
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
    historiesPerApp: Math.max(1, num('PROPERTY_HISTORIES_PER_APP', 50)),
  };
}

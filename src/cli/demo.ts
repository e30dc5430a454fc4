/**
 * npm run demo -- [--employees 1000] [--seed 1] [--as-of YYYY-MM-DD]
 *
 * Fills DATA_DIR with a made-up organisation: companies and schools in every
 * shipped region, years of monthly contributions, and offboarding cases in every
 * state (src/demo/). The same options make the same organisation; running it
 * again writes nothing new. `--as-of` is the demo's present (default: today,
 * UTC): nothing is recorded on or after it. Works with the service stopped or
 * running; the service's projections and process manager catch up either way.
 * Refuses (exit 1) a data directory holding employees the demo did not make.
 */
import { Presets, SingleBar } from 'cli-progress';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/config';
import { CASE_STATES, CaseState } from '../demo/case-scenarios';
import { DemoRefused, employeesOnRecord, runToMake } from '../demo/existing-data';
import { DemoProgress, DemoSummary, runDemo } from '../demo/run-demo';
import { isIsoDate } from '../domain/shared/calendar';
import { createEventStore } from '../personal-data/sealed-event-store';
import { businessDate } from '../infrastructure/business-day';

const USAGE = 'Usage: npm run demo -- [--employees <1..100000>] [--seed <0..4294967295>] [--as-of <YYYY-MM-DD, 2014-01-01 to today>]\n';
const DEFAULT_SEED = 1;
/** The demo's history starts in 2012; two years of it at least. */
const EARLIEST_AS_OF = '2014-01-01';

interface Options {
  employees: number;
  seed?: number;
  asOf?: string;
}

function options(argv: string[], today: string): Options | null {
  const { values } = parseArgs({
    args: argv,
    options: { employees: { type: 'string', default: '1000' }, seed: { type: 'string' }, 'as-of': { type: 'string' } },
  });
  const employees = Number(values.employees);
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  const asOf = values['as-of'];
  if (!Number.isInteger(employees) || employees < 1 || employees > 100_000) return null;
  if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff)) return null;
  if (asOf !== undefined && !(isIsoDate(asOf) && asOf >= EARLIEST_AS_OF && asOf <= today)) return null;
  return { employees, seed, asOf };
}

async function main(argv: string[]): Promise<number> {
  const today = businessDate(new Date());
  let asked: Options | null;
  try {
    asked = options(argv, today);
  } catch {
    asked = null; // parseArgs throws on an unknown option
  }
  if (!asked) {
    process.stderr.write(USAGE);
    return 64; // EX_USAGE
  }
  const config = loadConfig();
  const events = await createEventStore(config);
  try {
    const run = runToMake(await employeesOnRecord(events), asked, { seed: DEFAULT_SEED, asOf: today });
    process.stdout.write(`Demo organisation of ${asked.employees} employees (seed ${run.seed}, as of ${run.asOf}) in ${config.dataDir}\n`);
    const progress = progressReporter();
    const summary = await runDemo(events, { ...run, employees: asked.employees, clock: () => new Date() }, progress.update).finally(
      progress.stop,
    );
    process.stdout.write(report(summary));
    return 0;
  } catch (error) {
    if (!(error instanceof DemoRefused)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  } finally {
    await events.close();
  }
}

/** A bar on a terminal; a line every tenth otherwise (CI logs, pipes). */
function progressReporter(): { update: (p: DemoProgress) => void; stop: () => void } {
  if (process.stdout.isTTY) {
    const bar = new SingleBar(
      { format: 'demo [{bar}] {percentage}% | {value}/{total} commands | {eta_formatted} left', etaBuffer: 2000 },
      Presets.shades_classic,
    );
    let started = false;
    return {
      update: ({ done, total }) => {
        if (!started) bar.start(total, 0);
        started = true;
        bar.update(done);
      },
      stop: () => bar.stop(),
    };
  }
  const started = Date.now();
  let reported = 0;
  return {
    update: ({ done, total }) => {
      const tenth = Math.floor((done * 10) / total);
      if (tenth <= reported) return;
      reported = tenth;
      process.stdout.write(`  ${tenth * 10}% (${done}/${total} commands, ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
    },
    stop: () => undefined,
  };
}

const LABELS: Record<CaseState, string> = {
  open_approval_pending: 'open, approval pending',
  open_in_preparation: 'open, approved, transfer-out not yet filed',
  open_transfer_requested: 'open, transfer-out filed, awaiting the bureau',
  open_transfer_rejected: 'open, transfer-out rejected by the bureau (退单)',
  open_transfer_re_requested: 'open, rejected and filed again',
  open_waiting_labor_termination: 'open, transferred out, awaiting 退工',
  open_after_labor_termination: 'open, 退工 registered, transfers/releases pending',
  completed_on_time: 'completed on time (15-day rule)',
  completed_late: 'completed late',
  cancelled: 'cancelled',
};

function report(s: DemoSummary): string {
  const total = CASE_STATES.reduce((sum, state) => sum + s.cases[state], 0);
  const width = Math.max(...Object.values(LABELS).map((l) => l.length));
  const lines = [
    `Done in ${s.seconds.toFixed(1)} s: ${s.commands} commands, ${s.eventsWritten} events written (${s.seconds > 0 ? Math.round(s.eventsWritten / s.seconds) : 0} events/s)`,
    `  employees  ${s.employees}`,
    `  refusals   ${s.refusalsRecorded} blocked attempts recorded by this run`,
    `  cases      ${total}`,
    ...CASE_STATES.map((state) => `    ${LABELS[state].padEnd(width)}  ${String(s.cases[state]).padStart(5)}`),
    `    with a bureau rejection ${s.casesWith.bureauRejection}, with a manager's override ${s.casesWith.override}, schools that released the post ${s.casesWith.postReleased}`,
    '',
    'Start the service (npm start) if it is not running: its process manager records the separations, account closings and lock releases',
    'the cases imply, and the read models catch up. Then, for example:',
    '  npm run token -- --sub gu.weimin --roles hr_manager',
    `  GET /api/dashboard/offboarding?from=${s.from}&to=${s.run.asOf}`,
    '  GET /api/employees/E10001/timeline',
  ];
  return `${lines.join('\n')}\n`;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof ConfigError ? error.message : `Demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`}\n`,
    );
    process.exit(error instanceof ConfigError ? 78 : 1);
  },
);

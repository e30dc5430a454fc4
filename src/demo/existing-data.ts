import { employeeEvents } from '../domain/employee/employee.schemas';
import { parseStream } from '../domain/shared/streams';
import { IsoDate } from '../domain/shared/calendar';
import { EventStore } from '../infrastructure/event-store/event-store.port';

/** Which demo wrote a data directory: every demo event carries it in `metadata.origin`. */
export interface DemoRun {
  seed: number;
  /** The demo's present: nothing was recorded on or after this day. */
  asOf: IsoDate;
}

export const DEMO_GENERATOR = 'demo';
export const demoOrigin = (run: DemoRun) => ({ generator: DEMO_GENERATOR, seed: run.seed, asOf: run.asOf });

export interface EmployeesOnRecord {
  /** The demo runs that hired employees here (one, unless someone mixed them). */
  runs: DemoRun[];
  /** Employees hired by anything but the demo (the API, an import). */
  others: string[];
}

/** Every hire in the log, by who made it: one pass over the global log. */
export async function employeesOnRecord(events: EventStore): Promise<EmployeesOnRecord> {
  const runs = new Map<string, DemoRun>();
  const others: string[] = [];
  for (let after: bigint | undefined; ;) {
    const page = await events.readAll({ after, maxCount: 2000 });
    if (page.length === 0) break;
    after = page[page.length - 1].position;
    for (const event of page) {
      if (event.type !== 'EmployeeHired' || parseStream(event.stream)?.kind !== 'employee') continue;
      const origin = event.metadata.origin as Partial<Record<string, unknown>> | undefined;
      if (origin?.generator === DEMO_GENERATOR && typeof origin.seed === 'number' && typeof origin.asOf === 'string') {
        runs.set(`${origin.seed}|${origin.asOf}`, { seed: origin.seed, asOf: origin.asOf });
      } else {
        const hired = employeeEvents.read(event);
        if (hired.type === 'EmployeeHired') others.push(hired.data.employeeId);
      }
    }
  }
  return { runs: [...runs.values()], others };
}

export class DemoRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DemoRefused';
  }
}

/**
 * The run to make. On an empty data directory: the options asked for. On one the
 * demo filled: that run again (a re-run writes nothing new; more employees are
 * added to it), so its seed and present are taken unless others are asked for,
 * which is refused. Employees from anywhere else: refused, the demo never mixes
 * its made-up people with real records.
 */
export function runToMake(onRecord: EmployeesOnRecord, asked: { seed?: number; asOf?: IsoDate }, defaults: DemoRun): DemoRun {
  if (onRecord.others.length > 0) {
    const sample = onRecord.others.slice(0, 3).join(', ');
    throw new DemoRefused(
      `The data directory already holds ${onRecord.others.length} employee(s) not made by the demo (${sample}${onRecord.others.length > 3 ? ', ...' : ''}). ` +
        'The demo only fills an empty data directory, or one it filled itself: point DATA_DIR at a new directory.',
    );
  }
  if (onRecord.runs.length > 1) {
    throw new DemoRefused(
      `The data directory holds several demo organisations (${onRecord.runs.map(describe).join('; ')}); use a new DATA_DIR.`,
    );
  }
  const [existing] = onRecord.runs;
  if (!existing) return { seed: asked.seed ?? defaults.seed, asOf: asked.asOf ?? defaults.asOf };
  const conflicts = [
    ...(asked.seed !== undefined && asked.seed !== existing.seed ? [`--seed ${asked.seed}`] : []),
    ...(asked.asOf !== undefined && asked.asOf !== existing.asOf ? [`--as-of ${asked.asOf}`] : []),
  ];
  if (conflicts.length) {
    throw new DemoRefused(
      `The data directory holds the demo organisation of ${describe(existing)}; ${conflicts.join(' and ')} would make another one. Use a new DATA_DIR, or leave the option out.`,
    );
  }
  return existing;
}

const describe = (run: DemoRun) => `seed ${run.seed} as of ${run.asOf}`;

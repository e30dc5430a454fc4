/**
 * What the command side's kept folds hold (npm run bench:kept-folds): KEPT_CASES offboarding
 * cases (default 10,000) under Shanghai's enterprise policy, each decoded from its own copy
 * of its events as the store gives them back, then folded and kept (event-sourcing/
 * kept-folds.ts) with the events let go, as once the stream cache has dropped them. Each
 * figure is measured in a process of its own, as the heap in a V8 snapshot (which collects
 * first) less the same process's heap before. The baseline in the same run: the decoded
 * events themselves. Printed: KiB per case, and the ratio to the baseline.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { offboardingDecider } from '../src/domain/offboarding/offboarding.decider';
import { DEFAULT_POLICIES } from '../src/domain/policy/default-policies';
import { fold } from '../src/event-sourcing/command-handler';
import { KeptFolds } from '../src/event-sourcing/kept-folds';
import { RecordedEvent } from '../src/infrastructure/event-store/event-store.port';
import { commandLine, machineLines, positiveIntFromEnv, table } from './support/machine';

const CASES = positiveIntFromEnv('KEPT_CASES', 10_000);
const policy = DEFAULT_POLICIES.find((p) => p.region === 'shanghai' && p.category === 'enterprise_regular')!;
const actor = { id: 'hr-1', role: 'hr_specialist' };

type What = 'events' | 'kept folds';
type Length = 'the opening only' | 'the opening and 2 steps';

/** A case's events as a read gives them: each case's parsed afresh, sharing nothing with another's. */
function historyOf(c: number, length: Length): RecordedEvent[] {
  const caseId = `C${c}`;
  const opening = offboardingDecider.decide(
    {
      type: 'OpenCase',
      data: {
        caseId,
        employeeId: `E${c}`,
        reason: 'dismissal',
        lastWorkingDay: '2024-06-30',
        policy,
        openedAt: '2024-06-01',
        hireDate: '2009-12-01',
        today: '2024-06-01',
      },
    },
    offboardingDecider.initialState,
  );
  const steps =
    length === 'the opening only'
      ? []
      : ['approval', 'handover'].map((step) => ({ type: 'StepCompleted', data: { step, effectiveDate: '2024-06-20', actor } }));
  return [...opening, ...steps].map((e, revision) => ({
    id: `${caseId}-${revision}`,
    stream: `offboarding-${caseId}`,
    revision: BigInt(revision),
    position: BigInt(c * 10 + revision + 1),
    type: e.type,
    schemaVersion: offboardingDecider.events.versionOf(e.type),
    data: JSON.parse(JSON.stringify(e.data)) as unknown,
    metadata: { actor, recordedAt: '2024-07-10T02:00:00.000Z', hash: `hash-${caseId}-${revision}` },
  }));
}

function heapBytes(): number {
  const file = writeHeapSnapshot(join(os.tmpdir(), `kept-folds-${process.pid}.heapsnapshot`));
  try {
    const snapshot = JSON.parse(readFileSync(file, 'utf8')) as { snapshot: { meta: { node_fields: string[] } }; nodes: number[] };
    const fields = snapshot.snapshot.meta.node_fields;
    const selfSize = fields.indexOf('self_size');
    let total = 0;
    for (let i = selfSize; i < snapshot.nodes.length; i += fields.length) total += snapshot.nodes[i];
    return total;
  } finally {
    rmSync(file, { force: true });
  }
}

/** What the measured child holds on to (a local no longer read may be collected before the snapshot). */
let _held: unknown;

/** In a child: the heap `what` holds for CASES cases of `length`, in bytes, on stdout. */
function measure(what: What, length: Length): void {
  fold(offboardingDecider, historyOf(-1, length)); // code loaded and the policy's snapshot shared before the first look
  const before = heapBytes();
  let histories = Array.from({ length: CASES }, (_, c) => historyOf(c, length));
  const folds = new KeptFolds(Number.MAX_SAFE_INTEGER);
  if (what === 'kept folds') {
    for (const history of histories) {
      folds.keep(history[0].stream, offboardingDecider, { state: fold(offboardingDecider, history), last: history.at(-1)! }, history);
    }
    histories = [];
  }
  _held = [folds, histories]; // reachable while the heap is looked at
  process.stdout.write(String(heapBytes() - before));
}

function main(): void {
  const [what, length] = process.argv.slice(2) as [What?, Length?];
  if (what && length) return measure(what, length);
  console.log(
    [
      ...machineLines(commandLine('bench:kept-folds', ['KEPT_CASES'])),
      `workload:   ${CASES.toLocaleString('en-US')} cases, Shanghai enterprise policy (${JSON.stringify(policy).length.toLocaleString('en-US')} B of JSON)`,
      '',
    ].join('\n'),
  );
  const rows: string[][] = [];
  for (const length of ['the opening only', 'the opening and 2 steps'] as Length[]) {
    const kib: Record<What, number> = { events: 0, 'kept folds': 0 };
    for (const what of ['events', 'kept folds'] as What[]) {
      const child = spawnSync(process.execPath, [...process.execArgv, __filename, what, length], { encoding: 'utf8', env: process.env });
      if (child.status !== 0) throw new Error(`${what}, ${length}: ${child.stderr}`);
      kib[what] = Number(child.stdout) / CASES / 1024;
    }
    rows.push([length, kib.events.toFixed(1), kib['kept folds'].toFixed(1), `${((kib['kept folds'] / kib.events) * 100).toFixed(1)} %`]);
  }
  console.log(table(['case', 'decoded events KiB/case (baseline)', 'kept fold KiB/case', 'of baseline'], rows));
}

main();

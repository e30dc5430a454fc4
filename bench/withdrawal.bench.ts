/**
 * Withdrawing a step's pending reminders (npm run bench:withdrawal): WITHDRAWAL_CASES
 * cases (default 3,000) with 9 steps of 8 reminders each, ~925 B of JSON a message
 * like the reminder reactor's (Chinese and English text), in a real
 * ReadStoreOutbox on a SQLite read store. Each case then has 3 of its steps'
 * reminders withdrawn, as a completed step does (ReadStoreOutbox.cancelPending: one
 * ReadStore.updateAllUnder), and, as the baseline in the same run, 3 others the way
 * a process would do it through the port's other methods: read the messages under
 * the prefix, then a compare-and-set of each (replaceIf on its version and state).
 * The two ways alternate case by case, so that neither runs on a colder file.
 * Printed: µs per withdrawal, and the ratio to the baseline.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { SqliteReadStore } from '../src/infrastructure/read-store/sqlite/sqlite-read-store';
import { OUTBOX_MESSAGES, QueuedMessage, ReadStoreOutbox } from '../src/notifications/delivery/read-store-outbox';
import { OutboundMessage } from '../src/notifications/outbound-message';
import { commandLine, fmt, machineLines, positiveIntFromEnv, table } from './support/machine';

const CASES = positiveIntFromEnv('WITHDRAWAL_CASES', 3_000);
const STEPS = 9;
const PER_STEP = 8;
const WITHDRAWN_STEPS = 3;

const prefixOf = (c: number, step: number) => `reminder:C${String(c).padStart(6, '0')}:step${step}:`;

function messagesOf(c: number): OutboundMessage[] {
  const text = {
    zh: '请在截止日前完成社保转出（减员），再办理退工登记，以免断缴。'.repeat(4),
    en: 'Please complete the social-insurance transfer-out before registering the end of the labour relationship. '.repeat(3),
  };
  const messages: OutboundMessage[] = [];
  for (let step = 0; step < STEPS; step++) {
    for (let k = 0; k < PER_STEP; k++) {
      messages.push({
        id: `${prefixOf(c, step)}before-${k}`,
        kind: 'reminder',
        notBefore: '2030-07-01T01:00:00Z',
        audience: [{ kind: 'role', role: 'hr_specialist', department: 'finance' }],
        title: { zh: '社保转出', en: 'Social-insurance transfer-out' },
        text,
        caseId: `C${c}`,
        step: `step${step}`,
        payload: { due: '2030-07-15', remindOn: '2030-07-01' },
      });
    }
  }
  return messages;
}

/** The baseline: read under the prefix, then one compare-and-set per pending message. */
async function readThenReplace(reads: SqliteReadStore, prefix: string): Promise<number> {
  const found = await reads.find<QueuedMessage>(OUTBOX_MESSAGES, { filter: { id: { $gte: prefix, $lt: `${prefix}\uffff` } } });
  let replaced = 0;
  for (const queued of found.filter((m) => m.state === 'pending')) {
    const doc = { ...queued, state: 'cancelled', version: queued.version + 1 };
    if (await reads.replaceIf(OUTBOX_MESSAGES, doc, { version: queued.version, state: 'pending' })) replaced++;
  }
  return replaced;
}

interface Way {
  label: string;
  withdraw: (c: number, step: number) => Promise<number>;
  firstStep: number;
  ms: number;
  withdrawn: number;
}

/** Case by case, each way in turn on its own steps of the case. */
async function alternate(ways: Way[]): Promise<void> {
  for (let c = 0; c < CASES; c++) {
    for (const way of ways) {
      const started = performance.now();
      for (let s = way.firstStep; s < way.firstStep + WITHDRAWN_STEPS; s++) way.withdrawn += await way.withdraw(c, s);
      way.ms += performance.now() - started;
    }
  }
}

async function main(): Promise<void> {
  for (const line of machineLines(commandLine('bench:withdrawal', ['WITHDRAWAL_CASES']))) console.log(line);
  const dir = mkdtempSync(join(os.tmpdir(), 'bench-withdrawal-'));
  const reads = new SqliteReadStore(join(dir, 'read-models.db'), () => undefined);
  try {
    const outbox = new ReadStoreOutbox(reads, () => new Date('2030-06-01T00:00:00Z'));
    await outbox.ensureCollections();
    for (let c = 0; c < CASES; c++) await outbox.enqueue(messagesOf(c));
    const size = JSON.stringify((await reads.find<QueuedMessage>(OUTBOX_MESSAGES, { limit: 1 }))[0]).length;
    console.log(
      `workload:   ${fmt(CASES)} cases x ${STEPS} steps x ${PER_STEP} pending reminders (${fmt(CASES * STEPS * PER_STEP)} messages, ${fmt(size)} B of JSON each); ${WITHDRAWN_STEPS} steps of each case withdrawn per way`,
    );
    const baseline: Way = {
      label: 'read, then replaceIf each (baseline)',
      withdraw: (c, s) => readThenReplace(reads, prefixOf(c, s)),
      firstStep: 0,
      ms: 0,
      withdrawn: 0,
    };
    const oneWrite: Way = {
      label: 'cancelPending: one updateAllUnder',
      withdraw: (c, s) => outbox.cancelPending(prefixOf(c, s)),
      firstStep: WITHDRAWN_STEPS,
      ms: 0,
      withdrawn: 0,
    };
    await alternate([baseline, oneWrite]);
    const withdrawals = CASES * WITHDRAWN_STEPS;
    const microsEach = (way: Way) => (way.ms * 1000) / withdrawals;
    for (const way of [baseline, oneWrite]) {
      if (way.withdrawn !== withdrawals * PER_STEP)
        throw new Error(`${way.label}: withdrew ${way.withdrawn}, expected ${withdrawals * PER_STEP}`);
    }
    console.log(
      table(
        ['withdrawal', 'withdrawals', 'messages', 'µs each', 'of baseline'],
        [baseline, oneWrite].map((way) => [
          way.label,
          fmt(withdrawals),
          fmt(way.withdrawn),
          fmt(microsEach(way)),
          `${((microsEach(way) / microsEach(baseline)) * 100).toFixed(1)} %`,
        ]),
      ),
    );
  } finally {
    await reads.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();

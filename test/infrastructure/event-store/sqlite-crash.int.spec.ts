/**
 * kill -9 in the middle of a stream of appends: no acknowledged event is lost, no
 * batch is left half-written, and the file takes new appends afterwards. Five rounds
 * on one file, each child continuing from what the previous round left.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { RecordedEvent, WrongExpectedRevisionError } from '../../../src/infrastructure/event-store/event-store.port';
import { SqliteEventStore } from '../../../src/infrastructure/event-store/sqlite/sqlite-event-store';

const ROUNDS = 5;
const ROOT = join(__dirname, '../../..');
const CHILD = join(ROOT, 'test/support/append-until-killed.ts');

interface Marker {
  batch: string;
  size: number;
  index: number;
}

interface RoundFigures {
  round: number;
  killAfterMs: number;
  acks: number;
  inFlightCommitted: boolean;
  events: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs the child until it has acknowledged at least one batch, lets it go on for
 * 100-600 ms, kills it with SIGKILL and returns the batch ids it acknowledged.
 */
async function appendUntilKilled(file: string, round: number): Promise<{ acks: string[]; killAfterMs: number }> {
  // Jest's transform does not reach a spawned process: the child compiles itself with ts-node.
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', CHILD, file, String(round)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acks: string[] = [];
  let partial = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  const firstAck = new Promise<void>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      // Only a complete line is an acknowledgement.
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      acks.push(...lines);
      if (acks.length > 0) resolve();
    });
    void closed.then(({ code }) => reject(new Error(`child exited (code ${code}) before acknowledging anything:\n${stderr}`)));
  });

  try {
    await firstAck;
    const killAfterMs = 100 + Math.floor(Math.random() * 500);
    await sleep(killAfterMs);
    child.kill('SIGKILL');
    const { code, signal } = await closed;
    if (signal !== 'SIGKILL') throw new Error(`child ended by itself (code ${code}) before the kill:\n${stderr}`);
    return { acks, killAfterMs };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

/** Everything wrong with the log, as readable lines (empty when the log is sound). */
function problemsIn(log: RecordedEvent[]): string[] {
  const problems: string[] = [];
  for (let i = 1; i < log.length; i++) {
    if (log[i].position <= log[i - 1].position) problems.push(`position ${log[i].position} after ${log[i - 1].position}`);
  }
  const byStream = groupBy(log, (e) => e.stream);
  for (const [stream, events] of byStream) {
    events.forEach((e, i) => {
      if (e.revision !== BigInt(i)) problems.push(`${stream}: event #${i} has revision ${e.revision}`);
    });
  }
  for (const [batch, events] of batchesIn(log)) {
    const { size } = events[0].data as Marker;
    if (events.length !== size) problems.push(`batch ${batch}: ${events.length} of ${size} events`);
    events.forEach((e, i) => {
      const marker = e.data as Marker;
      if (marker.index !== i || e.stream !== events[0].stream || e.revision !== events[0].revision + BigInt(i)) {
        problems.push(`batch ${batch}: event #${i} is index ${marker.index} at ${e.stream}@${e.revision}`);
      }
    });
  }
  return problems;
}

function batchesIn(log: RecordedEvent[]): Map<string, RecordedEvent[]> {
  return groupBy(log, (e) => (e.data as Marker).batch);
}

function groupBy<K>(log: RecordedEvent[], key: (e: RecordedEvent) => K): Map<K, RecordedEvent[]> {
  const groups = new Map<K, RecordedEvent[]>();
  for (const e of log) {
    const group = groups.get(key(e));
    if (group) group.push(e);
    else groups.set(key(e), [e]);
  }
  return groups;
}

/** Appends one event to each stream at its last revision; a stale expected revision is still refused. */
async function appendAfterCrash(store: SqliteEventStore, log: RecordedEvent[], round: number): Promise<string[]> {
  const batches: string[] = [];
  for (const [stream, events] of groupBy(log, (e) => e.stream)) {
    const last = events[events.length - 1].revision;
    const batch = `check-r${round}-${stream}`;
    const event = { id: uuidv7(), type: 'CrashTestChecked', schemaVersion: 1, data: { batch, size: 1, index: 0 }, metadata: {} };
    await expect(store.appendToStream(stream, last - 1n, [event])).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    await expect(store.appendToStream(stream, last, [event])).resolves.toMatchObject({ nextExpectedRevision: last + 1n });
    batches.push(batch);
  }
  return batches;
}

describe('SqliteEventStore killed with SIGKILL while appending', () => {
  const dir = mkdtempSync(join(tmpdir(), 'es-crash-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged batch, never a partial one, and takes appends afterwards, round after round', async () => {
    const file = join(dir, 'events.db');
    // Batches seen in the file after an earlier round: they must stay there.
    const known = new Set<string>();
    const figures: RoundFigures[] = [];

    for (let round = 1; round <= ROUNDS; round++) {
      const { acks, killAfterMs } = await appendUntilKilled(file, round);
      const store = new SqliteEventStore({ file });
      try {
        const log = await store.readAll();
        expect(problemsIn(log)).toEqual([]);

        const present = new Set(batchesIn(log).keys());
        expect([...known, ...acks].filter((b) => !present.has(b))).toEqual([]);
        // Batch n starts only after batch n-1 was acknowledged: the one in flight may or may not have committed.
        const inFlight = `r${round}-b${acks.length}`;
        const acked = new Set(acks);
        expect([...present].filter((b) => !known.has(b) && !acked.has(b) && b !== inFlight)).toEqual([]);

        for (const batch of [...present, ...(await appendAfterCrash(store, log, round))]) known.add(batch);
        figures.push({ round, killAfterMs, acks: acks.length, inFlightCommitted: present.has(inFlight), events: log.length });
      } finally {
        await store.close();
      }
    }

    console.log(
      figures
        .map(
          (f) =>
            `round ${f.round}: killed ${f.killAfterMs} ms after the first ack, ${f.acks} acks, ` +
            `in-flight batch committed: ${f.inFlightCommitted}, ${f.events} events in the file`,
        )
        .join('\n'),
    );
  }, 30_000);
});

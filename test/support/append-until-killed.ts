/**
 * Child process of sqlite-crash.int.spec.ts: appends batches of 1..50 events to a
 * few streams of a SqliteEventStore until it is killed, and prints each batch id
 * on stdout once its append has resolved (the acknowledgement).
 *
 * node -r ts-node/register/transpile-only test/support/append-until-killed.ts <file> <round>
 */
import { v7 as uuidv7 } from 'uuid';
import { ExpectedRevision } from '../../src/infrastructure/event-store/event-store.port';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';

const STREAMS = ['crash-a', 'crash-b', 'crash-c'];
const MAX_BATCH = 50;

async function main(file: string, round: string): Promise<void> {
  const store = new SqliteEventStore({ file });
  // Earlier rounds left events behind: continue each stream from its last revision.
  const revisions = new Map<string, ExpectedRevision>();
  for (const stream of STREAMS) {
    const [last] = await store.readStream(stream, { direction: 'backwards', maxCount: 1 });
    revisions.set(stream, last?.revision ?? 'no_stream');
  }

  for (let n = 0; ; n++) {
    const stream = STREAMS[Math.floor(Math.random() * STREAMS.length)];
    const batch = `r${round}-b${n}`;
    const size = 1 + Math.floor(Math.random() * MAX_BATCH);
    const events = Array.from({ length: size }, (_, index) => ({
      id: uuidv7(),
      type: 'CrashTestAppended',
      schemaVersion: 1,
      data: { batch, size, index },
      metadata: { source: 'crash-test' },
    }));
    const result = await store.appendToStream(stream, revisions.get(stream) ?? 'no_stream', events);
    revisions.set(stream, result.nextExpectedRevision);
    // Writes to a pipe are synchronous on Linux: once this returns, the parent can read the ack.
    process.stdout.write(`${batch}\n`);
  }
}

const [file, round] = process.argv.slice(2);
if (!file || !round) {
  console.error('usage: append-until-killed.ts <file> <round>');
  process.exit(2);
}
main(file, round).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

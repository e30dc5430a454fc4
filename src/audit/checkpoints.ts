import { toEnvelopes } from '../event-sourcing/envelope';
import { EventStore } from '../infrastructure/event-store/event-store.port';
import { ChainHeads } from './chain-heads';
import {
  CHECKPOINT_EVENT,
  CHECKPOINT_FORMAT,
  CHECKPOINT_SCHEMA_VERSION,
  CHECKPOINT_STREAM,
  ChainHeadsCheckpointed,
  checkpointProblem,
  signCheckpoint,
} from './chain-heads-checkpoint';
import { SigningKey } from './signing-key';
import { logPages } from './stored-events';

/** The store no longer matches the previous checkpoint: a new one would bless the change (HTTP 409). */
export class CheckpointRefused extends Error {
  readonly code = 'CHECKPOINT_REFUSED';
}

/** A checkpoint and the heads list it signs, as exported for an auditor to keep (GET /api/audit/checkpoints/latest). */
export interface ExportedCheckpoint {
  checkpoint: ChainHeadsCheckpointed;
  publicKey: string;
  /** `<stream> <revision> <hash>` per stream, sorted: their lines (each with \n) hash to `checkpoint.digest`. */
  heads: string[];
}

/** The heads of every stream over the log up to and including `position`, read page by page. */
export async function headsAt(store: EventStore, position: bigint): Promise<ChainHeads> {
  const heads = new ChainHeads();
  for await (const page of logPages(store)) {
    for (const e of page) {
      if (e.position > position) return heads;
      heads.record(e.stream, e.revision, e.metadata.hash);
    }
  }
  return heads;
}

/**
 * Signs the chain heads of the log as it is now and appends them to the
 * checkpoint stream: `stored` is read as stored (the form the chains cover),
 * `append` is where the application writes. Refused when the heads at the
 * previous checkpoint no longer match it. One full read of the log: for
 * 10 million events that is minutes, acceptable for an hourly checkpoint.
 */
export async function takeCheckpoint(
  stored: EventStore,
  append: EventStore,
  key: SigningKey,
  now: Date,
): Promise<{ checkpoint: ChainHeadsCheckpointed; position: bigint }> {
  const [previousEvent] = await stored.readStream(CHECKPOINT_STREAM, { direction: 'backwards', maxCount: 1 });
  const previous = previousEvent ? trusted(previousEvent.data, key) : null;
  if (previous) {
    const then = await headsAt(stored, BigInt(previous.position));
    if (then.digest() !== previous.digest || then.events !== previous.events) {
      throw new CheckpointRefused(
        `The chain heads up to position ${previous.position} no longer match the checkpoint of ${previous.takenAt}: verify the store (GET /api/audit/verify) before taking another.`,
      );
    }
  }
  const position = await stored.headPosition();
  const heads = await headsAt(stored, position);
  const checkpoint = signCheckpoint(
    {
      format: CHECKPOINT_FORMAT,
      position: position.toString(),
      streams: heads.streams,
      events: heads.events,
      digest: heads.digest(),
      takenAt: now.toISOString(),
      previous: previous ? { position: previous.position, digest: previous.digest } : null,
    },
    key,
  );
  const context = {
    actor: { id: 'audit-checkpoints', role: 'system' },
    recordedAt: now,
    correlationId: `checkpoint-${position}`,
    source: 'system' as const,
  };
  const prevHash = typeof previousEvent?.metadata.hash === 'string' ? previousEvent.metadata.hash : null;
  const envelopes = toEnvelopes(
    CHECKPOINT_STREAM,
    [{ type: CHECKPOINT_EVENT, data: checkpoint }],
    context,
    prevHash,
    () => CHECKPOINT_SCHEMA_VERSION,
  );
  const result = await append.appendToStream(CHECKPOINT_STREAM, previousEvent ? previousEvent.revision : 'no_stream', envelopes);
  return { checkpoint, position: result.position };
}

/** The latest checkpoint with its heads list recomputed from the log; null when none was taken. Refused when the log no longer matches it. */
export async function exportLatestCheckpoint(stored: EventStore, key: SigningKey): Promise<ExportedCheckpoint | null> {
  const [event] = await stored.readStream(CHECKPOINT_STREAM, { direction: 'backwards', maxCount: 1 });
  if (!event) return null;
  const checkpoint = trusted(event.data, key);
  const heads = await headsAt(stored, BigInt(checkpoint.position));
  if (heads.digest() !== checkpoint.digest)
    throw new CheckpointRefused(
      `The log no longer matches the checkpoint of ${checkpoint.takenAt}: verify the store (GET /api/audit/verify).`,
    );
  return { checkpoint, publicKey: key.publicKeyPem, heads: heads.lines().map((line) => line.slice(0, -1)) };
}

function trusted(data: unknown, key: SigningKey): ChainHeadsCheckpointed {
  const problem = checkpointProblem(data, key.publicKeyPem);
  if (problem) throw new CheckpointRefused(`The latest checkpoint cannot be trusted: ${problem}.`);
  return data as ChainHeadsCheckpointed;
}

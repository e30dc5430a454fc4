import { EventStore, RecordedEvent } from '../infrastructure/event-store/event-store.port';
import { ChainHeads } from './chain-heads';
import { CHECKPOINT_EVENT, CHECKPOINT_STREAM, ChainHeadsCheckpointed, checkpointProblem } from './chain-heads-checkpoint';
import { CHAIN_PROBLEMS, ChainCursor } from './chain-verifier';
import { referencesOf } from './stream-references';
import { logPages, streamPages } from './stored-events';

/** What kind of break was found: a chain's own (chain-verifier.ts), or one only the whole store shows. */
export const BREAK_REASONS = [...CHAIN_PROBLEMS, 'position_gap', 'missing_stream', 'checkpoint_mismatch', 'checkpoint_invalid'] as const;
export type BreakReason = (typeof BREAK_REASONS)[number];

/** The global log, for breaks that belong to no one stream (position gaps): `revision` is then the first missing position. */
export const GLOBAL_LOG = '$all';

export interface BrokenChain {
  stream: string;
  revision: number;
  reason: BreakReason;
  /** The same as `reason`; the name of the field before there were reasons beyond a chain's own. */
  problem: BreakReason;
  detail: string;
}

/** The answer of GET /api/audit/verify (docs/API.md, Audit). */
export interface VerificationReport {
  ok: boolean;
  streamsChecked: number;
  eventsChecked: number;
  /** The first break found walking the log (a stream's chain counts where the stream first appears). Null when ok. */
  firstBroken: BrokenChain | null;
  /** Whole store only: what may be harmless but deserves a look (a case reserved whose stream does not exist). */
  warnings?: string[];
  /** Whole store only: the latest checkpoint the chain heads were compared with, null when there is none (or no key to trust it with). */
  checkpoint?: { position: string; takenAt: string } | null;
}

/** One stream, page by page in revision order; its positions in the log must grow with its revisions. */
export async function verifyStream(store: EventStore, stream: string): Promise<VerificationReport> {
  const cursor = new ChainCursor();
  for await (const page of streamPages(store, stream)) for (const event of page) cursor.check(event);
  return {
    ok: cursor.broken === null,
    streamsChecked: cursor.events > 0 ? 1 : 0,
    eventsChecked: cursor.events,
    firstBroken: cursor.broken && brokenAt(stream, Number(cursor.broken.revision), cursor.broken.problem, cursor.broken.detail),
  };
}

export interface StoreVerificationOptions {
  /** The service's audit public key: checkpoints are compared only when signed by it. */
  publicKeyPem?: string;
}

/**
 * Every stream, each checked like a single one (so both answers agree), in the
 * order the streams first appear in the global log, read page by page; and what
 * no single chain shows (README, Reports and audit):
 * - a position handed out that holds no event (a deleted event, a stream's
 *   last included), where the store's positions are dense;
 * - a stream that another stream's event names but that does not exist;
 * - chain heads that differ from the latest signed checkpoint (an edit whose
 *   later hashes were recomputed, a truncated or deleted stream).
 * Memory holds the streams' names (and heads, when a checkpoint is compared) and one page.
 */
export async function verifyStore(store: EventStore, options: StoreVerificationOptions = {}): Promise<VerificationReport> {
  const walk = new LogWalk(store, await latestCheckpoint(store, options.publicKeyPem), await store.issuedPositions());
  for await (const page of logPages(store)) for (const event of page) await walk.visit(event, options.publicKeyPem);
  return walk.report();
}

interface FoundBreak {
  /** Where in the log the break was found: the earliest is reported. */
  at: bigint;
  broken: BrokenChain;
}

interface LatestCheckpoint {
  event: RecordedEvent;
  data: ChainHeadsCheckpointed | null;
  problem: string | null;
}

async function latestCheckpoint(store: EventStore, publicKeyPem: string | undefined): Promise<LatestCheckpoint | null> {
  if (publicKeyPem === undefined) return null;
  const [event] = await store.readStream(CHECKPOINT_STREAM, { direction: 'backwards', maxCount: 1 });
  if (!event) return null;
  const problem = checkpointProblem(event.data, publicKeyPem);
  return { event, data: problem ? null : (event.data as ChainHeadsCheckpointed), problem };
}

class LogWalk {
  private readonly seen = new Set<string>();
  private readonly breaks: FoundBreak[] = [];
  /** Streams named by an event, with the first event naming them: checked once the whole log is read. */
  private readonly named = new Map<string, { by: RecordedEvent; certain: boolean }>();
  private readonly heads: ChainHeads | null;
  private readonly checkpointAt: bigint | null;
  private headsDigest: string | null = null;
  private nextPosition: bigint | null;
  private lastPosition: bigint | null = null;
  private eventsChecked = 0;

  constructor(
    private readonly store: EventStore,
    private readonly checkpoint: LatestCheckpoint | null,
    private readonly issued: { first: bigint; last: bigint } | null,
  ) {
    this.nextPosition = issued?.first ?? null;
    this.checkpointAt = checkpoint?.data ? BigInt(checkpoint.data.position) : null;
    this.heads = this.checkpointAt === null ? null : new ChainHeads();
    if (checkpoint?.problem)
      this.found(
        checkpoint.event.position,
        brokenAt(
          CHECKPOINT_STREAM,
          Number(checkpoint.event.revision),
          'checkpoint_invalid',
          `the latest checkpoint cannot be trusted: ${checkpoint.problem}`,
        ),
      );
  }

  async visit(event: RecordedEvent, publicKeyPem: string | undefined): Promise<void> {
    this.positionFollows(event.position);
    if (this.heads && this.headsDigest === null) {
      if (event.position > this.checkpointAt!) this.headsDigest = this.heads.digest();
      else this.heads.record(event.stream, event.revision, event.metadata.hash);
    }
    for (const reference of referencesOf(event)) {
      const known = this.named.get(reference.stream);
      if (!known || (reference.certain && !known.certain)) this.named.set(reference.stream, { by: event, certain: reference.certain });
    }
    // Older checkpoints are not recomputed (the latest vouches for them), but a forged one must not pass.
    if (event.type === CHECKPOINT_EVENT && publicKeyPem !== undefined) {
      const problem = checkpointProblem(event.data, publicKeyPem);
      if (problem)
        this.found(
          event.position,
          brokenAt(event.stream, Number(event.revision), 'checkpoint_invalid', `checkpoint at revision ${event.revision}: ${problem}`),
        );
    }
    if (this.seen.has(event.stream)) return;
    this.seen.add(event.stream);
    const report = await verifyStream(this.store, event.stream);
    this.eventsChecked += report.eventsChecked;
    if (report.firstBroken) this.found(event.position, report.firstBroken);
  }

  report(): VerificationReport {
    this.logEndsWhereIssued();
    const warnings = this.missingStreams();
    this.headsMatchCheckpoint();
    const first = this.breaks.reduce<FoundBreak | null>((a, b) => (a === null || b.at < a.at ? b : a), null);
    const checkpoint = this.checkpoint?.data ? { position: this.checkpoint.data.position, takenAt: this.checkpoint.data.takenAt } : null;
    return {
      ok: first === null,
      streamsChecked: this.seen.size,
      eventsChecked: this.eventsChecked,
      firstBroken: first?.broken ?? null,
      warnings,
      checkpoint,
    };
  }

  private found(at: bigint, broken: BrokenChain): void {
    this.breaks.push({ at, broken });
  }

  /** Dense positions: each event sits at the one after the previous event's. */
  private positionFollows(position: bigint): void {
    if (this.nextPosition !== null && position > this.nextPosition) {
      const missing =
        position - 1n === this.nextPosition ? `position ${this.nextPosition}` : `positions ${this.nextPosition} to ${position - 1n}`;
      this.found(
        this.nextPosition,
        brokenAt(
          GLOBAL_LOG,
          Number(this.nextPosition),
          'position_gap',
          `${missing} of the global log hold no event, although the store hands out every position: an event was deleted (a stream's last one, or a whole stream)`,
        ),
      );
    }
    if (this.nextPosition !== null) this.nextPosition = position + 1n;
    this.lastPosition = position;
  }

  private logEndsWhereIssued(): void {
    if (!this.issued) return;
    const end = this.lastPosition ?? this.issued.first - 1n;
    if (end >= this.issued.last) return;
    this.found(
      end + 1n,
      brokenAt(
        GLOBAL_LOG,
        Number(end + 1n),
        'position_gap',
        `the store handed out positions up to ${this.issued.last}, but the log ends at ${end}: its last events were deleted`,
      ),
    );
  }

  private missingStreams(): string[] {
    const warnings: string[] = [];
    for (const [stream, { by, certain }] of this.named) {
      if (this.seen.has(stream)) continue;
      const naming = `${by.stream} revision ${by.revision} (${by.type}) names ${stream}`;
      if (certain)
        this.found(
          by.position,
          brokenAt(
            stream,
            0,
            'missing_stream',
            `${naming}, which existed before that event was written, but the stream does not exist: it was deleted`,
          ),
        );
      else
        warnings.push(
          `${naming}, but the stream does not exist: either an opening interrupted between the reservation and the case's first event (opening a case for the employee again finishes it), or a deleted stream (position gaps and checkpoints tell)`,
        );
    }
    return warnings;
  }

  private headsMatchCheckpoint(): void {
    const checkpoint = this.checkpoint?.data;
    if (!checkpoint || !this.heads) return;
    const at = this.checkpoint!.event.position;
    const where = brokenAt.bind(null, CHECKPOINT_STREAM, Number(this.checkpoint!.event.revision), 'checkpoint_mismatch');
    if (this.lastPosition === null || this.lastPosition < this.checkpointAt!) {
      this.found(
        at,
        where(
          `the checkpoint covers the log up to position ${checkpoint.position}, but the log ends at ${this.lastPosition ?? 'nothing'}: events were deleted`,
        ),
      );
      return;
    }
    const digest = this.headsDigest ?? this.heads.digest();
    if (digest === checkpoint.digest && this.heads.streams === checkpoint.streams && this.heads.events === checkpoint.events) return;
    this.found(
      at,
      where(
        `the chain heads up to position ${checkpoint.position} (${this.heads.streams} streams, ${this.heads.events} events) differ from the checkpoint signed ${checkpoint.takenAt} ` +
          `(${checkpoint.streams} streams, ${checkpoint.events} events): an event was changed and the later hashes recomputed, or events or streams were removed. ` +
          'An exported copy of the checkpoint (its heads list) names the stream.',
      ),
    );
  }
}

function brokenAt(stream: string, revision: number, reason: BreakReason, detail: string): BrokenChain {
  return { stream, revision, reason, problem: reason, detail };
}

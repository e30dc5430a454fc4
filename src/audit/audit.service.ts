import { ConflictException, ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { Principal, seesPersonalData } from '../auth/principal';
import { addDays, isIsoDate } from '../domain/shared/calendar';
import { PageQuery, pageWindow } from '../http/paging';
import { EVENT_STORE, EventStore, RecordedEvent } from '../infrastructure/event-store/event-store.port';
import { Filter, READ_STORE, ReadStore } from '../infrastructure/read-store/read-store.port';
import { RAW_EVENT_STORE } from '../infrastructure/stores.module';
import { businessDayStart } from '../infrastructure/business-day';
import { ProjectionsService } from '../projections/projections.service';
import { RefusalDocument, REFUSALS, refusals } from './refusals.projection';
import { RejectionsQuery, StreamsQuery } from './audit.dto';
import { STREAMS, streamCatalog, streamsCountFilter, streamsPageQuery, StreamSummary } from '../streams';
import { EmployeeAsOfView, RawEventPageView, RawEventView, RejectionPageView, RejectionView, StreamPageView } from './audit.view';
import { employeeAsOf } from './employee-as-of';
import { ExportedEvidence, exportEvidence } from './evidence-export';
import { archiveFor, envelopeDataFor } from './personal-data-masking';
import { CheckpointRefused, ExportedCheckpoint, exportLatestCheckpoint, takeCheckpoint } from './checkpoints';
import { SIGNING_KEY, SigningKey } from './signing-key';
import { VerificationReport, verifyStore, verifyStream } from './store-verification';

const notFound = (message: string) => new NotFoundException({ code: 'NOT_FOUND', message });

/**
 * Replay and tamper evidence for auditors. Raw envelopes and hash chains come
 * from the store as stored (RAW_EVENT_STORE: personal data sealed, the form the
 * chain covers), so verification never depends on plaintext or on keys. The
 * as-of state is folded from EVENT_STORE, which opens personal data for evolve.
 */
@Injectable()
export class AuditService {
  constructor(
    @Inject(RAW_EVENT_STORE) private readonly stored: EventStore,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly projections: ProjectionsService,
    @Inject(SIGNING_KEY) private readonly key: SigningKey,
  ) {}

  /** The stream catalog (its projection), by name, a page after `after`: what exists, how long, when it last changed. */
  async streams(query: StreamsQuery): Promise<StreamPageView> {
    const collection = this.projections.collection(streamCatalog.name, STREAMS);
    const page = { category: query.category, after: query.after, pageSize: query.pageSize ?? 50 };
    const [rows, total] = await Promise.all([
      this.reads.find<StreamSummary>(collection, streamsPageQuery(page)),
      this.reads.count(collection, streamsCountFilter(page)),
    ]);
    const items = rows
      .slice(0, page.pageSize)
      .map(({ id, category, events, lastRevision, lastPosition, lastType, firstRecordedAt, lastRecordedAt }) => ({
        stream: id,
        category,
        events,
        lastRevision,
        lastPosition,
        lastType,
        firstRecordedAt,
        lastRecordedAt,
      }));
    return { items, pageSize: page.pageSize, next: rows.length > page.pageSize ? items[items.length - 1].stream : null, total };
  }

  /** Pages by revision: page n holds the events from revision (n-1)*pageSize on. */
  async streamEvents(stream: string, query: PageQuery, principal: Principal): Promise<RawEventPageView> {
    const { page, pageSize, skip } = pageWindow(query);
    const [last] = await this.stored.readStream(stream, { direction: 'backwards', maxCount: 1 });
    if (!last) throw notFound(`No stream ${stream}`);
    const events = await this.stored.readStream(stream, { fromRevision: BigInt(skip), maxCount: pageSize });
    return { stream, items: events.map((e) => rawEvent(e, principal)), page, pageSize, total: Number(last.revision) + 1 };
  }

  async verify(stream?: string): Promise<VerificationReport> {
    if (stream === undefined) return verifyStore(this.stored, { publicKeyPem: this.key.publicKeyPem });
    const report = await verifyStream(this.stored, stream);
    if (report.eventsChecked === 0) throw notFound(`No stream ${stream}`);
    return report;
  }

  /** Signs the chain heads now (checkpoint-schedule.ts, POST /api/audit/checkpoints); 409 when the store no longer matches the last checkpoint. */
  async checkpoint(now: Date): Promise<{ position: string; checkpoint: ExportedCheckpoint['checkpoint'] }> {
    const { checkpoint, position } = await refusedAsConflict(() => takeCheckpoint(this.stored, this.events, this.key, now));
    return { position: position.toString(), checkpoint };
  }

  async latestCheckpoint(): Promise<ExportedCheckpoint> {
    const latest = await refusedAsConflict(() => exportLatestCheckpoint(this.stored, this.key));
    if (!latest) throw notFound('No checkpoint of the chain heads was taken yet (POST /api/audit/checkpoints)');
    return latest;
  }

  /**
   * The signed evidence package of one person (evidence-export.ts), as stored:
   * personal data sealed under the employee's key, which the package does not
   * hold, so a role that may not see personal data gets nothing it could read.
   * An event stored in plaintext (recorded before sealing existed) cannot be
   * masked without breaking its hash: for such a person only a role that may see
   * personal data gets the package, the others 403 PERSONAL_DATA_IN_PLAINTEXT.
   */
  async evidence(employeeId: string, principal: Principal, now: Date): Promise<ExportedEvidence & { fileName: string }> {
    const evidence = await exportEvidence(this.stored, this.key, employeeId, now);
    if (!evidence) throw notFound(`No employee ${employeeId}`);
    if (evidence.plaintextPersonalData > 0 && !seesPersonalData(principal)) {
      throw new ForbiddenException({
        code: 'PERSONAL_DATA_IN_PLAINTEXT',
        message:
          `The record of ${employeeId} holds personal data stored in plaintext (recorded before it was sealed), which the signed package cannot mask; ` +
          'ask an administrator to export it.',
      });
    }
    const stamp = evidence.header.exportedAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    return { ...evidence, fileName: `evidence-${employeeId}-${stamp}.ndjson` };
  }

  async asOf(employeeId: string, at: string, principal: Principal): Promise<EmployeeAsOfView> {
    const state = await employeeAsOf(this.events, employeeId, new Date(at));
    if (!state) throw notFound(`No employee ${employeeId}`);
    return { ...state, archive: state.archive && archiveFor(state.archive, principal) };
  }

  /** From the refusals read model, with indexed filters only (refusals.projection.ts). */
  async rejections(query: RejectionsQuery): Promise<RejectionPageView> {
    const collection = this.projections.collection(refusals.name, REFUSALS);
    const filter = rejectionFilter(query);
    const { page, pageSize, skip, limit } = pageWindow(query);
    const [docs, total] = await Promise.all([
      this.reads.find<RefusalDocument>(collection, { filter, sort: { recordedAt: 1 }, skip, limit }),
      this.reads.count(collection, filter),
    ]);
    return { items: docs.map(rejection), page, pageSize, total };
  }
}

async function refusedAsConflict<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof CheckpointRefused) throw new ConflictException({ code: error.code, message: error.message });
    throw error;
  }
}

function rejectionFilter({ from, to, actor, step, employeeId }: RejectionsQuery): Filter {
  const recordedAt: { $gte?: string; $lt?: string; $lte?: string } = {};
  // recordedAt is stored as UTC ISO-8601; a bare date is a business day, from its local midnight to the next.
  if (from) recordedAt.$gte = (isIsoDate(from) ? businessDayStart(from) : new Date(from)).toISOString();
  if (to) {
    if (isIsoDate(to)) recordedAt.$lt = businessDayStart(addDays(to, 1)).toISOString();
    else recordedAt.$lte = new Date(to).toISOString();
  }
  return {
    ...(Object.keys(recordedAt).length ? { recordedAt } : {}),
    ...(actor ? { actorId: actor } : {}),
    ...(step ? { step } : {}),
    ...(employeeId ? { employeeId } : {}),
  };
}

function rawEvent(e: RecordedEvent, principal: Principal): RawEventView {
  return {
    stream: e.stream,
    revision: Number(e.revision),
    position: e.position.toString(),
    id: e.id,
    type: e.type,
    schemaVersion: e.schemaVersion,
    data: envelopeDataFor(e.type, e.data, principal) as object,
    metadata: e.metadata,
  };
}

function rejection(doc: RefusalDocument): RejectionView {
  const { id, position, recordedAt, actorId, actorRole, command, code, message, step, action, missing, caseId, employeeId } = doc;
  return {
    id,
    position,
    recordedAt,
    actor: { id: actorId, role: actorRole },
    command,
    code,
    message,
    step,
    action,
    missing,
    caseId,
    employeeId,
  };
}

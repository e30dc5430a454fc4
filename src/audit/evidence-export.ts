import { createHash, sign } from 'node:crypto';
import { refusalLogEvents } from '../domain/audit/refusal-log';
import { reservedCaseIds } from '../domain/employee/employee.decider';
import { addMonths, earliest, IsoMonth, latest } from '../domain/shared/calendar';
import { employeeStream, insuranceStream, offboardingStream, refusalLogStream } from '../domain/shared/streams';
import { EventStore, RecordedEvent } from '../infrastructure/event-store/event-store.port';
import { EVIDENCE_FORMAT, EvidenceEvent, EvidenceHeader, EvidenceStream, line } from './evidence-format';
import { SigningKey } from './signing-key';
import { streamPages } from './stored-events';
import { businessMonth } from '../infrastructure/business-day';

export interface ExportedEvidence {
  content: Buffer;
  header: EvidenceHeader;
  /**
   * PersonalDataRecorded events stored in plaintext (recorded before sealing
   * existed): the package holds their names and ID numbers readable, and cannot
   * mask them without breaking their hashes.
   */
  plaintextPersonalData: number;
}

const NOTES = [
  "Streams with scope 'complete' hold every event up to the signed head, so a verified chain shows that no event was changed, removed or reordered, the last one included.",
  "Streams with scope 'excerpt' are monthly refusal logs (audit-<yyyy-mm>) shared with other people: only the refusals about this person are included. Each one's own hash is checked offline; the chain between them can only be verified on the whole store (GET /api/audit/verify?stream=<name>).",
  'Events are exactly as stored: personal data sealed under the employee’s key, which this package does not hold (events recorded before sealing existed hold it in plaintext; keep the file as confidential as the records).',
];

/**
 * Every event of one person's streams, as stored: the archive, the
 * social-insurance account, each offboarding case reserved in the archive, and
 * the refused commands about them. Null when the employee has no archive.
 */
export async function exportEvidence(store: EventStore, key: SigningKey, employeeId: string, now: Date): Promise<ExportedEvidence | null> {
  const archive = await readWhole(store, employeeStream(employeeId));
  if (archive.length === 0) return null;
  const caseIds = new Set(reservedCaseIds(archive));
  const complete = [archive, await readWhole(store, insuranceStream(employeeId))];
  for (const caseId of caseIds) complete.push(await readWhole(store, offboardingStream(caseId)));

  const streams: EvidenceStream[] = [];
  const events: RecordedEvent[] = [];
  for (const stream of complete.filter((s) => s.length > 0)) {
    const head = stream[stream.length - 1];
    streams.push({
      stream: head.stream,
      scope: 'complete',
      events: stream.length,
      headRevision: head.revision.toString(),
      headHash: hashOf(head),
    });
    events.push(...stream);
  }
  const about = (e: RecordedEvent) => {
    const { subjects } = refusalLogEvents.read(e).data;
    return subjects?.employeeId === employeeId || (subjects?.caseId !== undefined && caseIds.has(subjects.caseId));
  };
  for (const month of refusalMonths(events, now)) {
    const excerpt = await readExcerpt(store, refusalLogStream(month), about);
    if (!excerpt) continue;
    streams.push({
      stream: excerpt.head.stream,
      scope: 'excerpt',
      events: excerpt.events.length,
      headRevision: excerpt.head.revision.toString(),
      headHash: hashOf(excerpt.head),
    });
    events.push(...excerpt.events);
  }

  const header: EvidenceHeader = {
    kind: 'header',
    format: EVIDENCE_FORMAT,
    employeeId,
    exportedAt: now.toISOString(),
    streams,
    notes: NOTES,
  };
  const body = Buffer.from([line(header), ...events.map((e) => line(evidenceEvent(e)))].join(''), 'utf8');
  const digest = createHash('sha256').update(body).digest();
  const signature = line({
    kind: 'signature',
    algorithm: 'Ed25519',
    digest: digest.toString('hex'),
    signature: sign(null, digest, key.privateKey).toString('base64'),
    publicKey: key.publicKeyPem,
    publicKeyFingerprint: key.fingerprint,
  });
  return {
    content: Buffer.concat([body, Buffer.from(signature, 'utf8')]),
    header,
    plaintextPersonalData: events.filter(isPlaintextPersonalData).length,
  };
}

async function readWhole(store: EventStore, stream: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const page of streamPages(store, stream)) events.push(...page);
  return events;
}

/** The refusals about the person, and the stream's head; null when none is about them. Read a page at a time: the log is everyone's. */
async function readExcerpt(
  store: EventStore,
  stream: string,
  about: (e: RecordedEvent) => boolean,
): Promise<{ events: RecordedEvent[]; head: RecordedEvent } | null> {
  const events: RecordedEvent[] = [];
  let head: RecordedEvent | undefined;
  for await (const page of streamPages(store, stream)) {
    events.push(...page.filter(about));
    head = page[page.length - 1];
  }
  return events.length > 0 && head ? { events, head } : null;
}

/**
 * The refusal logs are one stream per month of recording, so only the months
 * from the person's first recorded event to now (or to their last event, if the
 * clock that recorded it ran ahead) can hold refusals about them.
 */
function refusalMonths(events: RecordedEvent[], now: Date): IsoMonth[] {
  const recorded = events
    .map((e) => e.metadata.recordedAt)
    .filter((r): r is string => typeof r === 'string')
    .map((r) => businessMonth(new Date(r)));
  if (recorded.length === 0) return [];
  const first = earliest(...recorded);
  const last = latest(businessMonth(now), ...recorded);
  const months: IsoMonth[] = [];
  for (let month = first; month <= last; month = addMonths(month, 1)) months.push(month);
  return months;
}

function evidenceEvent(e: RecordedEvent): EvidenceEvent {
  return {
    kind: 'event',
    stream: e.stream,
    revision: e.revision.toString(),
    position: e.position.toString(),
    id: e.id,
    type: e.type,
    schemaVersion: e.schemaVersion,
    data: e.data,
    metadata: e.metadata,
  };
}

/** As the sealing store tells them apart: the stored form of sealed personal data has `sealed` and nothing personal beside the employee id. */
const isPlaintextPersonalData = (e: RecordedEvent): boolean =>
  e.type === 'PersonalDataRecorded' && !(typeof e.data === 'object' && e.data !== null && 'sealed' in e.data);

const hashOf = (e: RecordedEvent): string | null => (typeof e.metadata.hash === 'string' ? e.metadata.hash : null);

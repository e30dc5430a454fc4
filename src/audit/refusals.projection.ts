import { refusalLogEvents } from '../domain/audit/refusal-log';
import { parseStream } from '../domain/shared/streams';
import { RecordedEvent } from '../infrastructure/event-store/event-store.port';
import { ReadDocument } from '../infrastructure/read-store/read-store.port';
import { Projection, ProjectionView } from '../projections/projection';

/** One document per refused command (guardrail hit), for the dashboard, timelines and auditors. */
export interface RefusalDocument extends ReadDocument {
  /** The refusal event's id. */
  id: string;
  position: string;
  recordedAt: string;
  actorId: string;
  actorRole: string;
  command: string;
  code: string;
  message: string;
  step: string | null;
  action: string | null;
  missing: string[];
  caseId: string | null;
  employeeId: string | null;
}

export const REFUSALS = 'refusals';

export const refusals: Projection = {
  name: 'refusals',
  version: 1,
  collections: {
    [REFUSALS]: [
      { fields: ['recordedAt'] },
      { fields: ['employeeId', 'recordedAt'] },
      { fields: ['caseId'] },
      { fields: ['step', 'recordedAt'] },
      { fields: ['actorId', 'recordedAt'] },
    ],
  },
  async handle(event: RecordedEvent, view: ProjectionView): Promise<void> {
    if (parseStream(event.stream)?.kind !== 'refusalLog') return;
    const { data } = refusalLogEvents.read(event);
    const actor = (event.metadata.actor ?? {}) as { id?: string; role?: string };
    view.upsert(REFUSALS, {
      id: event.id,
      position: event.position.toString(),
      recordedAt: String(event.metadata.recordedAt),
      actorId: actor.id ?? 'unknown',
      actorRole: actor.role ?? 'unknown',
      command: data.command,
      code: data.code,
      message: data.message,
      step: data.step ?? null,
      action: data.action ?? null,
      missing: data.missing ?? [],
      caseId: data.subjects.caseId ?? null,
      employeeId: data.subjects.employeeId ?? null,
    } satisfies RefusalDocument);
  },
};

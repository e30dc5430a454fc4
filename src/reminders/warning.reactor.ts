import { refusalLogEvents } from '../domain/audit/refusal-log';
import { refusalWarning } from '../domain/notifications/refusal-warning';
import { offboardingDecider } from '../domain/offboarding/offboarding.decider';
import { offboardingStream, parseStream } from '../domain/shared/streams';
import { loadState } from '../event-sourcing/command-handler';
import { Clock } from '../infrastructure/clock';
import { EventStore, RecordedEvent } from '../infrastructure/event-store/event-store.port';
import { Outbox } from '../notifications';
import { Projection, ProjectionView } from '../projections/projection';
import { notTooLate } from './late-messages';
import { recordedAtOf } from './reminder.reactor';

/**
 * Warns the operator and the hr_manager of a refused command as soon as the
 * refusal is recorded (refusal-warning.ts decides). The case's pinned policy
 * gives the step titles and the department; it never changes, so a replay
 * decides the same warning, under the same id (from the refusal's event id).
 * A refusal replayed long after it was recorded warns nobody (late-messages.ts).
 */
export function warningReactor(events: EventStore, outbox: Outbox, clock: Clock): Projection {
  return {
    name: 'refusal_warnings',
    version: 1,
    collections: {},
    idempotent: true,
    eventTypes: ['CommandRefused'],
    async handle(stored: RecordedEvent, view: ProjectionView): Promise<void> {
      if (parseStream(stored.stream)?.kind !== 'refusalLog' || stored.type !== 'CommandRefused') return;
      if (notTooLate([{ notBefore: recordedAtOf(stored) }], clock).length === 0) return;
      const { data: refusal } = refusalLogEvents.read(stored);
      const caseId = refusal.subjects.caseId;
      const state = caseId ? await loadState(events, offboardingStream(caseId), offboardingDecider) : undefined;
      const actor = stored.metadata.actor as { id: string; role: string } | undefined;
      const warning = refusalWarning(
        { eventId: stored.id, recordedAt: recordedAtOf(stored), actor, refusal },
        state && state.status !== 'none' ? state : undefined,
      );
      outbox.inBatch(view).enqueue([warning]);
    },
  };
}

import { Logger } from '@nestjs/common';
import { Refusal, refusalLog } from '../domain/audit/refusal-log';
import { refusalLogStream } from '../domain/shared/streams';
import { handleCommand } from '../event-sourcing/command-handler';
import { CommandContext } from '../event-sourcing/envelope';
import { EventStore } from '../infrastructure/event-store/event-store.port';
import { businessMonth } from '../infrastructure/business-day';

const logger = new Logger('Refusals');

/**
 * Appends a refused command to this month's audit stream. Many refusals may race
 * for the same stream (and its hash chain), so it retries far more than a normal
 * command; losing a refusal would hide a blocked mistake from the dashboard.
 */
export async function recordRefusal(events: EventStore, context: CommandContext, refusal: Refusal): Promise<void> {
  const stream = refusalLogStream(businessMonth(context.recordedAt));
  try {
    await handleCommand(
      events,
      stream,
      refusalLog,
      { type: 'RecordRefusal', data: refusal },
      { ...context, idempotencyKey: undefined },
      { maxAttempts: 200, lastEventOnly: true },
    );
  } catch (error) {
    // The caller still gets its 409; the failure to record it must be visible to operators.
    logger.error({
      msg: 'could not record a refused command',
      code: refusal.code,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

/** What a refused command was about; a case's `employeeId` is looked up on refusal when the command names only the case. */
export type RefusalSubject = Omit<Refusal, 'code' | 'message' | 'missing'>;

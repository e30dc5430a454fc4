import { Logger } from '@nestjs/common';
import { DomainError } from '../domain/decider';
import { Refusal, refusalLog, refusalLogStream } from '../domain/audit/refusal-log';
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
    await handleCommand(events, stream, refusalLog, { type: 'RecordRefusal', data: refusal }, { ...context, idempotencyKey: undefined }, { maxAttempts: 200, lastEventOnly: true });
  } catch (error) {
    // The caller still gets its 409; the failure to record it must be visible to operators.
    logger.error({ msg: 'could not record a refused command', code: refusal.code, error: error instanceof Error ? error.message : String(error) });
  }
}

/** What a refused command was about; `employeeId` may be found only after the refusal (the case's employee). */
export type RefusalSubject = Omit<Refusal, 'code' | 'message' | 'missing'>;

/**
 * Runs a command and, when a domain rule refuses it, records the refusal before
 * the error goes on to the caller (docs/DESIGN.md: blocked mistakes are part of the
 * record). The one wrapper every application service uses, so that no command
 * can be refused without a trace. `about` may be a function, for a subject that
 * costs a read to find and is needed only on refusal.
 */
export async function refusalsRecorded<T>(events: EventStore, context: CommandContext, about: RefusalSubject | (() => Promise<RefusalSubject>), run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof DomainError) {
      const missing = Array.isArray(error.details.missing) ? (error.details.missing as string[]) : undefined;
      const subject = typeof about === 'function' ? await about() : about;
      await recordRefusal(events, context, { ...subject, code: error.code, message: error.message, ...(missing ? { missing } : {}) });
    }
    throw error;
  }
}

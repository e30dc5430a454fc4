import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditedCommand } from '../../application/audited-command';
import { employeeDecider } from '../../domain/employee/employee.decider';
import { CommandResult, handleCommand, loadState } from '../../event-sourcing/command-handler';
import { CommandContext } from '../../event-sourcing/envelope';
import { businessDate } from '../../infrastructure/business-day';
import { EVENT_STORE, EventStore } from '../../infrastructure/event-store/event-store.port';
import { KEY_STORE, KeyStore } from '../../infrastructure/key-store/key-store.port';
import { employeeStream } from '../../domain/shared/streams';

/** Erases name, ID number and contact data by destroying the employee's key (crypto-shredding). */
export class ErasePersonalData implements AuditedCommand {
  constructor(
    readonly employeeId: string,
    readonly context: CommandContext,
  ) {}

  /** A refused erasure is a blocked mistake worth keeping; its message holds no personal data. */
  refusal() {
    return { command: 'ErasePersonalData', subjects: { employeeId: this.employeeId } };
  }
}

@CommandHandler(ErasePersonalData)
export class ErasePersonalDataHandler implements ICommandHandler<ErasePersonalData, CommandResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
  ) {}

  /**
   * The archive decides (employed? retention period over?) and records
   * PersonalDataErased; only then is the key destroyed. The other order could
   * destroy data whose erasure the archive then refuses or never records (a lost
   * race, a store failing between the two). If the destruction fails, the
   * request fails (503) with the erasure recorded and profiles already showing
   * it; repeating the request decides nothing new (erasing is idempotent) and
   * destroys the key, so a retry finishes the erasure.
   *
   * The key goes only when the archive, read again, records the erasure. A
   * request whose Idempotency-Key an earlier command on this archive used (a
   * hire, a correction of personal data) is answered with what that command
   * wrote and decides nothing (command-handler.ts): destroying the key then
   * made the data unreadable while the archive said it was kept, so that a
   * profile rebuilt from the log lost the name that the live one showed.
   */
  async execute({ employeeId, context }: ErasePersonalData): Promise<CommandResult> {
    const today = businessDate(context.recordedAt);
    const result = await handleCommand(
      this.events,
      employeeStream(employeeId),
      employeeDecider,
      { type: 'ErasePersonalData', data: { today } },
      context,
    );
    const archive = await loadState(this.events, employeeStream(employeeId), employeeDecider);
    if (archive.status !== 'none' && archive.personalDataErased) await this.keys.destroy(employeeId);
    return result;
  }
}

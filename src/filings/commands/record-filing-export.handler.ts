import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditedCommand } from '../../application/audited-command';
import { FilingExported, filingLog } from '../../domain/filing/filing-log.decider';
import { filingStream } from '../../domain/shared/streams';
import { CommandResult, handleCommand } from '../../event-sourcing/command-handler';
import { CommandContext } from '../../event-sourcing/envelope';
import { EVENT_STORE, EventStore } from '../../infrastructure/event-store/event-store.port';

/** Records that a bureau file left the service (domain/filing/filing-log.decider.ts). */
export class RecordFilingExport implements AuditedCommand {
  constructor(
    readonly exported: FilingExported['data'],
    readonly context: CommandContext,
  ) {}

  refusal() {
    return { command: 'RecordFilingExport', subjects: {} };
  }
}

@CommandHandler(RecordFilingExport)
export class RecordFilingExportHandler implements ICommandHandler<RecordFilingExport, CommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  execute({ exported, context }: RecordFilingExport): Promise<CommandResult> {
    // Append-only: only the last event is read, for the revision and the hash chain.
    return handleCommand(this.events, filingStream(exported.region), filingLog, { type: 'RecordFilingExport', data: exported }, context, {
      lastEventOnly: true,
    });
  }
}

import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditedCommand } from '../../application/audited-command';
import { REACTOR_ATTEMPTS } from '../../application/reactor-attempts';
import { employeeDecider } from '../../domain/employee/employee.decider';
import { employeeStream } from '../../domain/shared/streams';
import { CommandResult, handleCommand } from '../../event-sourcing/command-handler';
import { CommandContext } from '../../event-sourcing/envelope';
import { EVENT_STORE, EventStore } from '../../infrastructure/event-store/event-store.port';

/** Releases the archive's one-open-case lock once the case completed or was cancelled (sent by the offboarding process manager). */
export class ReleaseOffboardingLock implements AuditedCommand {
  constructor(
    readonly employeeId: string,
    readonly caseId: string,
    readonly outcome: 'completed' | 'cancelled',
    readonly context: CommandContext,
  ) {}

  refusal() {
    return { command: 'ReleaseOffboarding', subjects: { caseId: this.caseId, employeeId: this.employeeId } };
  }
}

@CommandHandler(ReleaseOffboardingLock)
export class ReleaseOffboardingLockHandler implements ICommandHandler<ReleaseOffboardingLock, CommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  execute({ employeeId, caseId, outcome, context }: ReleaseOffboardingLock): Promise<CommandResult> {
    const command = { type: 'ReleaseOffboarding' as const, data: { caseId, outcome } };
    return handleCommand(this.events, employeeStream(employeeId), employeeDecider, command, context, { maxAttempts: REACTOR_ATTEMPTS });
  }
}

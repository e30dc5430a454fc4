import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { recordRefusal, RefusalSubject } from './record-refusal';
import { DomainError } from '../domain/decider';
import { offboardingDecider } from '../domain/offboarding/offboarding.decider';
import { loadState } from '../event-sourcing/command-handler';
import { EVENT_STORE, EventStore } from '../infrastructure/event-store/event-store.port';
import { isAuditedCommand } from './audited-command';
import { offboardingStream } from '../domain/shared/streams';

/**
 * Records every command refused by a domain rule in the refusal log (blocked
 * mistakes are part of the record), in the one place every command passes: the
 * command bus. HTTP, the import, the demo and the process manager all dispatch
 * there, so a new command handler cannot forget it; the command supplies only
 * its subject (AuditedCommand). A command that is not an AuditedCommand is
 * refused by the bus itself, so one cannot slip past unrecorded.
 *
 * The bus instance's public `execute` is wrapped (not subclassed): CqrsModule
 * registers the handlers on its own CommandBus, which is the one injected here.
 */
@Injectable()
export class RefusalsOnTheCommandBus implements OnModuleInit {
  constructor(
    private readonly bus: CommandBus,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  onModuleInit(): void {
    const execute = this.bus.execute.bind(this.bus) as (command: object, ...rest: unknown[]) => Promise<unknown>;
    const recorded = (command: object, ...rest: unknown[]) => this.recorded(command, () => execute(command, ...rest));
    this.bus.execute = recorded as CommandBus['execute'];
  }

  private async recorded(command: object, run: () => Promise<unknown>): Promise<unknown> {
    if (!isAuditedCommand(command))
      throw new TypeError(`${command.constructor.name} does not say what it is about (AuditedCommand); its refusals could not be recorded`);
    try {
      return await run();
    } catch (error) {
      if (error instanceof DomainError) {
        const missing = Array.isArray(error.details.missing) ? (error.details.missing as string[]) : undefined;
        const subject = await this.withEmployee(command.refusal());
        await recordRefusal(this.events, command.context, {
          ...subject,
          code: error.code,
          message: error.message,
          ...(missing ? { missing } : {}),
        });
      }
      throw error;
    }
  }

  /** A case's command names the case; the refusal also names its employee, so that their timeline shows it. Read only on refusal. */
  private async withEmployee(subject: RefusalSubject): Promise<RefusalSubject> {
    const { caseId, employeeId } = subject.subjects;
    if (employeeId || !caseId) return subject;
    const state = await loadState(this.events, offboardingStream(caseId), offboardingDecider);
    return state.status === 'none' ? subject : { ...subject, subjects: { ...subject.subjects, employeeId: state.employeeId } };
  }
}

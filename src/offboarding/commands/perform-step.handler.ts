import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditedCommand } from '../../application/audited-command';
import { SocialInsuranceTransferOutRequested } from '../../domain/offboarding/offboarding.events';
import { offboardingDecider } from '../../domain/offboarding/offboarding.decider';
import { Role, StepKey } from '../../domain/shared/vocabulary';
import { CommandResult, handleCommand } from '../../event-sourcing/command-handler';
import { CommandContext, EmittedEvent } from '../../event-sourcing/envelope';
import { businessDate } from '../../infrastructure/business-day';
import { EVENT_STORE, EventStore } from '../../infrastructure/event-store/event-store.port';
import { StepCommandDto } from '../offboarding.dto';
import { offboardingStream } from '../../domain/shared/streams';

/** Acts on a step of a case: complete it, or for si_transfer_out request / complete / reject. */
export class PerformOffboardingStep implements AuditedCommand {
  constructor(
    readonly caseId: string,
    readonly step: StepKey,
    readonly act: StepCommandDto,
    readonly context: CommandContext,
  ) {}

  refusal() {
    return { command: 'PerformStep', subjects: { caseId: this.caseId }, step: this.step, action: this.act.action ?? 'complete' };
  }
}

/** A request for the transfer-out answers with its notice (last contribution month, filing deadline). */
export type StepPerformed = CommandResult & { notice?: SocialInsuranceTransferOutRequested['data']['notice'] };

const isTransferOutRequest = (e: EmittedEvent): e is SocialInsuranceTransferOutRequested =>
  e.type === 'SocialInsuranceTransferOutRequested';

@CommandHandler(PerformOffboardingStep)
export class PerformOffboardingStepHandler implements ICommandHandler<PerformOffboardingStep, StepPerformed> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ caseId, step, act, context }: PerformOffboardingStep): Promise<StepPerformed> {
    const today = businessDate(context.recordedAt);
    const actor = { id: context.actor.id, role: context.actor.role as Role };
    const command = {
      type: 'PerformStep' as const,
      data: {
        step,
        action: act.action ?? 'complete',
        effectiveDate: act.effectiveDate ?? today,
        note: act.note,
        data: act.data,
        actor,
        today,
        override: act.override,
      },
    };
    const result = await handleCommand(this.events, offboardingStream(caseId), offboardingDecider, command, context);
    const requested = result.events.find(isTransferOutRequest);
    return requested ? { ...result, notice: requested.data.notice } : result;
  }
}

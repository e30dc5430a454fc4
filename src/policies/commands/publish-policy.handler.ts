import { BadRequestException, Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditedCommand } from '../../application/audited-command';
import { PolicyDraft, policyPublication } from '../../domain/policy/policy-publication.decider';
import { validatePolicy } from '../../domain/policy/validate-policy';
import { EmployeeCategory } from '../../domain/shared/vocabulary';
import { CommandResult, handleCommand } from '../../event-sourcing/command-handler';
import { CommandContext } from '../../event-sourcing/envelope';
import { EVENT_STORE, EventStore } from '../../infrastructure/event-store/event-store.port';
import { policyStream } from '../../domain/shared/streams';

/** Publishes a new version of a region's and category's workflow policy; open cases keep the version they started with. */
export class PublishPolicy implements AuditedCommand {
  constructor(
    readonly region: string,
    readonly category: EmployeeCategory,
    /** As sent: checked by the handler, field by field, before it is a PolicyDraft. */
    readonly draft: Record<string, unknown>,
    readonly context: CommandContext,
  ) {}

  refusal() {
    return { command: 'PublishPolicy', subjects: {} };
  }
}

@CommandHandler(PublishPolicy)
export class PublishPolicyHandler implements ICommandHandler<PublishPolicy, CommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  execute({ region, category, draft, context }: PublishPolicy): Promise<CommandResult> {
    // Every problem as a field error (400), rather than the decider's one INVALID_POLICY refusal.
    const problems = validatePolicy({ ...draft, version: 1 });
    if (problems.length) {
      throw new BadRequestException({
        code: 'VALIDATION',
        message: 'The policy is not valid',
        errors: problems.map((p) => {
          const colon = p.indexOf(':');
          return colon > 0 ? { field: p.slice(0, colon), message: p.slice(colon + 1).trim() } : { field: 'policy', message: p };
        }),
      });
    }
    const command = { type: 'PublishPolicy' as const, data: { region, category, draft: draft as unknown as PolicyDraft } };
    return handleCommand(this.events, policyStream(region, category), policyPublication, command, {
      ...context,
      effectiveDate: String(draft.effectiveFrom),
    });
  }
}

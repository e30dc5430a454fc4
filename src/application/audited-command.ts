import { RefusalSubject } from './record-refusal';
import { CommandContext } from '../event-sourcing/envelope';

/**
 * What every command dispatched on the command bus carries: who sent it, when
 * and from where (the events' metadata), and what it is about, so that a refusal
 * by a domain rule can be recorded by the bus (refusals-on-the-command-bus.ts)
 * without the handler doing anything.
 */
export interface AuditedCommand {
  readonly context: CommandContext;
  /** The refusal log's subject: the domain command's name (`PerformStep`), the ids it was about, the step and action. */
  refusal(): RefusalSubject;
}

export function isAuditedCommand(command: object): command is AuditedCommand {
  const candidate = command as Partial<AuditedCommand>;
  return typeof candidate.refusal === 'function' && typeof candidate.context === 'object' && candidate.context !== null;
}

import { Decider, DomainEvent } from '../decider';
import { eventSchemas } from '../stored-event';

/**
 * The append-only record of refused commands (guardrail hits): who tried what,
 * when, and what was missing. Blocked mistakes are part of the record and can be
 * counted (`audit-<yyyy-mm>`, one stream per month so none grows without end).
 */
export interface Refusal {
  /** The command that was refused, e.g. `PerformStep`. */
  command: string;
  code: string;
  message: string;
  /** The streams the command was about (case, employee), so timelines can show it. */
  subjects: { caseId?: string; employeeId?: string };
  step?: string;
  action?: string;
  missing?: string[];
}

export type CommandRefused = DomainEvent<'CommandRefused', Refusal>;
export type RecordRefusal = { type: 'RecordRefusal'; data: Refusal };

/** The one event of a refusal log (`audit-<yyyy-mm>`) and its current schema version. */
export const refusalLogEvents = eventSchemas<CommandRefused>('refusal log', { CommandRefused: { current: 1 } });

export const refusalLog: Decider<RecordRefusal, null, CommandRefused> = {
  initialState: null,
  decide: (command) => [{ type: 'CommandRefused', data: command.data }],
  evolve: (state) => state,
  events: refusalLogEvents,
};

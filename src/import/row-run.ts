import { CommandBus } from '@nestjs/cqrs';
import { AuditedCommand } from '../application/audited-command';
import { DomainError } from '../domain/decider';
import { employeeDecider } from '../domain/employee/employee.decider';
import { IsoDate } from '../domain/shared/calendar';
import { employeeStream } from '../domain/shared/streams';
import { Actor, EmployeeCategory } from '../domain/shared/vocabulary';
import { CommandResult, ConcurrencyConflictError, loadState } from '../event-sourcing/command-handler';
import { CommandContext } from '../event-sourcing/envelope';
import { businessDate } from '../infrastructure/business-day';
import { EventStore } from '../infrastructure/event-store/event-store.port';
import { inStore } from '../infrastructure/event-store/scoped-event-store';
import { domainProblem, rejected, RowRejected } from './problems';

export const IMPORT_KINDS = ['employees', 'contracts', 'contributions', 'cases', 'wages'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** What every row of one run shares. */
export interface ImportSession {
  /** An import kind, or another file read row by row through the same commands (a bureau's receipt): part of every row's key. */
  kind: string;
  /** The store rows are written to (a scratch layer in a dry run). */
  store: EventStore;
  /** The service's command bus (app.commands.module.ts): rows are carried out by the API's own handlers. */
  commands: CommandBus;
  actor: Actor;
  fileSha256: string;
  fileName: string;
  /** Correlates every event of one run. */
  runId: string;
  clock: () => Date;
  /** The log's head when the run started: an event at or below it was written before (by an earlier run of the same file). */
  headAtStart: bigint;
  /** Facts of hired employees that never change, looked up once per run. */
  employees: Map<string, HiredEmployee>;
  /** Domain field names (in DomainError details) → fields of the kind. */
  fieldOf(domainField: string): string | undefined;
}

export interface HiredEmployee {
  employeeId: string;
  hireDate: IsoDate;
  region: string;
  category: EmployeeCategory;
}

export interface CommandOptions {
  /** Names the command within its row: with the file's hash, the kind and the row it makes the idempotency key. */
  slot: string;
  /** The business date, for a handler that takes it from the command's context (a step's). */
  effectiveDate?: IsoDate;
  /** The field a refusal or a conflict is reported on when the error names none. */
  field: string;
  /** For a command that writes two streams (opening a case): the field by the refusal, instead of `field`. */
  fieldOfRefusal?: (error: DomainError) => string;
}

/**
 * One row's commands, each dispatched on the command bus like the API's (the
 * same handlers, deciders, envelopes and refusal log) with source `import` and
 * the file and row as origin, into the row's store (inStore). Event ids derive
 * from the file's hash, the kind, the row and the slot, so running the file
 * again finds its own events and writes nothing.
 */
export class RowRun {
  /** Whether a command of this row wrote an event that was not there before. */
  wrote = false;

  constructor(
    private readonly session: ImportSession,
    readonly row: number,
    readonly store: EventStore,
  ) {}

  /** The business date of the import's clock, as the API's handlers take "today" from the request's time. */
  today(): IsoDate {
    return businessDate(this.session.clock());
  }

  key(slot: string): string {
    const { fileSha256, kind } = this.session;
    return `${fileSha256}:${kind}:${this.row}:${slot}`;
  }

  /** Carries out the command `commandOf` makes of this row's context; a refusal rejects the row, naming the field. */
  async execute<Result extends CommandResult = CommandResult>(
    options: CommandOptions,
    commandOf: (context: CommandContext) => AuditedCommand,
  ): Promise<Result> {
    const { actor, clock, runId, fileSha256, fileName, headAtStart, fieldOf, commands } = this.session;
    const context: CommandContext = {
      actor,
      recordedAt: clock(),
      effectiveDate: options.effectiveDate,
      correlationId: runId,
      causationId: this.key(options.slot),
      source: 'import',
      idempotencyKey: this.key(options.slot),
      origin: { fileSha256, fileName, row: this.row },
    };
    try {
      const result = await inStore(this.store, () => commands.execute<AuditedCommand, Result>(commandOf(context)));
      if (result.events.length > 0 && result.position > headAtStart) this.wrote = true;
      return result;
    } catch (error) {
      if (error instanceof DomainError) {
        throw new RowRejected([domainProblem(error, options.fieldOfRefusal?.(error) ?? options.field, fieldOf)]);
      }
      if (error instanceof ConcurrencyConflictError) {
        throw rejected(
          options.field,
          error.code,
          '记录被同时修改，未能写入；请重新运行导入',
          `${error.stream} kept changing while this row was written; run the import again`,
        );
      }
      throw error;
    }
  }

  /** The employee's archive, read from its stream; a row for someone never hired is refused. */
  async employee(employeeId: string): Promise<HiredEmployee> {
    const known = this.session.employees.get(employeeId);
    if (known) return known;
    const state = await loadState(this.store, employeeStream(employeeId), employeeDecider);
    if (state.status === 'none') {
      throw rejected(
        'employeeId',
        'UNKNOWN_EMPLOYEE',
        `工号 ${employeeId} 没有员工档案，请先导入员工（--kind employees）`,
        `no employee ${employeeId} on record; import the employees first (--kind employees)`,
      );
    }
    const hired = { employeeId, hireDate: state.hireDate, region: state.region, category: state.category };
    this.session.employees.set(employeeId, hired);
    return hired;
  }
}

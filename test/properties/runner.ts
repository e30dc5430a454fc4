/**
 * Sends a history's commands to the application, one after another (a race's
 * two at once), and records how each was answered. A refusal (4xx: a domain
 * rule, a role, validation, a lost race) is an outcome; a 5xx or an exception
 * the problem filter cannot map is a failure and ends the history with the
 * command that caused it.
 */
import { ProblemFilter } from '../../src/http/problem.filter';
import { DomainError } from '../../src/domain/decider';
import { checkCharOf } from '../../src/domain/employee/resident-id';
import { monthOf } from '../../src/domain/shared/calendar';
import { Role } from '../../src/domain/shared/vocabulary';
import { CommandContext } from '../../src/event-sourcing/envelope';
import { AppUnderTest } from './app-under-test';
import { Anchors, resolveDate, resolveMonth } from './dates';
import { History, SingleCommand } from './history';
import { send } from './send';
import { businessDate } from '../../src/infrastructure/business-day';

export type Aggregate = 'employee' | 'insurance' | 'offboarding' | 'personal-data';

export interface Outcome {
  /** Where in the history: the command's index, `a`/`b` in a race, `retry` for the second sending. */
  at: string;
  op: SingleCommand['op'];
  aggregate: Aggregate;
  correlationId: string;
  status: number;
  code?: string;
  /** Refused by a domain rule (a DomainError), as opposed to the route's role, validation or a missing record. */
  domainRefusal: boolean;
}

export interface RunResult {
  outcomes: Outcome[];
  commands: number;
}

/** Per employee slot, what later commands' dates and case ids are resolved against. */
interface Known {
  hire?: string;
  caseId?: string;
  opened?: string;
  lastWorkingDay?: string;
  transferCompleted?: string;
  lastPaid?: string;
}

export const START = Date.UTC(2023, 0, 2, 9, 0, 0);
const DAY = 86_400_000;
const filter = new ProblemFilter() as unknown as { toProblem(error: unknown): { status: number; body: Record<string, unknown> } };

export const AGGREGATE_OF: Record<SingleCommand['op'], Aggregate> = {
  hire: 'employee',
  enrol: 'insurance',
  contribute: 'insurance',
  adjustBase: 'insurance',
  open: 'offboarding',
  step: 'offboarding',
  cancel: 'offboarding',
  erase: 'personal-data',
};

/** Each history has employees of its own (`h12E1`), so that histories can share one application. */
export const employeeId = (tag: string, slot: number) => `${tag}E${slot + 1}`;
/** A valid resident ID number (GB 11643 check character) per slot. */
export const idNumberOf = (slot: number) => {
  const first17 = `11010519900101${String(100 + slot).padStart(3, '0')}`;
  return first17 + checkCharOf(first17);
};

export const startOf = (history: History) => new Date(START + history.startDay * DAY);

export async function runHistory(app: AppUnderTest, history: History, tag: string): Promise<RunResult> {
  const known = new Map<number, Known>();
  const outcomes: Outcome[] = [];
  let clock = startOf(history).getTime();

  const sendOne = async (command: SingleCommand, at: string, key: string | undefined): Promise<void> => {
    const slot = known.get(command.emp) ?? {};
    const today = businessDate(new Date(clock));
    const anchors: Anchors = { today, ...slot };
    const context: CommandContext = {
      actor: { id: `${command.as}-1`, role: command.as },
      recordedAt: new Date(clock),
      correlationId: `${tag}-${at}`,
      source: 'api',
      idempotencyKey: key,
    };
    const outcome: Outcome = {
      at,
      op: command.op,
      aggregate: AGGREGATE_OF[command.op],
      correlationId: context.correlationId,
      status: 200,
      domainRefusal: false,
    };
    try {
      const answer = await send(app.app, command, {
        anchors,
        context,
        roles: [command.as as Role],
        caseId: slot.caseId ?? `Cnone${tag}${command.emp}`,
        employeeId: employeeId(tag, command.emp),
        idNumber: idNumberOf(command.emp),
      });
      learn(known, command, anchors, answer, today);
    } catch (error) {
      const { status, body } = filter.toProblem(error);
      if (status >= 500) {
        const failure = new Error(
          `${status} ${String(body.code)} for command ${at} ${JSON.stringify(command)}: ${error instanceof Error ? error.stack : String(error)}`,
        );
        throw failure;
      }
      Object.assign(outcome, { status, code: String(body.code), domainRefusal: error instanceof DomainError });
    }
    outcomes.push(outcome);
  };

  // Keys are per history: a shared key is shared by commands of the same history only.
  const keyOf = (command: SingleCommand, at: string) =>
    command.key === 'own' ? `key-${tag}-${at}` : command.key && `${tag}-${command.key}`;
  const sendWithRetry = async (command: SingleCommand, at: string) => {
    const key = keyOf(command, at);
    await sendOne(command, at, key);
    if (command.retry) await sendOne(command, `${at}-retry`, key);
  };

  for (const [index, command] of history.commands.entries()) {
    // A minute between commands keeps recorded instants apart; `wait` moves whole days.
    clock += command.wait * DAY + 60_000;
    app.setNow(new Date(clock));
    if (command.settle) await app.settle();
    await (command.op === 'race'
      ? Promise.all([sendWithRetry(command.a, `${index}a`), sendWithRetry(command.b, `${index}b`)])
      : sendWithRetry(command, String(index)));
  }
  await app.settle();
  return { outcomes, commands: outcomes.length };
}

/** What a successful command teaches the runner about the dates and the case of its employee. */
function learn(
  known: Map<number, Known>,
  command: SingleCommand,
  anchors: Anchors,
  answer: { caseId?: string; stream: string },
  today: string,
): void {
  const slot = { ...(known.get(command.emp) ?? {}) };
  if (command.op === 'hire') slot.hire = resolveDate(command.hireDate, anchors);
  if (command.op === 'open' && answer.caseId) {
    const lastWorkingDay = resolveDate(command.lastWorkingDay, anchors);
    const opened = command.openedAt ? resolveDate(command.openedAt, { ...anchors, lastWorkingDay }) : today;
    Object.assign(slot, { caseId: answer.caseId, opened, lastWorkingDay, transferCompleted: undefined });
  }
  if (command.op === 'step' && command.step === 'si_transfer_out' && command.action === 'complete') {
    slot.transferCompleted = command.effectiveDate ? resolveDate(command.effectiveDate, anchors) : today;
    slot.lastPaid = command.lastPaidMonth ? resolveMonth(command.lastPaidMonth, anchors) : monthOf(today);
  }
  known.set(command.emp, slot);
}

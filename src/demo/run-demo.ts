import { seedDefaultPolicies } from '../policies';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { recordRefusal } from '../application/record-refusal';
import { DomainError } from '../domain/decider';
import { offboardingDecider } from '../domain/offboarding/offboarding.decider';
import { employeeStream, offboardingStream, policyStream, refusalLogStream } from '../domain/shared/streams';
import { REGIONS } from '../domain/policy/default-policies';
import { policyInForce, policyPublication, PolicyVersions } from '../domain/policy/policy-publication.decider';
import { IsoDate } from '../domain/shared/calendar';
import { EMPLOYEE_CATEGORIES, EmployeeCategory } from '../domain/shared/vocabulary';
import { CommandResult, loadState } from '../event-sourcing/command-handler';
import { CommandContext } from '../event-sourcing/envelope';
import { Clock } from '../infrastructure/clock';
import { EventStore } from '../infrastructure/event-store/event-store.port';
import { CASE_STATES, CaseState } from './case-scenarios';
import { caseStateOf } from './case-states';
import { PerformStep } from '../domain/offboarding/offboarding.commands';
import { PlannedAction, planEmployee, Undated } from './employee-plan';
import { demoOrigin, DemoRun } from './existing-data';
import { businessDate } from '../infrastructure/business-day';
import { CancelOffboardingCase, OpenOffboardingCase, PerformOffboardingStep } from '../offboarding';
import { CommandsModule } from '../app.commands.module';
import { accountCommand, archiveCommand } from './service-commands';

export interface DemoProgress {
  done: number;
  total: number;
}

export interface DemoSummary {
  run: DemoRun;
  employees: number;
  /** Commands carried out (most write one event; a re-run writes none). */
  commands: number;
  /** Events this run appended (0 on a re-run), refusals included. */
  eventsWritten: number;
  refusalsRecorded: number;
  cases: Record<CaseState, number>;
  /** Cases whose transfer-out the bureau rejected once, with a manager's override, of schools that released the post. */
  casesWith: { bureauRejection: number; override: number; postReleased: number };
  /** The first day anything was recorded: with the present, the dashboard's range. */
  from: IsoDate;
  seconds: number;
}

/**
 * Fills the store with the demo organisation through the service's command
 * handlers (CommandsModule), each command recorded at its simulated time by a member of
 * the HR team (source 'system', metadata.origin says which demo run). Commands
 * run in recorded-time order across all employees, so the log reads like the
 * years it covers. Every command has an idempotency key, so a re-run writes
 * nothing new.
 *
 * What the service's offboarding process manager derives (separation, closing
 * the account at the transfer-out, releasing the archive's lock) is not written
 * here: the running service does it live, or on its next start from its
 * checkpoint. The demo never needs those facts: each person has at most one
 * case, nothing is written to an archive while its case is open, and no
 * contribution goes beyond the bureau's last paid month.
 */
export async function runDemo(
  events: EventStore,
  run: DemoRun & { employees: number; clock: Clock },
  onProgress?: (progress: DemoProgress) => void,
): Promise<DemoSummary> {
  const started = performance.now();
  const headBefore = await events.headPosition();
  const tally = { eventsWritten: 0, refusalsRecorded: 0 };
  // Events at positions after the head we started from are this run's; a replayed command answers with older ones.
  const written = (result: CommandResult) => {
    if (result.events.length > 0 && result.position > headBefore) tally.eventsWritten += result.events.length;
  };

  for (const result of await seedDefaultPolicies(events, run.clock)) written(result);
  const policies = await policyVersions(events);
  const plans = Array.from({ length: run.employees }, (_, index) =>
    planEmployee(index, {
      seed: run.seed,
      asOf: run.asOf,
      policyInForce: (region, category, date) =>
        policyInForce(policies.get(policyStream(region, category as EmployeeCategory)) ?? { versions: [] }, date),
    }),
  );
  const actions = plans
    .flatMap((p) => p.actions)
    .sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime() || a.index - b.index || a.seq - b.seq);

  // After the seeding above, so that the policies service finds nothing left to publish (and the tally counts it once).
  const app = await NestFactory.createApplicationContext(CommandsModule.over(events, run.clock), { logger: ['error', 'warn'] });
  try {
    const carryOut = commandRunner(events, app.get(CommandBus), run, headBefore, written, tally);
    for (const [done, action] of actions.entries()) {
      await carryOut(action);
      onProgress?.({ done: done + 1, total: actions.length });
    }
  } finally {
    await app.close();
  }

  const cases = Object.fromEntries(CASE_STATES.map((s) => [s, 0])) as Record<CaseState, number>;
  const casesWith = { bureauRejection: 0, override: 0, postReleased: 0 };
  for (const { caseId } of plans) {
    if (!caseId) continue;
    const state = await loadState(events, offboardingStream(caseId), offboardingDecider);
    if (state.status === 'none') continue;
    cases[caseStateOf(state)] += 1;
    if (state.transferAttempts.some((t) => t.rejectedOn !== undefined)) casesWith.bureauRejection += 1;
    if (state.overrides.length > 0) casesWith.override += 1;
    if (state.done.post_release !== undefined) casesWith.postReleased += 1;
  }
  return {
    run: { seed: run.seed, asOf: run.asOf },
    employees: plans.length,
    commands: actions.length,
    ...tally,
    cases,
    casesWith,
    from: actions.length ? businessDate(actions[0].recordedAt) : run.asOf,
    seconds: (performance.now() - started) / 1000,
  };
}

/** The published versions of every shipped region's and category's policy, read from their streams. */
async function policyVersions(events: EventStore): Promise<Map<string, PolicyVersions>> {
  const streams = REGIONS.flatMap((region) => EMPLOYEE_CATEGORIES.map((category) => policyStream(region, category)));
  return new Map(await Promise.all(streams.map(async (stream) => [stream, await loadState(events, stream, policyPublication)] as const)));
}

const today = (context: CommandContext): IsoDate => businessDate(context.recordedAt);

/** The planned command with the day it is carried out on, as the API adds the request's business day. */
function dated<C>(command: Undated<C>, context: CommandContext): C {
  return { ...command, data: { ...command.data, today: today(context) } } as C;
}

/**
 * Carries out one planned command on the service's command bus (which records a refusal), but the guardrail's
 * attempts (see below).
 */
function commandRunner(
  events: EventStore,
  commands: CommandBus,
  run: DemoRun,
  headBefore: bigint,
  written: (result: CommandResult) => void,
  tally: { eventsWritten: number; refusalsRecorded: number },
) {
  const origin = demoOrigin(run);
  const contextOf = (action: PlannedAction): CommandContext => ({
    actor: action.actor,
    recordedAt: action.recordedAt,
    correlationId: action.key,
    source: 'system',
    idempotencyKey: action.key,
    origin,
  });

  /** A refused command is recorded by the bus; it is counted, then the error goes on (here it stops the demo: the plan was wrong). */
  async function dispatched<R>(command: Parameters<CommandBus['execute']>[0]): Promise<R> {
    try {
      return await commands.execute<typeof command, R>(command);
    } catch (error) {
      if (error instanceof DomainError) countRefusal();
      throw error;
    }
  }

  function countRefusal(): void {
    tally.refusalsRecorded += 1;
    tally.eventsWritten += 1;
  }

  // The refusal log has no idempotency keys (recordRefusal drops them, as refusals are never retried), so a
  // re-run looks for its attempt's correlation id in the month's audit stream before trying again.
  const recordedAttempts = new Map<string, Set<string>>();
  async function attemptRecorded(stream: string, correlationId: string): Promise<boolean> {
    let ids = recordedAttempts.get(stream);
    if (!ids) {
      ids = new Set((await events.readStream(stream)).map((e) => String(e.metadata.correlationId)));
      recordedAttempts.set(stream, ids);
    }
    const seen = ids.has(correlationId);
    ids.add(correlationId);
    return seen;
  }

  /** The archive is the lock (one open case per person), then the case opens with the policy in force today (open-case.handler.ts). */
  async function openCase(action: Extract<PlannedAction, { kind: 'open-case' }>, context: CommandContext): Promise<void> {
    const day = today(context);
    const opening = {
      caseId: action.caseId,
      employeeId: action.employeeId,
      reason: action.reason,
      lastWorkingDay: action.lastWorkingDay,
      openedAt: day,
      ...action.facts,
    };
    const reservedBefore = await events.readStream(employeeStream(action.employeeId), { direction: 'backwards', maxCount: 1 });
    written(await dispatched<CommandResult>(new OpenOffboardingCase(opening, context)));
    // The archive's reservation is this command's too: counted when the archive moved past where it was.
    const [last] = await events.readStream(employeeStream(action.employeeId), { direction: 'backwards', maxCount: 1 });
    if (last && last.position > headBefore && last.position !== reservedBefore[0]?.position) tally.eventsWritten += 1;
  }

  return async function carryOut(action: PlannedAction): Promise<void> {
    const context = contextOf(action);
    switch (action.kind) {
      case 'employee':
        return written(await dispatched<CommandResult>(archiveCommand(action.employeeId, action.command, context)));
      case 'insurance':
        return written(await dispatched<CommandResult>(accountCommand(action.employeeId, action.command, context)));
      case 'open-case':
        return openCase(action, context);
      case 'step': {
        const { step, action: stepAction, effectiveDate, note, data, override } = action.command.data;
        return written(
          await dispatched<CommandResult>(
            new PerformOffboardingStep(action.caseId, step, { action: stepAction, effectiveDate, note, data, override }, context),
          ),
        );
      }
      case 'cancel':
        return written(await dispatched<CommandResult>(new CancelOffboardingCase(action.caseId, action.command.data.note, context)));
      case 'attempt': {
        // A mistake the guardrail refuses: decided on the case as it stands, never appended; only the refusal is recorded
        // (not on the bus, which would append the step were the case past this point, as after an interrupted run).
        if (await attemptRecorded(refusalLogStream(today(context).slice(0, 7)), action.key)) return;
        const state = await loadState(events, offboardingStream(action.caseId), offboardingDecider);
        const { step, action: stepAction } = action.command.data;
        try {
          offboardingDecider.decide(dated<PerformStep>(action.command, context), state);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          const missing = Array.isArray(error.details.missing) ? (error.details.missing as string[]) : undefined;
          await recordRefusal(events, context, {
            command: 'PerformStep',
            subjects: { caseId: action.caseId, employeeId: action.employeeId },
            step,
            action: stepAction,
            code: error.code,
            message: error.message,
            missing,
          });
          return countRefusal();
        }
        // Not refused: the case has moved past this point (a re-run after an interrupted one); the attempt no longer applies.
        return;
      }
    }
  };
}

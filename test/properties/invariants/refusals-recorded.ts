/**
 * Invariant 4: every command refused by a domain rule is in the refusal log
 * (a CommandRefused event in an `audit-YYYY-MM` stream, with the command's
 * correlation id and the refusal's code).
 *
 * Every aggregate's commands record their refusals, once, on the command bus
 * (src/application/refusals-on-the-command-bus.ts). Refusals made
 * before the decider (the route's role: 403, validation: 400, an unknown
 * employee when opening a case: 404 from the command handler) are not domain refusals
 * and are not recorded by design today; REFUSALS_BEFORE_THE_DECIDER_RECORDED
 * turns them on.
 */
import { Aggregate } from '../runner';
import { Invariant } from './invariant';

export const AGGREGATES_RECORDING_REFUSALS: ReadonlySet<Aggregate> = new Set<Aggregate>([
  'employee',
  'insurance',
  'offboarding',
  'personal-data',
]);
export const REFUSALS_BEFORE_THE_DECIDER_RECORDED = false;

export const refusalsRecorded: Invariant = {
  name: 'every refused command is in the audit stream',
  check: ({ log, outcomes }) => {
    const recorded = new Map<string, string[]>();
    for (const event of log) {
      if (!event.stream.startsWith('audit-') || event.type !== 'CommandRefused') continue;
      const correlationId = String(event.metadata.correlationId);
      recorded.set(correlationId, [...(recorded.get(correlationId) ?? []), (event.data as { code: string }).code]);
    }
    return outcomes
      .filter(
        (o) =>
          o.status >= 400 && AGGREGATES_RECORDING_REFUSALS.has(o.aggregate) && (o.domainRefusal || REFUSALS_BEFORE_THE_DECIDER_RECORDED),
      )
      .filter((o) => !(recorded.get(o.correlationId) ?? []).includes(o.code!))
      .map(
        (o) =>
          `command ${o.at} (${o.op}) refused with ${o.status} ${o.code} has no CommandRefused with correlation id ${o.correlationId} (found: ${JSON.stringify(recorded.get(o.correlationId) ?? [])})`,
      );
  },
};

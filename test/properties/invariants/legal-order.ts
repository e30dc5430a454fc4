/**
 * Invariant 1: no case registers 退工 (LaborTerminationRegistered) without a
 * completed social-insurance transfer-out (SocialInsuranceTransferOutCompleted)
 * before it, in recorded order (stream revision) and in effective order (the
 * transfer-out's effectiveDate on or before 退工's). Two invariants, so that the
 * recorded one keeps guarding while the effective one is known to fail.
 */
import { RecordedEvent } from '../../../src/infrastructure/event-store/event-store.port';
import { effectiveDateOf } from '../log';
import { Checked, Invariant } from './invariant';

function terminations(streams: Checked['streams']): Array<{ stream: string; events: RecordedEvent[]; termination: RecordedEvent }> {
  const found = [];
  for (const [stream, events] of streams) {
    if (!stream.startsWith('offboarding-')) continue;
    for (const termination of events.filter((e) => e.type === 'LaborTerminationRegistered')) found.push({ stream, events, termination });
  }
  return found;
}

const completedTransfers = (events: RecordedEvent[]) => events.filter((e) => e.type === 'SocialInsuranceTransferOutCompleted');

export const transferOutBeforeTerminationRecorded: Invariant = {
  name: 'legal order, recorded: 退工 after a completed transfer-out in stream order',
  check: ({ streams }) =>
    terminations(streams)
      .filter(({ events, termination }) => !completedTransfers(events).some((t) => t.revision < termination.revision))
      .map(
        ({ stream, termination }) =>
          `${stream}: LaborTerminationRegistered at revision ${termination.revision} with no SocialInsuranceTransferOutCompleted before it`,
      ),
};

export const transferOutBeforeTerminationEffective: Invariant = {
  name: 'legal order, effective: 退工 effective on or after the completed transfer-out',
  check: ({ streams }) =>
    terminations(streams).flatMap(({ stream, events, termination }) => {
      const before = completedTransfers(events).filter((t) => t.revision < termination.revision);
      if (before.length === 0) return []; // the recorded invariant reports it
      const transfer = before[before.length - 1];
      return effectiveDateOf(termination) >= effectiveDateOf(transfer)
        ? []
        : [
            `${stream}: LaborTerminationRegistered (revision ${termination.revision}) effective ${effectiveDateOf(termination)}, ` +
              `before the SocialInsuranceTransferOutCompleted (revision ${transfer.revision}) effective ${effectiveDateOf(transfer)}`,
          ];
    }),
};

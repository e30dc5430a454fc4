/**
 * Invariant 2: once an account records its transfer-out (SocialInsuranceTransferredOut,
 * closing the current enrolment period at lastPaidMonth), no contribution or
 * correction recorded after it in the stream is for a month after lastPaidMonth,
 * unless a later re-enrolment (SocialInsuranceEnrolled) starts on or before
 * that month. Contributions recorded before the transfer-out are the bureau's
 * business (they are listed in the event as contributionsAfterLastPaidMonth).
 */
import { Invariant } from './invariant';

interface Closed {
  revision: bigint;
  lastPaidMonth: string;
}

export const noContributionAfterTransferOut: Invariant = {
  name: 'no contribution for a month after the last paid month of a completed transfer-out',
  check: ({ streams }) => {
    const violations: string[] = [];
    for (const [stream, events] of streams) {
      if (!stream.startsWith('insurance-')) continue;
      const closed: Closed[] = [];
      const enrolments: Array<{ revision: bigint; startMonth: string }> = [];
      for (const event of events) {
        const data = event.data as { lastPaidMonth?: string; startMonth?: string; month?: string };
        if (event.type === 'SocialInsuranceTransferredOut') closed.push({ revision: event.revision, lastPaidMonth: data.lastPaidMonth! });
        if (event.type === 'SocialInsuranceEnrolled') enrolments.push({ revision: event.revision, startMonth: data.startMonth! });
        if (event.type !== 'ContributionRecorded' && event.type !== 'ContributionCorrected') continue;
        const month = data.month!;
        for (const close of closed) {
          const reEnrolled = enrolments.some((e) => e.revision > close.revision && e.startMonth <= month);
          if (month > close.lastPaidMonth && !reEnrolled) {
            violations.push(
              `${stream}: ${event.type} for ${month} at revision ${event.revision}, after the transfer-out at revision ${close.revision} with last paid month ${close.lastPaidMonth}`,
            );
          }
        }
      }
    }
    return violations;
  },
};

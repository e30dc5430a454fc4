/** Invariant 5: every stream's hash chain verifies, by the audit verification service (GET /api/audit/verify). */
import { AuditService } from '../../../src/audit/audit.service';
import { Invariant } from './invariant';

export const hashChainsVerify: Invariant = {
  name: 'the hash chains verify',
  scope: 'global',
  check: async ({ app, streams }) => {
    const report = await app.app.get(AuditService).verify();
    const problems = report.ok ? [] : [`verification failed: ${JSON.stringify(report.firstBroken)}`];
    // The service must have walked every stream of the log, not fewer.
    if (report.streamsChecked !== streams.size) problems.push(`verification checked ${report.streamsChecked} streams of ${streams.size}`);
    return problems;
  },
};

/**
 * Invariant 3: at most one open case per person at any time, in the order of
 * the global log: a case is open from its OffboardingCaseOpened until its
 * OffboardingCaseCompleted or OffboardingCaseCancelled.
 */
import { Invariant } from './invariant';

export const oneOpenCasePerPerson: Invariant = {
  name: 'at most one open case per person',
  check: ({ log }) => {
    const violations: string[] = [];
    const employeeOfCase = new Map<string, string>();
    const openCases = new Map<string, Set<string>>();
    for (const event of log) {
      if (!event.stream.startsWith('offboarding-')) continue;
      if (event.type === 'OffboardingCaseOpened') {
        const { employeeId } = event.data as { employeeId: string };
        employeeOfCase.set(event.stream, employeeId);
        const open = openCases.get(employeeId) ?? new Set<string>();
        if (open.size > 0)
          violations.push(`${event.stream} opened at position ${event.position} while ${[...open].join(', ')} of ${employeeId} was open`);
        openCases.set(employeeId, open.add(event.stream));
      }
      if (event.type === 'OffboardingCaseCompleted' || event.type === 'OffboardingCaseCancelled') {
        openCases.get(employeeOfCase.get(event.stream) ?? '')?.delete(event.stream);
      }
    }
    return violations;
  },
};

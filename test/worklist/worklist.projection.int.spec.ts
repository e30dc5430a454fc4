import { WorkflowPolicy } from '../../src/domain/policy/policy';
import { worklist } from '../../src/worklist';
import { caseEvents } from '../dashboard/case-fixtures';
import { defaultPolicy, openCase, perform } from '../domain/offboarding/fixtures';
import { event, projectionSpec } from '../support/projection-harness';

/** The shipped Shanghai policy as it was published before steps named an assignee or reminders. */
function policyBeforeAssignees(): WorkflowPolicy {
  const { reminders: _, ...policy } = structuredClone(defaultPolicy('shanghai', 'enterprise_regular'));
  return { ...policy, steps: policy.steps.map(({ assignee: __, ...step }) => step) };
}

projectionSpec('worklist', worklist, ({ given, collection }) => {
  it('keeps one task per open step, with its assignee and due date, and drops it once done', async () => {
    await given(caseEvents('K1', [openCase({ caseId: 'K1', reason: 'resignation' }), perform('approval')]));
    const tasks = await collection('worklist_tasks');
    expect(tasks.map((t) => t.id)).toEqual([
      'K1:archive_transfer',
      'K1:handover',
      'K1:housing_fund_transfer',
      'K1:labor_termination',
      'K1:si_transfer_out',
      'K1:termination_certificate',
    ]);
    expect(tasks.find((t) => t.id === 'K1:si_transfer_out')).toMatchObject({
      caseId: 'K1',
      employeeId: 'E1001',
      state: 'available',
      dueDate: '2024-07-15',
      dueSort: '2024-07-15',
      unlocks: ['labor_termination'],
      audience: 'hr_specialist@hr',
      department: 'hr',
    });
  });

  it('drops every task of a cancelled case', async () => {
    await given([
      ...caseEvents('K1', [openCase({ caseId: 'K1' })]),
      event('offboarding-K1', 'OffboardingCaseCancelled', { note: 'withdrawn', by: { id: 'm', role: 'hr_manager' } }),
    ]);
    expect(await collection('worklist_tasks')).toEqual([]);
  });

  it('gives a case pinned to a policy without assignees to HR: the approval to the hr_manager, the rest to specialists', async () => {
    await given(caseEvents('K2', [openCase({ caseId: 'K2', policy: policyBeforeAssignees() })]));
    const audiences = Object.fromEntries((await collection('worklist_tasks')).map((t) => [t.id, t.audience]));
    expect(audiences['K2:approval']).toBe('hr_manager@hr');
    expect(audiences['K2:severance_payment']).toBe('hr_specialist@hr');
  });
});

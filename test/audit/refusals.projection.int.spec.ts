import { refusals } from '../../src/audit/refusals.projection';
import { event, projectionSpec } from '../support/projection-harness';

const refused = (over: Record<string, unknown> = {}) => ({
  command: 'PerformStep',
  code: 'STEP_LOCKED',
  message: '请先完成社保转出 / Complete the transfer-out first',
  subjects: { caseId: 'C1', employeeId: 'E1' },
  step: 'labor_termination',
  action: 'complete',
  missing: ['si_transfer_out'],
  ...over,
});

projectionSpec('refused commands', refusals, ({ given, collection }) => {
  it('keeps one document per refused command with who, when, which step and what was missing', async () => {
    const [e] = await given([
      event('audit-2024-05', 'CommandRefused', refused(), {
        actor: { id: 'hr-9', role: 'hr_specialist' },
        recordedAt: '2024-05-11T09:00:00.000Z',
      }),
    ]);
    expect(await collection('refusals')).toEqual([
      {
        id: e.id,
        position: e.position.toString(),
        recordedAt: '2024-05-11T09:00:00.000Z',
        actorId: 'hr-9',
        actorRole: 'hr_specialist',
        command: 'PerformStep',
        code: 'STEP_LOCKED',
        message: '请先完成社保转出 / Complete the transfer-out first',
        step: 'labor_termination',
        action: 'complete',
        missing: ['si_transfer_out'],
        caseId: 'C1',
        employeeId: 'E1',
      },
    ]);
  });

  it('ignores other events and fills what a refusal without a step lacks', async () => {
    await given([
      event('employee-E1', 'EmployeeHired', { employeeId: 'E1' }),
      event(
        'audit-2024-05',
        'CommandRefused',
        refused({
          command: 'OpenCase',
          code: 'OPEN_CASE_EXISTS',
          step: undefined,
          action: undefined,
          missing: undefined,
          subjects: { employeeId: 'E1' },
        }),
      ),
    ]);
    const [doc] = await collection('refusals');
    expect(doc).toMatchObject({ command: 'OpenCase', step: null, action: null, missing: [], caseId: null, employeeId: 'E1' });
    expect(await collection('refusals')).toHaveLength(1);
  });
});

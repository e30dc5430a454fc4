import { refusalWarning } from '../../../src/domain/notifications/refusal-warning';
import { offboardingDecider, OffboardingCase } from '../../../src/domain/offboarding/offboarding.decider';
import { opened } from '../offboarding/fixtures';

const openCase = offboardingDecider.evolve(offboardingDecider.initialState, opened({ reason: 'dismissal' })) as OffboardingCase;

const lockedTermination = {
  command: 'PerformStep',
  code: 'STEP_LOCKED',
  message: '请先完成社保转出（减员），再办理退工登记。Complete social-insurance transfer-out before labour termination registration.',
  subjects: { caseId: 'K1', employeeId: 'E1001' },
  step: 'labor_termination',
  action: 'complete',
  missing: ['si_transfer_out', 'handover'],
};

describe('refusal warning', () => {
  describe('given 退工 refused for want of the transfer-out, on a case', () => {
    const warning = refusalWarning(
      {
        eventId: 'ev-1',
        recordedAt: '2026-09-02T03:04:05.000Z',
        actor: { id: 'u-spec', role: 'hr_specialist' },
        refusal: lockedTermination,
      },
      openCase,
    );

    it('goes at once, to the operator and the hr_manager of the step’s department, under an id from the refusal', () => {
      expect(warning).toMatchObject({
        id: 'warning:ev-1',
        kind: 'warning',
        notBefore: '2026-09-02T03:04:05.000Z',
        caseId: 'K1',
        step: 'labor_termination',
      });
      expect(warning.audience).toEqual([
        { kind: 'actor', actorId: 'u-spec', department: 'hr' },
        { kind: 'role', role: 'hr_manager', department: 'hr' },
      ]);
    });

    it('says what is missing and what to do first, and who does it, in zh and en', () => {
      expect(warning.text.zh).toBe(
        `离职案件 K1：「退工登记」被拒绝（STEP_LOCKED）。${lockedTermination.message} 尚缺：社保转出（减员）、工作交接；请先办理「社保转出（减员）」（经办：hr_specialist, hr）。`,
      );
      expect(warning.text.en).toContain(
        'Missing: social-insurance transfer-out (社保转出), work handover; do "social-insurance transfer-out (社保转出)" (hr_specialist, hr) first.',
      );
      expect(warning.payload).toMatchObject({
        code: 'STEP_LOCKED',
        missing: ['si_transfer_out', 'handover'],
        doFirst: { step: 'si_transfer_out' },
      });
    });
  });

  describe('given a refusal by a reactor, about no case', () => {
    it('warns the hr_manager only, without a department', () => {
      const warning = refusalWarning({
        eventId: 'ev-2',
        recordedAt: '2026-09-02T03:04:05.000Z',
        actor: { id: 'offboarding-process-manager', role: 'system' },
        refusal: {
          command: 'ReleaseOffboardingLock',
          code: 'NOT_FOUND',
          message: 'No such employee / 无此员工',
          subjects: { employeeId: 'E9' },
        },
      });
      expect(warning.audience).toEqual([{ kind: 'role', role: 'hr_manager' }]);
      expect(warning.text.en).toBe('employee E9: ReleaseOffboardingLock was refused (NOT_FOUND). No such employee / 无此员工');
      expect(warning.payload).toMatchObject({ missing: [], doFirst: null });
    });
  });
});

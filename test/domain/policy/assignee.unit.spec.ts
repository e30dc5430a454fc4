import { assigneeOf, visibleAudienceKeys } from '../../../src/domain/policy/assignee';
import { DEFAULT_POLICIES } from '../../../src/domain/policy/default-policies';

describe('assignee of a step', () => {
  it('is the policy’s when it names one', () => {
    const severance = DEFAULT_POLICIES[0].steps.find((s) => s.key === 'severance_payment')!;
    expect(assigneeOf(severance)).toEqual({ role: 'hr_specialist', department: 'finance' });
  });

  describe('given a policy published before assignees existed', () => {
    it('the approval goes to the role it requires, of HR', () => {
      expect(assigneeOf({ role: 'hr_manager' })).toEqual({ role: 'hr_manager', department: 'hr' });
    });
    it('every other step to an hr_specialist of HR', () => {
      expect(assigneeOf({})).toEqual({ role: 'hr_specialist', department: 'hr' });
    });
  });
});

describe('whose tasks a caller sees', () => {
  it('a specialist: their role, without a department or in theirs', () => {
    expect(visibleAudienceKeys(['hr_specialist'], ['finance'])).toEqual(['hr_specialist@', 'hr_specialist@finance']);
  });

  it('an hr_manager: also every assignable role of their departments', () => {
    expect(visibleAudienceKeys(['hr_manager'], ['hr'])).toEqual(['admin@hr', 'hr_manager@', 'hr_manager@hr', 'hr_specialist@hr']);
  });

  it('without departments: only tasks that name none', () => {
    expect(visibleAudienceKeys(['hr_specialist', 'hr_manager'], [])).toEqual(['hr_manager@', 'hr_specialist@']);
  });
});

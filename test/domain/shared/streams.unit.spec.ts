import {
  employeeStream,
  insuranceStream,
  offboardingStream,
  parseStream,
  policyStream,
  refusalLogStream,
} from '../../../src/domain/shared/streams';

describe('stream names', () => {
  it('names each kind of stream <category>-<id>', () => {
    expect(employeeStream('E1001')).toBe('employee-E1001');
    expect(insuranceStream('E1001')).toBe('insurance-E1001');
    expect(offboardingStream('K-7')).toBe('offboarding-K-7');
    expect(policyStream('shanghai', 'school_establishment')).toBe('policy-shanghai-school_establishment');
    expect(refusalLogStream('2024-05')).toBe('audit-2024-05');
  });

  it('reads back what it built', () => {
    expect(parseStream(employeeStream('E1001'))).toEqual({ kind: 'employee', employeeId: 'E1001' });
    expect(parseStream(insuranceStream('E1001'))).toEqual({ kind: 'insurance', employeeId: 'E1001' });
    expect(parseStream(offboardingStream('K-7'))).toEqual({ kind: 'offboarding', caseId: 'K-7' });
    expect(parseStream(policyStream('shanghai', 'enterprise_contract'))).toEqual({
      kind: 'policy',
      region: 'shanghai',
      category: 'enterprise_contract',
    });
    expect(parseStream(refusalLogStream('2024-05'))).toEqual({ kind: 'refusalLog', month: '2024-05' });
  });

  it('answers null for a stream of another kind or a malformed name', () => {
    for (const stream of [
      'checkpoint-chain_heads',
      'counter-1',
      'employee',
      'employee-',
      'audit-2024-13',
      'audit-May',
      'policy-shanghai',
      'policy-shanghai-factory',
      'policy--enterprise_regular',
    ]) {
      expect(parseStream(stream)).toBeNull();
    }
  });
});

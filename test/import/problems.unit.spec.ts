import { DomainError } from '../../src/domain/decider';
import { bilingual, domainProblem } from '../../src/import/problems';

describe('reasons in Chinese and English from the deciders’ messages', () => {
  it('splits "中文 / English"', () => {
    expect(
      bilingual('2024-01 早于参保起始月 2024-03 / 2024-01 is before the enrolment start 2024-03', 'CONTRIBUTION_OUTSIDE_ENROLMENT'),
    ).toEqual({
      zh: '2024-01 早于参保起始月 2024-03',
      en: '2024-01 is before the enrolment start 2024-03',
    });
  });

  it('translates the English-only messages of the employee archive', () => {
    expect(bilingual('Employee E1001 is already on record.', 'EMPLOYEE_EXISTS')).toEqual({
      zh: '工号 E1001 已有员工档案',
      en: 'Employee E1001 is already on record.',
    });
    expect(
      bilingual('The ID number is not a valid resident ID number: check character does not match the first 17 digits.', 'INVALID_ID_NUMBER')
        .zh,
    ).toBe('身份证号无效：校验位与前 17 位不符');
    expect(bilingual('Something new.', 'NEW_RULE')).toEqual({ zh: '业务规则不允许（NEW_RULE）', en: 'Something new.' });
  });

  it('separates sentence-by-sentence messages (STEP_LOCKED)', () => {
    const message =
      '请先完成社保转出（减员），再办理退工登记。Complete social-insurance transfer-out (社保转出) before labour termination registration (退工). 社保转出（减员）不可豁免。Social-insurance transfer-out (社保转出) cannot be overridden.';
    expect(bilingual(message, 'STEP_LOCKED')).toEqual({
      zh: '请先完成社保转出（减员），再办理退工登记。社保转出（减员）不可豁免。',
      en: 'Complete social-insurance transfer-out (社保转出) before labour termination registration (退工). Social-insurance transfer-out (社保转出) cannot be overridden.',
    });
  });

  it('reports the field the error names when the file has it, else the command’s field', () => {
    const fieldOf = (f: string) => ({ 'data.terminationDate': 'terminationDate' })[f];
    expect(
      domainProblem(new DomainError('INVALID_DATE', 'x / y', { field: 'data.terminationDate' }), 'labor_termination', fieldOf).field,
    ).toBe('terminationDate');
    expect(domainProblem(new DomainError('STEP_LOCKED', 'x / y', { step: 'labor_termination' }), 'labor_termination', fieldOf).field).toBe(
      'labor_termination',
    );
  });
});

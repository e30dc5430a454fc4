import request from 'supertest';
import { CALENDAR_DATE_PATTERN, CALENDAR_MONTH_PATTERN } from '../../src/http/validators';
import { startTestApp, TestApp } from '../support/test-app';
import { as } from '../support/tokens';

interface Schema {
  type?: string;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
}

/** The request schemas say what the validation enforces, so that a client (or a fuzzer) sends what is taken. */
describe('the OpenAPI document carries the request rules', () => {
  let t: TestApp;
  let schemas: Record<string, { properties: Record<string, Schema>; additionalProperties?: boolean }>;
  let parameters: (path: string, method: string) => Array<{ name: string; schema: Schema }>;
  beforeAll(async () => {
    t = await startTestApp();
    const document = (await request(t.app.getHttpServer()).get('/docs-json').expect(200)).body;
    schemas = document.components.schemas;
    parameters = (path, method) => document.paths[path][method].parameters;
  });
  afterAll(() => t.close());

  it('says dates are real dates in the accepted range, and months YYYY-MM', () => {
    expect(schemas.HireEmployeeDto.properties.hireDate).toMatchObject({
      type: 'string',
      format: 'date',
      pattern: CALENDAR_DATE_PATTERN.source,
    });
    expect(schemas.ContributionDto.properties.month).toMatchObject({ type: 'string', pattern: CALENDAR_MONTH_PATTERN.source });
  });

  it('says the ID number’s shape, an employee id’s pattern, money’s bounds and text’s length', () => {
    const hire = schemas.HireEmployeeDto.properties;
    expect(new RegExp(hire.idNumber.pattern!).test('11010519491231002X')).toBe(true);
    expect(new RegExp(hire.idNumber.pattern!).test('01010519491231002X')).toBe(false);
    expect(new RegExp(hire.employeeId.pattern!).test('E1001')).toBe(true);
    expect(new RegExp(hire.employeeId.pattern!).test('E 1001')).toBe(false);
    expect(hire.monthlyWage).toMatchObject({ minimum: 0, maximum: 1e10 });
    expect(hire.name).toMatchObject({ minLength: 1, maxLength: 100 });
  });

  it('says a body may hold no field the validation does not know, down to nested objects; answers stay open', async () => {
    expect(schemas.HireEmployeeDto.additionalProperties).toBe(false);
    expect(schemas.StepDataDto.additionalProperties).toBe(false);
    expect(schemas.CaseView.additionalProperties).toBeUndefined();
    const refused = await request(t.app.getHttpServer())
      .post('/api/offboarding')
      .set(as.specialist)
      .send({ employeeId: 'E1', reason: 'dismissal', lastWorkingDay: '2024-06-30', extra: 1 })
      .expect(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'extra' })]);
  });

  it('says the pattern of a path parameter', () => {
    const id = parameters('/api/employees/{id}', 'get').find((p) => p.name === 'id');
    expect(id?.schema.pattern).toBeDefined();
  });
});

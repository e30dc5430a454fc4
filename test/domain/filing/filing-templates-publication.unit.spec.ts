import { FilingTemplate } from '../../../src/domain/filing/filing-template';
import { DEFAULT_POLICIES } from '../../../src/domain/policy/default-policies';
import { PolicyDraft, PolicyPublished, policyPublication, PublishPolicy } from '../../../src/domain/policy/policy-publication.decider';
import { SHANGHAI_SI_REDUCTION } from '../../../src/domain/policy/shipped-filing-templates';
import { validatePolicy } from '../../../src/domain/policy/validate-policy';
import { spec } from '../given-when-then';

const shanghai = DEFAULT_POLICIES.find((p) => p.region === 'shanghai' && p.category === 'enterprise_regular')!;
const published: PolicyPublished = { type: 'PolicyPublished', data: { policy: shanghai } };
const { version: _version, ...base } = shanghai;

const publish = (templates: unknown): PublishPolicy => ({
  type: 'PublishPolicy',
  data: {
    region: 'shanghai',
    category: 'enterprise_regular',
    draft: { ...base, parameters: { ...base.parameters, filingTemplates: templates } } as PolicyDraft,
  },
});
const withColumns = (columns: unknown[], over: Partial<FilingTemplate> = {}) => ({
  si_reduction: [{ ...SHANGHAI_SI_REDUCTION, ...over, columns }],
});
const problemsOf = (templates: unknown): string[] =>
  (spec(policyPublication).given([published]).when(publish(templates)).thenThrows('INVALID_POLICY').details.problems as string[]) ?? [];

describe('publishing a policy with filing templates', () => {
  it('publishes a new version whose template is configuration: new columns, new order, the bureau’s codes', () => {
    const template = {
      ...SHANGHAI_SI_REDUCTION,
      effectiveFrom: '2025-01-01',
      source: 'The bureau’s template downloaded 2025-01-02',
      columns: [
        { header: '社会保障号码', field: 'socialSecurityNumber' },
        { header: '姓名', field: 'name' },
        { header: '减员原因', field: 'reasonCode' },
        { header: '单位编号', field: 'constant', value: '310000123' },
      ],
      reasonCodes: { resignation: '11', dismissal: '12', contract_expiry: '13', mutual_agreement: '14', retirement: '21' },
    };
    spec(policyPublication)
      .given([published])
      .when(publish({ si_reduction: [SHANGHAI_SI_REDUCTION, template] }))
      .then([{ type: 'PolicyPublished', data: expect.objectContaining({ policy: expect.objectContaining({ version: 2 }) }) }]);
  });

  it('refuses a column naming a field the service does not know, naming the column', () => {
    const problems = problemsOf(
      withColumns([
        { header: '姓名', field: 'name' },
        { header: '血型', field: 'bloodType' },
      ]),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^parameters\.filingTemplates\.si_reduction\[0\]\.columns\[1\]\.field: unknown field 'bloodType'/),
    ]);
  });

  it('refuses duplicate headers, a format of the wrong kind, a constant without its value and a value on another field', () => {
    const problems = problemsOf(
      withColumns([
        { header: '姓名', field: 'name' },
        { header: '姓名', field: 'idNumber' },
        { header: '减员年月', field: 'reductionMonth', format: 'YYYYMMDD' },
        { header: '单位编号', field: 'constant' },
        { header: '工号', field: 'employeeId', value: 'x' },
      ]),
    );
    expect(problems).toEqual([
      expect.stringMatching(/columns\[1\]\.header: duplicate header '姓名'/),
      expect.stringMatching(/columns\[2\]\.format: must be one of YYYY-MM, YYYYMM/),
      expect.stringMatching(/columns\[3\]\.value: a 'constant' column needs its value/),
      expect.stringMatching(/columns\[4\]\.value: only a 'constant' column takes a value/),
    ]);
  });

  it('refuses a template without the bureau’s code for a separation reason', () => {
    const { retirement: _r, ...codes } = SHANGHAI_SI_REDUCTION.reasonCodes;
    const problems = problemsOf(withColumns(SHANGHAI_SI_REDUCTION.columns, { reasonCodes: codes as never }));
    expect(problems).toEqual([expect.stringMatching(/si_reduction\[0\]\.reasonCodes\.retirement: must be non-empty text/)]);
  });

  it('refuses a receipt without a result column or a column identifying the case, or with a word that means both', () => {
    const receipt = { columns: [{ header: '姓名', field: 'name' }], accepted: ['成功'], rejected: ['失败', '成功'] };
    const problems = problemsOf(withColumns(SHANGHAI_SI_REDUCTION.columns, { receipt: receipt as never }));
    expect(problems).toEqual([
      expect.stringMatching(/receipt\.columns: needs the bureau's answer: a column with field 'result'/),
      expect.stringMatching(/receipt\.columns: needs a column that identifies the case/),
      expect.stringMatching(/receipt\.rejected: '成功' also means accepted/),
    ]);
  });

  it('refuses an unknown filing kind and an unknown field of a template, as any field a policy does not have', () => {
    const problems = problemsOf({ unemployment: [], si_reduction: [{ ...SHANGHAI_SI_REDUCTION, extra: 1 }] });
    expect(problems).toEqual([
      'parameters.filingTemplates.unemployment: is not a field of a policy',
      'parameters.filingTemplates.si_reduction[0].extra: is not a field of a policy',
    ]);
  });

  it('refuses two templates of one kind taking effect on the same day', () => {
    const problems = problemsOf({ si_reduction: [SHANGHAI_SI_REDUCTION, SHANGHAI_SI_REDUCTION] });
    expect(problems).toEqual([
      expect.stringMatching(/si_reduction\[1\]\.effectiveFrom: another template already takes effect on 2011-07-01/),
    ]);
  });

  it('accepts every shipped default, and a policy without templates (published before them)', () => {
    for (const policy of DEFAULT_POLICIES) expect(validatePolicy(policy)).toEqual([]);
    const { filingTemplates: _t, ...without } = shanghai.parameters;
    expect(validatePolicy({ ...shanghai, parameters: without })).toEqual([]);
  });
});

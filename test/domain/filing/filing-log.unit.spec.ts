import { FilingExported, filingEvents, filingLog } from '../../../src/domain/filing/filing-log.decider';
import { filingStream, parseStream } from '../../../src/domain/shared/streams';
import { spec } from '../given-when-then';
import { describeSeam } from '../seam-spec';

const exported: FilingExported['data'] = {
  kind: 'si_reduction',
  region: 'shanghai',
  businessDate: '2024-07-01',
  format: 'xlsx',
  encoding: null,
  templates: [{ category: 'enterprise_regular', policyVersion: 1, effectiveFrom: '2011-07-01' }],
  caseIds: ['K1', 'K2'],
  fileSha256: 'ab'.repeat(32),
};

describeSeam('filing log', filingEvents, [{ type: 'FilingExported', data: exported }]);

describe('the filing log of a region', () => {
  it('names its stream after the region, and reads it back', () => {
    expect(filingStream('shanghai')).toBe('filing-shanghai');
    expect(parseStream('filing-shanghai')).toEqual({ kind: 'filing', region: 'shanghai' });
  });

  it('records every export as its own fact, after any number of earlier ones', () => {
    spec(filingLog)
      .given([{ type: 'FilingExported', data: exported }])
      .when({ type: 'RecordFilingExport', data: { ...exported, format: 'csv', encoding: 'gb18030' } })
      .then([{ type: 'FilingExported', data: { ...exported, format: 'csv', encoding: 'gb18030' } }]);
  });
});

import { earlierService } from '../../../src/domain/severance/earlier-service';

describe('service outside the current employment period', () => {
  it('says nothing for a first hire without a transfer', () => {
    expect(earlierService({ hireDate: '2020-01-06', previousPeriods: [] })).toEqual({ basis: [], review: [] });
  });

  it('names the earlier periods of a rehire without flagging them: counted from the last rehire', () => {
    const { basis, review } = earlierService({
      hireDate: '2025-01-02',
      previousPeriods: [{ hireDate: '2020-01-06', terminationDate: '2024-06-30', caseId: 'K1' }],
    });
    expect(review).toEqual([]);
    expect(basis.join()).toMatch(/2025-01-02/);
    expect(basis.join()).toMatch(/2020-01-06–2024-06-30/);
  });

  it.each([
    [undefined, /不明/],
    [true, /已支付/],
    [false, /未支付/],
  ])('flags a Regs art. 10 transfer for review (compensationPaid %s)', (compensationPaid, zh) => {
    const { review } = earlierService({
      hireDate: '2024-03-01',
      previousPeriods: [],
      priorTransfer: {
        fromEmployer: 'Group Co.',
        since: '2016-03-01',
        notOfOwnWill: true,
        ...(compensationPaid === undefined ? {} : { compensationPaid }),
      },
    });
    expect(review).toHaveLength(1);
    expect(review[0]).toMatch(/实施条例第十条/);
    expect(review[0]).toMatch(/Regs art\. 10/);
    expect(review[0]).toMatch(zh);
  });
});

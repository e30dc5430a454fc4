import { continuityIndex } from '../../src/continuity/continuity-index.projection';
import { continuityGapsQuery, GapsFilter } from '../../src/continuity/continuity-gaps.query';
import { accountContinuity } from '../../src/domain/continuity/continuity';
import { insuranceState } from '../../src/domain/social-insurance/paid-runs';
import { ContinuityAccountDocument, ContinuityIndexDocument } from '../../src/continuity/continuity-index.projection';
import { continuityGapsRow } from '../../src/continuity/continuity-gaps.view';
import { CONTINUITY_GAP_COUNTS, gapCountsOf, GapCountsDocument, gapsTotal } from '../../src/continuity/gap-counts';
import { event, EventInput, projectionSpec } from '../support/projection-harness';

const hired = (id: string, orgUnit: string, region = 'shanghai', category = 'enterprise_regular') =>
  event(`employee-${id}`, 'EmployeeHired', {
    employeeId: id,
    orgUnit,
    category,
    region,
    hireDate: '2024-01-02',
    monthlyWage: 10000,
    position: null,
  });
const enrolled = (id: string, startMonth: string) =>
  event(`insurance-${id}`, 'SocialInsuranceEnrolled', {
    employeeId: id,
    startMonth,
    insuranceTypes: ['pension', 'unemployment'],
    contributionBase: 10000,
    hireDate: '2024-01-02',
  });
const paid = (id: string, ...months: string[]): EventInput[] =>
  months.map((month) =>
    event(`insurance-${id}`, 'ContributionRecorded', { month, insuranceTypes: ['pension', 'unemployment'], base: 10000 }),
  );

projectionSpec('continuity index', continuityIndex, ({ given, collection, store, physical }) => {
  it('keeps per employee the org unit, region, category and the first gap month, with the account folded', async () => {
    await given([
      hired('E1', 'Finance'),
      enrolled('E1', '2024-01'),
      ...paid('E1', '2024-01', '2024-02', '2024-04'),
      event('employee-E1', 'PersonalDataRecorded', { employeeId: 'E1', name: '张三', idNumber: '11010519491231002X', contact: {} }),
      event('employee-E1', 'PositionChanged', { employeeId: 'E1', position: 'Lead', orgUnit: 'Treasury', effectiveDate: '2024-05-01' }),
    ]);
    const [doc] = await collection('continuity_index');
    expect(doc).toEqual({
      id: 'E1',
      employeeId: 'E1',
      orgUnit: 'Treasury',
      region: 'shanghai',
      category: 'enterprise_regular',
      firstGapMonth: '2024-03',
      gaps: {
        pension: [
          { from: '2024-03', to: '2024-03' },
          { from: '2024-05', to: null },
        ],
        unemployment: [
          { from: '2024-03', to: '2024-03' },
          { from: '2024-05', to: null },
        ],
      },
    });
    expect(await collection('continuity_accounts')).toEqual([
      {
        id: 'E1',
        insurance: expect.objectContaining({
          employeeId: 'E1',
          periods: [expect.objectContaining({ startMonth: '2024-01', transferOut: null })],
        }),
      },
    ]);
    expect(JSON.stringify(doc)).not.toContain('张三');
  });

  it('moves the first gap month as contributions fill it, and clears it when a transfer-out closes a complete account', async () => {
    await given([hired('E2', 'IT'), enrolled('E2', '2024-01'), ...paid('E2', '2024-01', '2024-03')]);
    expect((await collection('continuity_index'))[0].firstGapMonth).toBe('2024-02');
    await given([...paid('E2', '2024-02')]);
    expect((await collection('continuity_index'))[0].firstGapMonth).toBe('2024-04');
    await given([
      event('insurance-E2', 'SocialInsuranceTransferredOut', {
        caseId: 'C1',
        lastPaidMonth: '2024-03',
        contributionsAfterLastPaidMonth: [],
      }),
    ]);
    expect((await collection('continuity_index'))[0].firstGapMonth).toBeNull();
  });

  it('answers the report’s filters from the index: a gap up to `through`, by org unit, region and category', async () => {
    await given([
      hired('A', 'Finance'),
      enrolled('A', '2024-01'),
      ...paid('A', '2024-01', '2024-03'),
      hired('B', 'Finance'),
      enrolled('B', '2024-01'),
      ...paid('B', '2024-01', '2024-02', '2024-03'),
      hired('C', 'IT', 'beijing', 'enterprise_contract'),
      enrolled('C', '2024-01'),
      ...paid('C', '2024-01'),
      hired('D', 'Finance'),
    ]);
    const ids = async (filter: Parameters<typeof continuityGapsQuery>[0]) =>
      (await store().find(physical('continuity_index'), continuityGapsQuery(filter, { skip: 0, limit: 50 }))).map((d) => d.id);
    expect(await ids({ through: '2024-01' })).toEqual([]);
    expect(await ids({ through: '2024-02' })).toEqual(['A', 'C']);
    expect(await ids({ through: '2024-03' })).toEqual(['A', 'C']);
    // The longest-standing gaps first: A and C from 2024-02, B from 2024-04.
    expect(await ids({ through: '2024-04' })).toEqual(['A', 'C', 'B']);
    expect(await ids({ through: '2024-04', orgUnit: 'Finance' })).toEqual(['A', 'B']);
    expect(await ids({ through: '2024-04', region: 'beijing', category: 'enterprise_contract' })).toEqual(['C']);
    expect(await ids({ through: '2024-04', category: 'enterprise_regular' })).toEqual(['A', 'B']);
    expect(
      await store().count(physical('continuity_index'), continuityGapsQuery({ through: '2024-04' }, { skip: 0, limit: 1 }).filter),
    ).toBe(3);
  });

  it('keeps the report’s totals: each filter’s counter document equals a count of the index, for every month, as people move', async () => {
    // A small generated population (a fixed seed): some never hired (no org unit), some moved, some transferred out, gaps anywhere.
    let seed = 12345;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      // The high bits: the low ones of this generator repeat with a short period.
      return Math.floor(seed / 2 ** 16) % n;
    };
    const ORGS = ['Finance', 'IT', 'Sales'];
    const REGIONS = ['shanghai', 'beijing'];
    const CATEGORIES = ['enterprise_regular', 'enterprise_contract'];
    const MONTHS = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06'];
    const events: EventInput[] = [];
    for (let i = 0; i < 16; i++) {
      const id = `G${i}`;
      if (i % 7 !== 6) events.push(hired(id, ORGS[random(3)], REGIONS[random(2)], CATEGORIES[random(2)]));
      events.push(enrolled(id, MONTHS[random(2)]));
      events.push(...paid(id, ...MONTHS.filter(() => random(6) !== 0)));
      if (i % 4 === 1)
        events.push(
          event(`employee-${id}`, 'PositionChanged', {
            employeeId: id,
            position: 'Lead',
            orgUnit: ORGS[random(3)],
            effectiveDate: '2024-05-01',
          }),
        );
      if (i % 5 === 2)
        events.push(
          event(`insurance-${id}`, 'SocialInsuranceTransferredOut', {
            caseId: `C${i}`,
            lastPaidMonth: MONTHS[2 + random(4)],
            contributionsAfterLastPaidMonth: [],
          }),
        );
      if (i % 5 === 2 && i % 2 === 0) {
        // Re-enrolled after the transfer-out: a second period, its own gaps.
        events.push(enrolled(id, '2024-08'));
        events.push(...paid(id, ...['2024-08', '2024-09', '2024-10', '2024-11'].filter(() => random(3) !== 0)));
      }
      // Back-payments: a month paid late may fill a gap in its middle.
      if (i % 2 === 1) events.push(...paid(id, MONTHS[1 + random(4)]), ...paid(id, MONTHS[random(6)]));
      if (i % 3 === 0) {
        const month = MONTHS[random(6)];
        events.push(...paid(id, month));
        events.push(
          event(`insurance-${id}`, 'ContributionCorrected', { month, insuranceTypes: ['pension'], base: 11000, previousBase: 10000 }),
        );
      }
    }
    // Interleaved, as the log holds them: contributions after moves and the other way round.
    const streams = new Map<string, EventInput[]>();
    for (const e of events) streams.set(e.stream, [...(streams.get(e.stream) ?? []), e]);
    const queues = [...streams.values()];
    const log: EventInput[] = [];
    while (queues.some((q) => q.length > 0)) {
      const open = queues.filter((q) => q.length > 0);
      log.push(open[random(open.length)].shift()!);
    }
    await given(log);

    const index = physical('continuity_index');
    // Each row's gaps, from the index's open gaps, are the account's gaps up to `through`, for every `through`.
    const docs = await collection<ContinuityIndexDocument>('continuity_index');
    const accounts = new Map(
      (await collection<ContinuityAccountDocument>('continuity_accounts')).map((a) => [a.id, insuranceState(a.insurance)]),
    );
    let gapsSeen = 0;
    for (const doc of docs) {
      for (const through of ['2023-12', ...MONTHS, '2024-08', '2024-09', '2024-12', '2030-01']) {
        const expected = Object.fromEntries(
          Object.entries(accountContinuity(accounts.get(doc.id)!, through)).map(([type, c]) => [
            type,
            { gapMonths: c.gaps.reduce((sum, g) => sum + g.months, 0), firstGap: c.gaps[0] ?? null },
          ]),
        );
        expect({ id: doc.id, through, types: continuityGapsRow(doc, null, through).types }).toEqual({
          id: doc.id,
          through,
          types: expected,
        });
        gapsSeen += Object.values(expected).filter((t) => t.gapMonths > 0).length;
      }
    }
    expect(gapsSeen).toBeGreaterThan(100);
    const filters: Array<Omit<GapsFilter, 'through'>> = [{}];
    for (const orgUnit of [undefined, ...ORGS, 'Nowhere'])
      for (const region of [undefined, ...REGIONS])
        for (const category of [undefined, ...CATEGORIES]) filters.push({ orgUnit, region, category });
    let nonZero = 0;
    for (const filter of filters) {
      const counts = await store().get<GapCountsDocument>(physical(CONTINUITY_GAP_COUNTS), gapCountsOf({ through: '2024-01', ...filter }));
      for (const through of ['2023-12', ...MONTHS, '2024-09']) {
        const recount = await store().count(index, continuityGapsQuery({ through, ...filter }, { skip: 0, limit: 1 }).filter);
        expect({ filter, through, total: gapsTotal(counts, through) }).toEqual({ filter, through, total: recount });
        if (recount > 0) nonZero++;
      }
    }
    // The generated data exercises the totals: most filters have someone with a gap, first gaps spread over the months.
    expect(nonZero).toBeGreaterThan(60);
    const all = await store().get<GapCountsDocument>(physical(CONTINUITY_GAP_COUNTS), gapCountsOf({ through: '2024-01' }));
    expect(Object.keys(all!.months).length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...Object.values(all!.months))).toBeGreaterThan(1);
    expect(await store().count(index, continuityGapsQuery({ through: '2024-09' }, { skip: 0, limit: 1 }).filter)).toBeGreaterThan(5);
    // Hundreds of events applied one by one, each a few writes: MongoDB (FerretDB) takes seconds.
  }, 60_000);
});

import { v7 as uuidv7 } from 'uuid';
import { ContinuityGapsService } from '../../src/continuity/continuity-gaps.service';
import {
  CONTINUITY_ACCOUNTS,
  CONTINUITY_INDEX,
  ContinuityAccountDocument,
  continuityIndex,
  ContinuityIndexDocument,
} from '../../src/continuity/continuity-index.projection';
import { CONTINUITY_GAP_COUNTS } from '../../src/continuity/gap-counts';
import { insuranceState } from '../../src/domain/social-insurance/paid-runs';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { SqliteReadStore } from '../../src/infrastructure/read-store/sqlite/sqlite-read-store';
import { applyEvents } from '../../src/projections/apply-events';
import { physicalName, POINTERS, prepareGeneration } from '../../src/projections/generations';
import { ProjectionsService } from '../../src/projections/projections.service';
import { event, EventInput } from '../support/projection-harness';

/**
 * Version 2 of continuity_index keeps the accounts apart, the open gaps in the
 * index and the totals in counter documents. After a deploy, the generation of
 * version 1 answers (and follows the log with the new code) until version 2 is
 * rebuilt: the report must answer from it as before, counting its index.
 */
describe('continuity-gaps report while version 2 of continuity_index is rebuilt', () => {
  const hired = (id: string, orgUnit: string) =>
    event(`employee-${id}`, 'EmployeeHired', {
      employeeId: id,
      orgUnit,
      category: 'enterprise_regular',
      region: 'shanghai',
      hireDate: '2024-01-02',
      monthlyWage: 10000,
      position: null,
    });
  const enrolled = (id: string) =>
    event(`insurance-${id}`, 'SocialInsuranceEnrolled', {
      employeeId: id,
      startMonth: '2024-01',
      insuranceTypes: ['pension', 'unemployment'],
      contributionBase: 10000,
      hireDate: '2024-01-02',
    });
  const paid = (id: string, month: string) =>
    event(`insurance-${id}`, 'ContributionRecorded', { month, insuranceTypes: ['pension', 'unemployment'], base: 10000 });

  let events: SqliteEventStore;
  let reads: SqliteReadStore;
  beforeEach(() => {
    events = new SqliteEventStore({ file: ':memory:' });
    reads = new SqliteReadStore(':memory:');
  });
  afterEach(async () => {
    await events.close();
    await reads.close();
  });

  async function append(inputs: EventInput[]) {
    const recorded = [];
    for (const input of inputs) {
      const metadata = {
        actor: { id: 'hr-1', role: 'hr_specialist' },
        recordedAt: '2024-05-10T08:00:00.000Z',
        correlationId: 'c',
        causationId: 'c',
        source: 'test',
      };
      await events.appendToStream(input.stream, 'any', [{ id: uuidv7(), type: input.type, schemaVersion: 1, data: input.data, metadata }]);
      recorded.push((await events.readStream(input.stream, { direction: 'backwards', maxCount: 1 }))[0]);
    }
    return recorded;
  }

  /** Generation 1 as version 1 left it: the account in each index document, no gaps, no accounts or counts. */
  async function versionOneGeneration(): Promise<void> {
    const index = physicalName(CONTINUITY_INDEX, 1);
    const accounts = new Map(
      (await reads.find<ContinuityAccountDocument>(physicalName(CONTINUITY_ACCOUNTS, 1))).map((a) => [a.id, insuranceState(a.insurance)]),
    );
    for (const doc of await reads.find<ContinuityIndexDocument>(index)) {
      const { gaps: _gaps, ...rest } = doc;
      await reads.upsert(index, { ...rest, insurance: accounts.get(doc.id) });
    }
    await reads.dropCollection(physicalName(CONTINUITY_ACCOUNTS, 1));
    await reads.dropCollection(physicalName(CONTINUITY_GAP_COUNTS, 1));
  }

  const service = (generation: number) =>
    new ContinuityGapsService(
      reads,
      events,
      { collection: (_: string, logical: string) => physicalName(logical, generation) } as unknown as ProjectionsService,
      () => new Date('2024-07-15T04:00:00Z'),
    );

  it('answers from the version-1 generation as a fresh version-2 one does, after more events reached both', async () => {
    const before = [
      hired('A', 'Finance'),
      enrolled('A'),
      paid('A', '2024-01'),
      paid('A', '2024-03'),
      hired('B', 'IT'),
      enrolled('B'),
      paid('B', '2024-01'),
      hired('C', 'IT'),
      enrolled('C'),
      hired('D', 'Sales'),
      enrolled('D'),
    ];
    const after = [
      paid('B', '2024-02'),
      paid('A', '2024-02'),
      paid('C', '2024-01'),
      paid('C', '2024-02'),
      paid('C', '2024-03'),
      paid('C', '2024-04'),
    ];
    const first = await append(before);
    await prepareGeneration(reads, continuityIndex, 1);
    await applyEvents(reads, continuityIndex, 1, first);
    await versionOneGeneration();
    await reads.upsert(POINTERS, { id: continuityIndex.name, generation: 1, version: 1, switchedAt: '2024-05-10T08:00:00.000Z' });
    // The version-1 generation follows the log with this code (the runner ensures the new collections).
    const second = await append(after);
    for (const [collection, indexes] of Object.entries(continuityIndex.collections))
      await reads.ensureCollection(physicalName(collection, 1), indexes);
    await applyEvents(reads, continuityIndex, 1, second);
    const legacy = await reads.find<ContinuityIndexDocument & { insurance?: unknown }>(physicalName(CONTINUITY_INDEX, 1));
    expect(legacy.map((doc) => [doc.id, doc.insurance !== undefined, doc.gaps !== undefined])).toEqual([
      ['A', true, true],
      ['B', true, true],
      ['C', true, true],
      ['D', true, false],
    ]);

    // Version 2, rebuilt from the whole log.
    await prepareGeneration(reads, continuityIndex, 2);
    await applyEvents(reads, continuityIndex, 2, [...first, ...second]);

    for (const query of [
      {},
      { through: '2024-02' },
      { through: '2024-04' },
      { through: '2024-06', orgUnit: 'IT' },
      { pageSize: 1, page: 2, through: '2024-06' },
    ]) {
      await reads.upsert(POINTERS, { id: continuityIndex.name, generation: 1, version: 1, switchedAt: '2024-05-10T08:00:00.000Z' });
      const old = await service(1).report(query, false);
      await reads.upsert(POINTERS, {
        id: continuityIndex.name,
        generation: 2,
        version: continuityIndex.version,
        switchedAt: '2024-07-01T08:00:00.000Z',
      });
      const fresh = await service(2).report(query, false);
      expect({ query, ...old }).toEqual({ query, ...fresh });
    }
    expect((await service(2).report({ through: '2024-06' }, false)).total).toBe(4);
    // The version-2 generation's counts are complete: they answer once its pointer says so, the older generation's are not used.
    await reads.upsert(POINTERS, {
      id: continuityIndex.name,
      generation: 1,
      version: continuityIndex.version,
      switchedAt: '2024-07-01T08:00:00.000Z',
    });
    // (D had no event since: generation 1 never counted it.)
    expect((await service(1).report({ through: '2024-06' }, false)).total).toBe(3);
  });
});

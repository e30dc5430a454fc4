import { ReadDocument, ReadStore } from '../../src/infrastructure/read-store/read-store.port';
import { ProjectionUnitOfWork } from '../../src/projections/projection-unit-of-work';

/** A read store holding `stored` per physical collection, counting the reads that reach it. */
function storeWith(stored: Record<string, ReadDocument[]>) {
  const reads: string[] = [];
  const store = {
    get: async (collection: string, id: string) => {
      reads.push(`${collection}/${id}`);
      return structuredClone(stored[collection]?.find((d) => d.id === id) ?? null);
    },
  } as unknown as ReadStore;
  return { store, reads };
}

const unitOn = (store: ReadStore) => new ProjectionUnitOfWork(store, (collection) => `${collection}_g1`);

describe('ProjectionUnitOfWork', () => {
  it('keeps the last write of each document, with the position of the event that made it, in the order of the last writes', () => {
    const unit = unitOn(storeWith({}).store);
    unit.at(1n);
    unit.upsert('people', { id: 'A', n: 1 });
    unit.at(2n);
    unit.upsert('people', { id: 'B', n: 1 });
    unit.at(3n);
    unit.upsert('people', { id: 'A', n: 2 });
    unit.at(4n);
    unit.upsert('cases', { id: 'A', n: 9 });

    expect(unit.batch('people_g1', 4n)).toEqual({
      checkpoint: 'people_g1',
      position: 4n,
      writes: [
        { op: 'upsert', collection: 'people_g1', doc: { id: 'B', n: 1 }, position: 2n },
        { op: 'upsert', collection: 'people_g1', doc: { id: 'A', n: 2 }, position: 3n },
        { op: 'upsert', collection: 'cases_g1', doc: { id: 'A', n: 9 }, position: 4n },
      ],
    });
  });

  it('turns an upsert followed by a delete in the same batch into the delete, at the delete’s position', async () => {
    const { store } = storeWith({ people_g1: [{ id: 'A', n: 0 }] });
    const unit = unitOn(store);
    unit.at(5n);
    unit.upsert('people', { id: 'A', n: 1 });
    unit.at(7n);
    unit.delete('people', 'A');

    expect(await unit.get('people', 'A')).toBeNull();
    expect(unit.batch('c', 7n).writes).toEqual([{ op: 'delete', collection: 'people_g1', id: 'A', position: 7n }]);
  });

  it('turns a delete followed by an upsert in the same batch into the upsert, at the upsert’s position', async () => {
    const unit = unitOn(storeWith({ people_g1: [{ id: 'A', n: 0 }] }).store);
    unit.at(5n);
    unit.delete('people', 'A');
    unit.at(6n);
    unit.upsert('people', { id: 'A', n: 1 });

    expect(await unit.get('people', 'A')).toEqual({ id: 'A', n: 1 });
    expect(unit.batch('c', 6n).writes).toEqual([{ op: 'upsert', collection: 'people_g1', doc: { id: 'A', n: 1 }, position: 6n }]);
  });

  it('reads the batch’s own writes (deletes included) without asking the store, and the store for the rest', async () => {
    const { store, reads } = storeWith({
      people_g1: [
        { id: 'A', n: 0 },
        { id: 'B', n: 0 },
        { id: 'C', n: 0 },
      ],
    });
    const unit = unitOn(store);
    unit.at(1n);
    unit.upsert('people', { id: 'A', n: 1 });
    unit.delete('people', 'B');

    expect(await unit.get('people', 'A')).toEqual({ id: 'A', n: 1 });
    expect(await unit.get('people', 'B')).toBeNull();
    expect(await unit.get('people', 'C')).toEqual({ id: 'C', n: 0 });
    expect(await unit.get('cases', 'A')).toBeNull();
    expect(reads).toEqual(['people_g1/C', 'cases_g1/A']);
  });

  it('hands back the document a handler upserted, uncopied, so the next event of the batch continues from it', async () => {
    const unit = unitOn(storeWith({}).store);
    const doc = { id: 'A', months: ['2024-01'] };
    unit.at(1n);
    unit.upsert('people', doc);

    const again = await unit.get<typeof doc>('people', 'A');
    expect(again).toBe(doc);
    unit.at(2n);
    unit.upsert('people', { ...again!, months: [...again!.months, '2024-02'] });
    expect(unit.batch('c', 2n).writes).toEqual([
      { op: 'upsert', collection: 'people_g1', doc: { id: 'A', months: ['2024-01', '2024-02'] }, position: 2n },
    ]);
  });

  it('keeps every side write in the order asked, on the collections named (no generation), and counts them as writes', () => {
    const unit = unitOn(storeWith({}).store);
    expect(unit.wrote()).toBe(false);
    const withdraw = { where: { state: 'pending' }, set: { state: 'cancelled' }, increment: 'version' };
    unit.at(7n);
    unit.updateAllUnder('outbox', 'r:K1:approval:3:', withdraw);
    unit.insertAllIfAbsent('outbox', [{ id: 'r:K1:approval:7:due' }]);
    unit.insertAllIfAbsent('outbox', []);
    unit.updateAllUnder('outbox', 'r:K1:approval:3:', withdraw);
    expect(unit.wrote()).toBe(true);
    expect(unit.batch('reminders_g1', 7n)).toEqual({
      checkpoint: 'reminders_g1',
      position: 7n,
      writes: [],
      sideWrites: [
        { op: 'updateAllUnder', collection: 'outbox', idPrefix: 'r:K1:approval:3:', change: withdraw },
        { op: 'insertAllIfAbsent', collection: 'outbox', docs: [{ id: 'r:K1:approval:7:due' }] },
        { op: 'updateAllUnder', collection: 'outbox', idPrefix: 'r:K1:approval:3:', change: withdraw },
      ],
    });
  });

  it('tells each afterCommit listener once when committed, however often it was asked for', () => {
    const unit = unitOn(storeWith({}).store);
    const told: string[] = [];
    const outbox = () => told.push('outbox');
    unit.afterCommit(outbox);
    unit.afterCommit(outbox);
    unit.afterCommit(() => told.push('other'));
    expect(told).toEqual([]);
    unit.committed();
    expect(told).toEqual(['outbox', 'other']);
  });
});

/**
 * The one contract every ReadStore adapter passes (docs/DESIGN.md: one suite per port).
 * Each test uses its own collection and checkpoint names, so the suite also runs
 * against a shared, non-empty server.
 */
import { v7 as uuidv7 } from 'uuid';
import { ProjectionBatch, ReadDocument, ReadModelWrite, ReadStore } from '../../../src/infrastructure/read-store/read-store.port';
import { ContractOptions, suite } from '../../support/contract-suite';

export interface ReadStoreHarness {
  /** A store to test; shared between the tests of one run (names are unique per test). */
  open(): Promise<ReadStore>;
  /** Closes what open() made. */
  dispose(store: ReadStore): Promise<void>;
}

let counter = 0;
/** A name valid as a collection: letters, digits, underscores. */
const unique = (prefix = 'c') => `${prefix}_${uuidv7().replace(/-/g, '')}_${++counter}`;

type Write = ReadModelWrite & { position: bigint };
const up = (collection: string, doc: ReadDocument, position: bigint): Write => ({ op: 'upsert', collection, doc, position });
const del = (collection: string, id: string, position: bigint): Write => ({ op: 'delete', collection, id, position });
const batch = (checkpoint: string, position: bigint, writes: Write[]): ProjectionBatch => ({ checkpoint, position, writes });

const ids = (docs: ReadDocument[]) => docs.map((d) => d.id);

/**
 * Whether the promise rejected, with any error. Not `rejects.toThrow()`: better-sqlite3 keeps the error
 * class of the first test file that loaded it in a Jest worker, and in later files its errors fail `instanceof Error`.
 */
const rejected = (p: Promise<unknown>) =>
  p.then(
    () => false,
    () => true,
  );

const people: ReadDocument[] = [
  {
    id: 'e1',
    name: '张三',
    dept: 'hr',
    age: 30,
    hiredAt: '2019-03-01T00:00:00.000Z',
    address: { city: '上海', zip: '200000' },
    manager: null,
    active: true,
  },
  {
    id: 'e2',
    name: '李四',
    dept: 'it',
    age: 25,
    hiredAt: '2021-07-15T00:00:00.000Z',
    address: { city: '北京', zip: '100000' },
    manager: 'e1',
    active: true,
  },
  {
    id: 'e3',
    name: '王五',
    dept: 'it',
    age: 41,
    hiredAt: '2015-01-10T00:00:00.000Z',
    address: { city: '上海', zip: '200001' },
    active: false,
  },
  {
    id: 'e4',
    name: '赵六',
    dept: 'finance',
    age: 30,
    hiredAt: '2023-11-30T00:00:00.000Z',
    address: { city: '深圳', zip: '518000' },
    manager: 'e1',
    active: true,
  },
  {
    id: 'e5',
    name: '钱七',
    dept: 'hr',
    age: 52.5,
    hiredAt: '2010-05-05T00:00:00.000Z',
    address: { city: '北京', zip: '100001' },
    manager: 'e3',
    active: false,
  },
  {
    id: 'e6',
    name: '孙八',
    dept: 'it',
    age: 30,
    hiredAt: '2024-02-29T00:00:00.000Z',
    address: { city: '上海', zip: '200002' },
    manager: null,
    active: true,
  },
];

export interface ReadStoreContractOptions extends ContractOptions {
  /**
   * False for a server whose conditional replace is a read then a write (FerretDB 1.x on
   * its SQLite backend lets two racing compare-and-sets both succeed): that one test is
   * reported skipped there; MongoDB and SQLite match and replace as one step.
   */
  atomicReplace?: boolean;
}

export function readStoreContract(name: string, harness: () => ReadStoreHarness, options: ReadStoreContractOptions = {}): void {
  suite(options)(`ReadStore contract: ${name}`, () => {
    let store: ReadStore;
    let h: ReadStoreHarness;

    beforeAll(async () => {
      h = harness();
      store = await h.open();
    });
    afterAll(async () => {
      await h.dispose(store);
    });

    describe('collections and indexes', () => {
      const indexes = [
        { fields: ['email'], unique: true },
        { fields: ['dept', 'age'] },
        { fields: ['tenant', 'code'], unique: true },
        { fields: ['address.city'] },
      ];

      it('ensureCollection is idempotent: a second call with the same indexes changes nothing', async () => {
        const c = unique();
        await store.ensureCollection(c, indexes);
        await store.upsert(c, { id: 'a', email: 'a@x.cn', dept: 'hr', age: 30 });
        await store.ensureCollection(c, indexes);
        expect(await store.get(c, 'a')).toEqual({ id: 'a', email: 'a@x.cn', dept: 'hr', age: 30 });
        expect(await store.listCollections(c)).toEqual([c]);
      });

      it('a unique index refuses a second document with the same value', async () => {
        const c = unique();
        await store.ensureCollection(c, indexes);
        await store.ensureCollection(c, indexes);
        await store.upsert(c, { id: 'a', email: 'same@x.cn' });
        expect(await rejected(store.upsert(c, { id: 'b', email: 'same@x.cn' }))).toBe(true);
        await store.upsert(c, { id: 'a', email: 'same@x.cn', name: 'updated in place' });
        expect(ids(await store.find(c))).toEqual(['a']);
      });

      it('a compound unique index refuses only a repeated combination', async () => {
        const c = unique();
        await store.ensureCollection(c, indexes);
        await store.upsert(c, { id: 'a', email: 'a', tenant: 't1', code: 'X' });
        await store.upsert(c, { id: 'b', email: 'b', tenant: 't1', code: 'Y' });
        await store.upsert(c, { id: 'c', email: 'c', tenant: 't2', code: 'X' });
        expect(await rejected(store.upsert(c, { id: 'd', email: 'd', tenant: 't1', code: 'X' }))).toBe(true);
        expect(await store.count(c)).toBe(3);
      });

      it('reads of a collection that was never created are empty', async () => {
        const c = unique();
        expect(await store.get(c, 'x')).toBeNull();
        expect(await store.find(c, { filter: { a: 1 }, sort: { a: 1 } })).toEqual([]);
        expect(await store.count(c)).toBe(0);
      });

      it('writing to a collection that was never ensured creates it', async () => {
        const c = unique();
        await store.upsert(c, { id: 'a', n: 1 });
        await store.applyBatch(batch(unique('cp'), 5n, [up(c, { id: 'b', n: 2 }, 5n)]));
        expect(ids(await store.find(c))).toEqual(['a', 'b']);
        expect(await store.listCollections(c)).toEqual([c]);
      });

      it('listCollections returns exactly the collections whose names start with the prefix, sorted', async () => {
        const prefix = unique('gen');
        const names = [`${prefix}_v2_b`, `${prefix}_v1_a`, `${prefix}_v1_b`];
        for (const n of names) await store.ensureCollection(n, []);
        await store.ensureCollection(unique('other'), []);
        expect(await store.listCollections(`${prefix}_v1_`)).toEqual([`${prefix}_v1_a`, `${prefix}_v1_b`]);
        expect(await store.listCollections(prefix)).toEqual([...names].sort());
        expect(await store.listCollections(unique('none'))).toEqual([]);
      });

      it('dropCollection removes the collection with its documents and indexes; dropping a missing one is a no-op', async () => {
        const c = unique();
        await store.ensureCollection(c, [{ fields: ['email'], unique: true }]);
        await store.upsert(c, { id: 'a', email: 'a' });
        await store.dropCollection(c);
        expect(await store.listCollections(c)).toEqual([]);
        expect(await store.get(c, 'a')).toBeNull();
        await store.dropCollection(c);
        await store.ensureCollection(c, [{ fields: ['email'], unique: true }]);
        expect(await store.count(c)).toBe(0);
        await store.upsert(c, { id: 'b', email: 'a' });
        expect(await rejected(store.upsert(c, { id: 'c', email: 'a' }))).toBe(true);
      });

      it('refuses collection names, field names and conditions outside the strict patterns', async () => {
        const c = unique();
        await store.ensureCollection(c, []);
        for (const bad of ['', 'bad-name', 'a.b', '1abc', '_checkpoints', '$cmd', 'x"; DROP TABLE y; --', '表']) {
          await expect(store.ensureCollection(bad, [])).rejects.toThrow(TypeError);
          await expect(store.get(bad, 'a')).rejects.toThrow(TypeError);
          await expect(store.upsert(bad, { id: 'a' })).rejects.toThrow(TypeError);
        }
        for (const field of ["a') IS NULL OR 1=1 --", '$where', 'a..b', '.a', 'a b', '_id', '_pos']) {
          await expect(store.find(c, { filter: { [field]: 1 } })).rejects.toThrow(TypeError);
          await expect(store.find(c, { sort: { [field]: 1 } })).rejects.toThrow(TypeError);
          await expect(store.count(c, { [field]: 1 })).rejects.toThrow(TypeError);
          await expect(store.ensureCollection(c, [{ fields: [field] }])).rejects.toThrow(TypeError);
        }
        const bogus: unknown[] = [
          { $ne: 1 },
          { $where: 'true' },
          { $in: 'a' },
          { $in: [{ $gt: 1 }] },
          {},
          { $gt: { $gt: 1 } },
          { $gt: 1, $in: [1] },
          [1],
          NaN,
        ];
        for (const condition of bogus) {
          await expect(store.find(c, { filter: { a: condition as never } })).rejects.toThrow(TypeError);
        }
        await expect(store.find(c, { limit: -1 })).rejects.toThrow(RangeError);
        await expect(store.find(c, { skip: 1.5 })).rejects.toThrow(RangeError);
        await expect(store.find(c, { sort: { a: 0 as never } })).rejects.toThrow(TypeError);
      });
    });

    describe('documents', () => {
      it('get returns null for a missing id and the document after an upsert', async () => {
        const c = unique();
        await store.ensureCollection(c, []);
        expect(await store.get(c, 'missing')).toBeNull();
        await store.upsert(c, { id: 'a', n: 1 });
        expect(await store.get(c, 'a')).toEqual({ id: 'a', n: 1 });
      });

      it('upsert replaces the whole document', async () => {
        const c = unique();
        await store.upsert(c, { id: 'a', keep: 1, drop: 2 });
        await store.upsert(c, { id: 'a', keep: 3 });
        expect(await store.get(c, 'a')).toStrictEqual({ id: 'a', keep: 3 });
      });

      it('delete removes the document; deleting a missing id is a no-op', async () => {
        const c = unique();
        await store.upsert(c, { id: 'a' });
        await store.upsert(c, { id: 'b' });
        await store.delete(c, 'a');
        await store.delete(c, 'never-there');
        expect(await store.get(c, 'a')).toBeNull();
        expect(ids(await store.find(c))).toEqual(['b']);
      });

      it('gives documents back exactly as written, with no _id and no position field', async () => {
        const c = unique();
        const doc: ReadDocument = {
          id: 'emp-0001',
          name: '张三',
          note: '社保转出后再办理退工 🏢',
          n: 42,
          ratio: -0.125,
          big: 2 ** 40,
          flag: false,
          none: null,
          tags: ['编制内', 1, null, true, { deep: [] }],
          nested: { a: { b: { c: '深' } }, empty: {} },
          emptyList: [],
        };
        await store.upsert(c, doc);
        await store.applyBatch(batch(unique('cp'), 9n, [up(c, { ...doc, id: 'emp-0002' }, 9n)]));
        expect(await store.get(c, 'emp-0001')).toStrictEqual(doc);
        expect(await store.get(c, 'emp-0002')).toStrictEqual({ ...doc, id: 'emp-0002' });
        expect(await store.find(c)).toStrictEqual([doc, { ...doc, id: 'emp-0002' }]);
      });

      it('round-trips Chinese text and finds documents by it', async () => {
        const c = unique();
        await store.ensureCollection(c, [{ fields: ['name'] }]);
        await store.upsert(c, { id: '员工-1', name: '张三', reason: '退单：材料不全' });
        await store.upsert(c, { id: '员工-2', name: '李四' });
        expect(await store.get(c, '员工-1')).toEqual({ id: '员工-1', name: '张三', reason: '退单：材料不全' });
        expect(await store.find(c, { filter: { name: '李四' } })).toEqual([{ id: '员工-2', name: '李四' }]);
        expect(await store.count(c, { name: { $in: ['张三', '王五'] } })).toBe(1);
      });
    });

    describe('insertIfAbsent and replaceIf (documents shared by processes)', () => {
      it('insertIfAbsent inserts once and keeps the first document; of callers racing for one id exactly one wins', async () => {
        const c = unique();
        expect(await store.insertIfAbsent(c, { id: 'm1', n: 1 })).toBe(true);
        expect(await store.insertIfAbsent(c, { id: 'm1', n: 2 })).toBe(false);
        expect(await store.get(c, 'm1')).toEqual({ id: 'm1', n: 1 });
        const outcomes = await Promise.all(Array.from({ length: 8 }, (_, n) => store.insertIfAbsent(c, { id: 'm2', n })));
        expect(outcomes.filter(Boolean)).toHaveLength(1);
        expect(await store.get(c, 'm2')).toEqual({ id: 'm2', n: outcomes.indexOf(true) });
      });

      it('insertAllIfAbsent inserts the new documents in one go, keeps those already there, and answers how many it inserted', async () => {
        const c = unique();
        expect(await store.insertAllIfAbsent(c, [])).toBe(0);
        await store.insertIfAbsent(c, { id: 'm1', n: 1 });
        expect(
          await store.insertAllIfAbsent(c, [
            { id: 'm0', n: 0 },
            { id: 'm1', n: 99 },
            { id: 'm2', n: 2 },
          ]),
        ).toBe(2);
        expect(await store.find(c, { sort: { id: 1 } })).toEqual([
          { id: 'm0', n: 0 },
          { id: 'm1', n: 1 },
          { id: 'm2', n: 2 },
        ]);
        expect(await store.insertAllIfAbsent(c, [{ id: 'm2', n: 3 }])).toBe(0);
        expect(await store.get(c, 'm2')).toEqual({ id: 'm2', n: 2 });
      });

      it('insertIfAbsent still refuses a value a unique index holds (not taken for an existing id)', async () => {
        const c = unique();
        await store.ensureCollection(c, [{ fields: ['email'], unique: true }]);
        await store.insertIfAbsent(c, { id: 'a', email: 'x' });
        expect(await rejected(store.insertIfAbsent(c, { id: 'b', email: 'x' }))).toBe(true);
      });

      it('replaceIf replaces only a document that exists and matches the expected conditions', async () => {
        const c = unique();
        expect(await store.replaceIf(c, { id: 'lease', holder: 'b' }, {})).toBe(false);
        expect(await store.get(c, 'lease')).toBeNull();
        await store.upsert(c, { id: 'lease', holder: 'a', expiresAt: '2026-12-03T10:00:00.000Z', version: 1 });
        expect(await store.replaceIf(c, { id: 'lease', holder: 'b', version: 2 }, { expiresAt: { $lt: '2026-12-03T09:00:00.000Z' } })).toBe(
          false,
        );
        expect(await store.replaceIf(c, { id: 'lease', holder: 'b', version: 2 }, { holder: 'b' })).toBe(false);
        expect(await store.get(c, 'lease')).toMatchObject({ holder: 'a', version: 1 });
        expect(
          await store.replaceIf(
            c,
            { id: 'lease', holder: 'b', version: 2 },
            { expiresAt: { $lt: '2026-12-03T11:00:00.000Z' }, version: 1 },
          ),
        ).toBe(true);
        expect(await store.get(c, 'lease')).toEqual({ id: 'lease', holder: 'b', version: 2 });
        // The replaced document is found by its new fields, through the indexes too.
        await store.ensureCollection(c, [{ fields: ['holder'] }]);
        expect(ids(await store.find(c, { filter: { holder: 'b' } }))).toEqual(['lease']);
        expect(await store.count(c, { holder: 'a' })).toBe(0);
      });

      it('updateAllUnder changes the documents under the id prefix that match, and counts them', async () => {
        const c = unique();
        const withdraw = { where: { state: 'pending' }, set: { state: 'cancelled' }, increment: 'version' };
        expect(await store.updateAllUnder(c, 'r:C1:', withdraw)).toBe(0);
        await store.insertAllIfAbsent(c, [
          { id: 'r:C1:a', state: 'pending', version: 1, text: { zh: '请先办理社保转出', en: 'transfer out first' } },
          { id: 'r:C1:b', state: 'pending', version: 3 },
          { id: 'r:C1:c', state: 'sent', version: 1 },
          // Not under the prefix: a longer case id, and the prefix without its separator.
          { id: 'r:C10:a', state: 'pending', version: 1 },
          { id: 'r:C1', state: 'pending', version: 1 },
        ]);
        await store.ensureCollection(c, [{ fields: ['state', 'version'] }]);
        expect(await store.updateAllUnder(c, 'r:C1:', withdraw)).toBe(2);
        expect(await store.find(c, { sort: { id: 1 } })).toEqual([
          // '0' sorts before ':'.
          { id: 'r:C1', state: 'pending', version: 1 },
          { id: 'r:C10:a', state: 'pending', version: 1 },
          { id: 'r:C1:a', state: 'cancelled', version: 2, text: { zh: '请先办理社保转出', en: 'transfer out first' } },
          { id: 'r:C1:b', state: 'cancelled', version: 4 },
          { id: 'r:C1:c', state: 'sent', version: 1 },
        ]);
        // Found by the new fields through the index, and changed only once.
        expect(ids(await store.find(c, { filter: { state: 'cancelled' } }))).toEqual(['r:C1:a', 'r:C1:b']);
        expect(await store.count(c, { state: 'pending', version: 1 })).toBe(2);
        expect(await store.updateAllUnder(c, 'r:C1:', withdraw)).toBe(0);
        // Direct writes: they reflect no event.
        expect(await store.positionOf(c, 'r:C1:a')).toBe(0n);
      });

      it('updateAllUnder sets numbers, booleans and null as themselves, with conditions of each type', async () => {
        const c = unique();
        await store.upsert(c, { id: 'p:1', n: 1, flag: false, note: 'x', version: 0 });
        await store.upsert(c, { id: 'p:2', n: '1', flag: false, note: 'x', version: 0 });
        const changed = await store.updateAllUnder(c, 'p:', {
          where: { n: 1, flag: false },
          set: { n: 2.5, flag: true, note: null },
          increment: 'version',
        });
        expect(changed).toBe(1);
        expect(await store.get(c, 'p:1')).toEqual({ id: 'p:1', n: 2.5, flag: true, note: null, version: 1 });
        expect(await store.get(c, 'p:2')).toEqual({ id: 'p:2', n: '1', flag: false, note: 'x', version: 0 });
      });

      it('updateAllUnder refuses an empty prefix, the id, dotted or repeated fields, and values that are not scalars', async () => {
        const c = unique();
        const ok = { where: {}, set: { a: 1 }, increment: 'v' };
        await expect(store.updateAllUnder(c, '', ok)).rejects.toThrow(TypeError);
        await expect(store.updateAllUnder(c, 'p:', { ...ok, set: { id: 'x' } })).rejects.toThrow(TypeError);
        await expect(store.updateAllUnder(c, 'p:', { ...ok, increment: 'id' })).rejects.toThrow(TypeError);
        await expect(store.updateAllUnder(c, 'p:', { ...ok, set: { 'a.b': 1 } })).rejects.toThrow(TypeError);
        await expect(store.updateAllUnder(c, 'p:', { ...ok, set: { v: 1 } })).rejects.toThrow(TypeError);
        await expect(store.updateAllUnder(c, 'p:', { ...ok, where: { id: 'p:1' } })).rejects.toThrow(TypeError);
        await expect(store.updateAllUnder(c, 'p:', { ...ok, set: { a: { $gt: 1 } } as never })).rejects.toThrow(TypeError);
        await expect(store.updateAllUnder(c, 'p:', { ...ok, set: { "a'); DROP": 1 } })).rejects.toThrow(TypeError);
      });

      (options.atomicReplace === false ? it.skip : it)('of compare-and-sets racing on one version exactly one replaces', async () => {
        const c = unique();
        await store.upsert(c, { id: 'd', version: 0 });
        const outcomes = await Promise.all(
          Array.from({ length: 8 }, (_, n) => store.replaceIf(c, { id: 'd', version: 1, by: n }, { version: 0 })),
        );
        expect(outcomes.filter(Boolean)).toHaveLength(1);
        expect(await store.get(c, 'd')).toEqual({ id: 'd', version: 1, by: outcomes.indexOf(true) });
      });

      it('a projection write may later replace what these wrote (they reflect no event)', async () => {
        const c = unique();
        await store.insertIfAbsent(c, { id: 'a', v: 'direct' });
        await store.applyBatch(batch(unique('cp'), 3n, [up(c, { id: 'a', v: 'projected' }, 3n)]));
        expect(await store.get(c, 'a')).toEqual({ id: 'a', v: 'projected' });
      });
    });

    describe('find and count', () => {
      let c: string;
      beforeAll(async () => {
        c = unique('people');
        await store.ensureCollection(c, [
          { fields: ['dept'] },
          { fields: ['dept', 'age'] },
          { fields: ['hiredAt'] },
          { fields: ['address.city'] },
        ]);
        // Written out of id order, so that an order that merely follows insertion is caught.
        for (const p of [people[3], people[0], people[5], people[2], people[4], people[1]]) await store.upsert(c, p);
      });
      const findIds = async (options: Parameters<ReadStore['find']>[1]) => ids(await store.find(c, options));

      it('returns every document when given no options', async () => {
        expect(await store.find(c)).toEqual(people);
      });

      it('matches equality on strings, numbers and booleans', async () => {
        expect(await findIds({ filter: { dept: 'it' } })).toEqual(['e2', 'e3', 'e6']);
        expect(await findIds({ filter: { age: 30 } })).toEqual(['e1', 'e4', 'e6']);
        expect(await findIds({ filter: { age: 52.5 } })).toEqual(['e5']);
        expect(await findIds({ filter: { active: false } })).toEqual(['e3', 'e5']);
        expect(await findIds({ filter: { dept: 'none' } })).toEqual([]);
      });

      it('matches on id', async () => {
        expect(await findIds({ filter: { id: 'e2' } })).toEqual(['e2']);
        expect(await findIds({ filter: { id: { $in: ['e5', 'e1', 'nope'] } } })).toEqual(['e1', 'e5']);
      });

      it('matches $in on strings and numbers; an empty $in matches nothing', async () => {
        expect(await findIds({ filter: { dept: { $in: ['hr', 'finance'] } } })).toEqual(['e1', 'e4', 'e5']);
        expect(await findIds({ filter: { age: { $in: [25, 41] } } })).toEqual(['e2', 'e3']);
        expect(await findIds({ filter: { dept: { $in: [] } } })).toEqual([]);
      });

      it('null equality, alone or in $in, matches an explicit null and a missing field', async () => {
        expect(await findIds({ filter: { manager: null } })).toEqual(['e1', 'e3', 'e6']);
        expect(await findIds({ filter: { manager: { $in: [null, 'e3'] } } })).toEqual(['e1', 'e3', 'e5', 'e6']);
        expect(await findIds({ filter: { manager: 'e1' } })).toEqual(['e2', 'e4']);
      });

      it('matches number ranges with $gt, $gte, $lt, $lte, alone and together', async () => {
        expect(await findIds({ filter: { age: { $gt: 30 } } })).toEqual(['e3', 'e5']);
        expect(await findIds({ filter: { age: { $gte: 30 } } })).toEqual(['e1', 'e3', 'e4', 'e5', 'e6']);
        expect(await findIds({ filter: { age: { $lt: 30 } } })).toEqual(['e2']);
        expect(await findIds({ filter: { age: { $lte: 30 } } })).toEqual(['e1', 'e2', 'e4', 'e6']);
        expect(await findIds({ filter: { age: { $gt: 25, $lt: 52.5 } } })).toEqual(['e1', 'e3', 'e4', 'e6']);
        expect(await findIds({ filter: { age: { $gte: 52.5, $lte: 52.5 } } })).toEqual(['e5']);
      });

      it('matches ranges on ISO date strings', async () => {
        expect(await findIds({ filter: { hiredAt: { $gte: '2019-01-01', $lt: '2024-01-01' } } })).toEqual(['e1', 'e2', 'e4']);
        expect(await findIds({ filter: { hiredAt: { $gt: '2024-02-29T00:00:00.000Z' } } })).toEqual([]);
        expect(await findIds({ filter: { hiredAt: { $gte: '2024-02-29T00:00:00.000Z' } } })).toEqual(['e6']);
        expect(await findIds({ filter: { hiredAt: { $lte: '2015-01-10T00:00:00.000Z' } } })).toEqual(['e3', 'e5']);
      });

      it('matches nested fields by dotted path, with equality and ranges', async () => {
        expect(await findIds({ filter: { 'address.city': '上海' } })).toEqual(['e1', 'e3', 'e6']);
        expect(await findIds({ filter: { 'address.city': '上海', 'address.zip': { $gte: '200001' } } })).toEqual(['e3', 'e6']);
        expect(await findIds({ filter: { 'address.country': null } })).toHaveLength(6);
      });

      it('combines several conditions with AND', async () => {
        expect(await findIds({ filter: { dept: 'it', age: { $gte: 30 }, active: true } })).toEqual(['e6']);
        expect(await findIds({ filter: { dept: { $in: ['hr', 'it'] }, manager: null, hiredAt: { $lt: '2020-01-01' } } })).toEqual([
          'e1',
          'e3',
        ]);
      });

      it('sorts by one key in both directions', async () => {
        expect(await findIds({ sort: { hiredAt: 1 } })).toEqual(['e5', 'e3', 'e1', 'e2', 'e4', 'e6']);
        expect(await findIds({ sort: { hiredAt: -1 } })).toEqual(['e6', 'e4', 'e2', 'e1', 'e3', 'e5']);
        expect(await findIds({ sort: { id: -1 } })).toEqual(['e6', 'e5', 'e4', 'e3', 'e2', 'e1']);
      });

      it('sorts by two keys in mixed directions', async () => {
        expect(await findIds({ sort: { dept: 1, age: -1 } })).toEqual(['e4', 'e5', 'e1', 'e3', 'e6', 'e2']);
        expect(await findIds({ sort: { dept: -1, age: 1 } })).toEqual(['e2', 'e6', 'e3', 'e1', 'e5', 'e4']);
      });

      it('sorts by nested fields, Chinese text in code point order', async () => {
        // 上 U+4E0A < 北 U+5317 < 深 U+6DF1
        expect(await findIds({ sort: { 'address.city': 1, 'address.zip': -1 } })).toEqual(['e6', 'e3', 'e1', 'e5', 'e2', 'e4']);
      });

      it('puts null and missing values first ascending and last descending', async () => {
        expect(await findIds({ sort: { manager: 1 } })).toEqual(['e1', 'e3', 'e6', 'e2', 'e4', 'e5']);
        expect(await findIds({ sort: { manager: -1 } })).toEqual(['e5', 'e2', 'e4', 'e1', 'e3', 'e6']);
      });

      it('breaks sort ties by id, so that pages are stable', async () => {
        expect(await findIds({ sort: { age: 1 } })).toEqual(['e2', 'e1', 'e4', 'e6', 'e3', 'e5']);
        expect(await findIds({ sort: { age: -1 } })).toEqual(['e5', 'e3', 'e1', 'e4', 'e6', 'e2']);
      });

      it('applies limit and skip after filter and sort; pages cover everything once', async () => {
        expect(await findIds({ sort: { hiredAt: 1 }, limit: 2 })).toEqual(['e5', 'e3']);
        expect(await findIds({ sort: { hiredAt: 1 }, skip: 2, limit: 2 })).toEqual(['e1', 'e2']);
        expect(await findIds({ sort: { hiredAt: 1 }, skip: 4 })).toEqual(['e4', 'e6']);
        expect(await findIds({ sort: { hiredAt: 1 }, skip: 6 })).toEqual([]);
        expect(await findIds({ filter: { dept: 'it' }, sort: { age: -1 }, skip: 1, limit: 1 })).toEqual(['e6']);
        const pages: string[] = [];
        for (let skip = 0; skip < 6; skip += 4) pages.push(...(await findIds({ sort: { age: 1 }, skip, limit: 4 })));
        expect(pages).toEqual(['e2', 'e1', 'e4', 'e6', 'e3', 'e5']);
      });

      it('gives only the fields asked for, with the id, as stored; a field a document lacks is left out, a null kept', async () => {
        const pick = (doc: ReadDocument, ...fields: string[]) =>
          Object.fromEntries([['id', doc.id], ...fields.filter((f) => f in doc).map((f) => [f, doc[f]])]);
        expect(await store.find(c, { fields: ['manager', 'address', 'age'] })).toEqual(
          people.map((p) => pick(p, 'manager', 'address', 'age')),
        );
        // e3 has no manager: no key at all; e1 and e6 have an explicit null.
        expect(Object.keys((await store.find(c, { filter: { id: 'e3' }, fields: ['manager'] }))[0])).toEqual(['id']);
        expect(await store.find(c, { filter: { id: { $in: ['e1', 'e6'] } }, fields: ['manager'] })).toEqual([
          { id: 'e1', manager: null },
          { id: 'e6', manager: null },
        ]);
        // Filters, sorts and pages as without fields; strings, numbers, booleans, Chinese text and objects as written.
        expect(
          await store.find(c, { filter: { dept: 'it' }, sort: { age: -1 }, skip: 1, limit: 2, fields: ['name', 'active', 'id'] }),
        ).toEqual([
          { id: 'e6', name: '孙八', active: true },
          { id: 'e2', name: '李四', active: true },
        ]);
        expect(await store.find(c, { sort: { age: 1 }, limit: 1, fields: [] })).toEqual([{ id: 'e2' }]);
      });

      it('refuses fields that are dotted, repeated or outside the strict patterns', async () => {
        await expect(store.find(c, { fields: ['address.city'] })).rejects.toThrow(TypeError);
        await expect(store.find(c, { fields: ['name', 'name'] })).rejects.toThrow(TypeError);
        await expect(store.find(c, { fields: ["name') FROM x --"] })).rejects.toThrow(TypeError);
        await expect(store.find(c, { fields: ['_pos'] })).rejects.toThrow(TypeError);
      });

      it('counts with and without a filter', async () => {
        expect(await store.count(c)).toBe(6);
        expect(await store.count(c, { dept: 'it' })).toBe(3);
        expect(await store.count(c, { age: { $gte: 30 }, 'address.city': '上海' })).toBe(3);
        expect(await store.count(c, { manager: null })).toBe(3);
        expect(await store.count(c, { dept: 'none' })).toBe(0);
      });

      it('compares values of the same type only, as MongoDB does', async () => {
        const t = unique();
        await store.ensureCollection(t, [{ fields: ['v'] }]);
        // No arrays: MongoDB would match their elements, which the contract leaves out.
        const values: unknown[] = [5, '7', true, false, 0, 1, null, { x: 1 }, '{"x":1}'];
        for (const [i, v] of values.entries()) await store.upsert(t, { id: `v${i}`, v });
        await store.upsert(t, { id: 'missing' });
        expect(ids(await store.find(t, { filter: { v: { $gt: 0 } } }))).toEqual(['v0', 'v5']);
        expect(ids(await store.find(t, { filter: { v: { $gte: '' } } }))).toEqual(['v1', 'v8']);
        expect(ids(await store.find(t, { filter: { v: 1 } }))).toEqual(['v5']);
        expect(ids(await store.find(t, { filter: { v: true } }))).toEqual(['v2']);
        expect(ids(await store.find(t, { filter: { v: false } }))).toEqual(['v3']);
        expect(ids(await store.find(t, { filter: { v: '5' } }))).toEqual([]);
        expect(ids(await store.find(t, { filter: { v: '{"x":1}' } }))).toEqual(['v8']);
        expect(ids(await store.find(t, { filter: { v: { $in: [7, '5', true, 0] } } }))).toEqual(['v2', 'v4']);
        expect(ids(await store.find(t, { filter: { v: { $in: ['{"x":1}', '7'] } } }))).toEqual(['v1', 'v8']);
        expect(await store.count(t, { v: '{"x":1}' })).toBe(1);
      });

      it('tells a string from the JSON text of an object or array that reads the same', async () => {
        const t = unique();
        await store.ensureCollection(t, [{ fields: ['v'] }]);
        // An array holds no string: MongoDB would match a string against its elements, which the contract leaves out.
        const values: unknown[] = [{ x: 1 }, '{"x":1}', [2], '[2]', 'a', 1, '1', true, 'true', null, 'null'];
        for (const [i, v] of values.entries()) await store.upsert(t, { id: `v${i}`, v });
        expect(ids(await store.find(t, { filter: { v: '{"x":1}' } }))).toEqual(['v1']);
        expect(ids(await store.find(t, { filter: { v: '[2]' } }))).toEqual(['v3']);
        expect(ids(await store.find(t, { filter: { v: 'a' } }))).toEqual(['v4']);
        expect(ids(await store.find(t, { filter: { v: '1' } }))).toEqual(['v6']);
        expect(ids(await store.find(t, { filter: { v: 'true' } }))).toEqual(['v8']);
        expect(ids(await store.find(t, { filter: { v: 'null' } }))).toEqual(['v10']);
        expect(ids(await store.find(t, { filter: { v: { $in: ['a', '1', 'true', 'null'] } } }))).toEqual(['v10', 'v4', 'v6', 'v8']);
        expect(await store.count(t, { v: { $in: ['[2]', '{"x":1}'] } })).toBe(2);
      });
    });

    describe('applyBatch and checkpoints', () => {
      it('getCheckpoint is null before the first batch', async () => {
        expect(await store.getCheckpoint(unique('cp'))).toBeNull();
      });

      it('applies the writes and moves the checkpoint together', async () => {
        const c = unique();
        const cp = unique('cp');
        await store.upsert(c, { id: 'gone', n: 0 });
        await store.applyBatch(batch(cp, 12n, [up(c, { id: 'a', n: 1 }, 10n), up(c, { id: 'b', n: 2 }, 11n), del(c, 'gone', 12n)]));
        expect(await store.find(c)).toEqual([
          { id: 'a', n: 1 },
          { id: 'b', n: 2 },
        ]);
        expect(await store.getCheckpoint(cp)).toBe(12n);
      });

      it('moves the checkpoint with a batch that has no writes', async () => {
        const cp = unique('cp');
        await store.applyBatch(batch(cp, 3n, []));
        expect(await store.getCheckpoint(cp)).toBe(3n);
      });

      it('keeps checkpoints of different projections apart', async () => {
        const [a, b] = [unique('cp'), unique('cp')];
        await store.applyBatch(batch(a, 5n, []));
        await store.applyBatch(batch(b, 9n, []));
        expect([await store.getCheckpoint(a), await store.getCheckpoint(b)]).toEqual([5n, 9n]);
      });

      it('keeps positions above 2^53 exact, in checkpoints and in the write guard', async () => {
        const c = unique();
        const cp = unique('cp');
        const p = 2n ** 60n + 3n; // as a double, 2^60 + 2, + 3 and + 4 are all 2^60
        await store.applyBatch(batch(cp, p, [up(c, { id: 'a', v: 'p' }, p)]));
        const stored = await store.getCheckpoint(cp);
        expect(typeof stored).toBe('bigint');
        expect(stored).toBe(p);
        await store.applyBatch(batch(cp, p - 1n, [up(c, { id: 'a', v: 'p-1' }, p - 1n)]));
        expect(await store.getCheckpoint(cp)).toBe(p);
        await store.applyBatch(batch(unique('cp'), p - 1n, [up(c, { id: 'a', v: 'p-1' }, p - 1n)]));
        expect(await store.get(c, 'a')).toEqual({ id: 'a', v: 'p' });
        await store.applyBatch(batch(cp, p + 1n, [up(c, { id: 'a', v: 'p+1' }, p + 1n)]));
        expect(await store.getCheckpoint(cp)).toBe(p + 1n);
        expect(await store.get(c, 'a')).toEqual({ id: 'a', v: 'p+1' });
      });

      it('compares positions as numbers, not as text (9 < 10)', async () => {
        const c = unique();
        const cp = unique('cp');
        await store.applyBatch(batch(cp, 9n, [up(c, { id: 'a', v: 9 }, 9n)]));
        await store.applyBatch(batch(cp, 10n, [up(c, { id: 'a', v: 10 }, 10n)]));
        expect(await store.getCheckpoint(cp)).toBe(10n);
        expect(await store.get(c, 'a')).toEqual({ id: 'a', v: 10 });
        await store.applyBatch(batch(unique('cp'), 9n, [up(c, { id: 'a', v: 9 }, 9n)]));
        expect(await store.get(c, 'a')).toEqual({ id: 'a', v: 10 });
      });

      it('ignores a batch at or below the stored checkpoint entirely (replay after a crash)', async () => {
        const c = unique();
        const cp = unique('cp');
        await store.applyBatch(batch(cp, 10n, [up(c, { id: 'a', v: 1 }, 10n)]));
        await store.applyBatch(batch(cp, 10n, [up(c, { id: 'a', v: 2 }, 10n), up(c, { id: 'b', v: 2 }, 10n)]));
        await store.applyBatch(batch(cp, 7n, [del(c, 'a', 7n), up(c, { id: 'c', v: 3 }, 7n)]));
        expect(await store.find(c)).toEqual([{ id: 'a', v: 1 }]);
        expect(await store.getCheckpoint(cp)).toBe(10n);
      });

      it('makes the side writes with the batch, in the order asked, after its documents; a replay at or below the checkpoint makes none', async () => {
        const docs = unique();
        const outbox = unique();
        const cp = unique('cp');
        const withdraw = { where: { state: 'pending' }, set: { state: 'cancelled' }, increment: 'version' };
        const pending = (id: string, text: string) => ({ id, state: 'pending', version: 1, text });
        await store.insertAllIfAbsent(outbox, [pending('r:K1:approval:5:due', 'kept'), pending('r:K1:handover:5:due', 'stays')]);
        await store.applyBatch({
          ...batch(cp, 12n, [up(docs, { id: 'K1', steps: 2 }, 12n)]),
          sideWrites: [
            { op: 'updateAllUnder', collection: outbox, idPrefix: 'r:K1:approval:5:', change: withdraw },
            // Taken ids keep the first document; the new one is pending, and the withdrawal above came before it.
            {
              op: 'insertAllIfAbsent',
              collection: outbox,
              docs: [
                pending('r:K1:approval:5:due', 'again'),
                pending('r:K1:approval:12:due', 'new'),
                // Under the prefix withdrawn above, but asked for after the withdrawal: it stays pending.
                pending('r:K1:approval:5:later', 'after'),
              ],
            },
          ],
        });
        expect(await store.get(docs, 'K1')).toEqual({ id: 'K1', steps: 2 });
        expect(await store.getCheckpoint(cp)).toBe(12n);
        const after = await store.find(outbox, { sort: { id: 1 } });
        expect(after).toEqual([
          { id: 'r:K1:approval:12:due', state: 'pending', version: 1, text: 'new' },
          { id: 'r:K1:approval:5:due', state: 'cancelled', version: 2, text: 'kept' },
          { id: 'r:K1:approval:5:later', state: 'pending', version: 1, text: 'after' },
          { id: 'r:K1:handover:5:due', state: 'pending', version: 1, text: 'stays' },
        ]);

        // The same batch again (a replay after a crash), and an older one: nothing is withdrawn or added.
        await store.applyBatch({
          ...batch(cp, 12n, []),
          sideWrites: [
            { op: 'updateAllUnder', collection: outbox, idPrefix: 'r:K1:', change: withdraw },
            { op: 'insertAllIfAbsent', collection: outbox, docs: [pending('r:K1:other:12:due', 'replayed')] },
          ],
        });
        await store.applyBatch({
          ...batch(cp, 11n, []),
          sideWrites: [{ op: 'updateAllUnder', collection: outbox, idPrefix: 'r:K1:', change: withdraw }],
        });
        expect(await store.find(outbox, { sort: { id: 1 } })).toEqual(after);
      });

      it('ignores a write older than what the document already reflects, upsert or delete', async () => {
        const c = unique();
        await store.applyBatch(batch(unique('cp'), 20n, [up(c, { id: 'a', v: 20 }, 20n), up(c, { id: 'b', v: 20 }, 20n)]));
        // Another checkpoint, so that only the per-write guard stands between these writes and the documents.
        const stale = unique('cp');
        await store.applyBatch(batch(stale, 15n, [up(c, { id: 'a', v: 15 }, 15n), del(c, 'b', 15n), up(c, { id: 'c', v: 15 }, 15n)]));
        expect(await store.find(c)).toEqual([
          { id: 'a', v: 20 },
          { id: 'b', v: 20 },
          { id: 'c', v: 15 },
        ]);
        expect(await store.getCheckpoint(stale)).toBe(15n);
      });

      it('applies several writes of one event to the same document in order', async () => {
        const c = unique();
        await store.applyBatch(batch(unique('cp'), 30n, [up(c, { id: 'a', step: 1 }, 30n), up(c, { id: 'a', step: 2 }, 30n)]));
        expect(await store.get(c, 'a')).toEqual({ id: 'a', step: 2 });
      });

      it('upsert then delete of a document in one batch leaves it deleted, delete then upsert leaves it written', async () => {
        const c = unique();
        await store.upsert(c, { id: 'b', v: 0 });
        await store.applyBatch(
          batch(unique('cp'), 41n, [up(c, { id: 'a', v: 1 }, 40n), del(c, 'a', 41n), del(c, 'b', 40n), up(c, { id: 'b', v: 2 }, 41n)]),
        );
        expect(await store.find(c)).toEqual([{ id: 'b', v: 2 }]);
      });

      it('replaying after a crash where writes landed but the checkpoint did not gives the same result, applied once', async () => {
        const c = unique();
        const cp = unique('cp');
        const b1 = batch(cp, 10n, [up(c, { id: 'a', v: 'b1' }, 10n), up(c, { id: 'b', v: 'b1' }, 10n)]);
        const b2 = batch(cp, 20n, [up(c, { id: 'a', v: 'b2' }, 19n), del(c, 'b', 20n), up(c, { id: 'c', v: 'b2' }, 20n)]);
        const b3 = batch(cp, 30n, [up(c, { id: 'a', v: 'b3' }, 30n), up(c, { id: 'c', v: 'b3' }, 30n)]);
        await store.applyBatch(b1);
        // The crash: the writes of b2 and b3 landed, the checkpoint stayed at b1.
        const lost = unique('cp');
        await store.applyBatch({ ...b2, checkpoint: lost });
        await store.applyBatch({ ...b3, checkpoint: lost });
        const afterCrash = await store.find(c);
        expect(afterCrash).toEqual([
          { id: 'a', v: 'b3' },
          { id: 'c', v: 'b3' },
        ]);
        expect(await store.getCheckpoint(cp)).toBe(10n);

        // The runner replays from its checkpoint: nothing goes back to an older state, not even in between.
        await store.applyBatch(b2);
        expect(await store.find(c)).toEqual(afterCrash);
        expect(await store.getCheckpoint(cp)).toBe(20n);
        await store.applyBatch(b3);
        await store.applyBatch(b3);
        expect(await store.find(c)).toEqual(afterCrash);
        expect(await store.getCheckpoint(cp)).toBe(30n);
      });

      it('positionOf gives the position a document last reflects, 0 for a direct write, null for none, without the document', async () => {
        const c = unique();
        expect(await store.positionOf(c, 'a')).toBeNull();
        const big = 2n ** 60n + 3n;
        await store.applyBatch(batch(unique('cp'), 70n, [up(c, { id: 'a', v: 1 }, 70n), up(c, { id: 'b', v: 1 }, 69n)]));
        expect([await store.positionOf(c, 'a'), await store.positionOf(c, 'b')]).toEqual([70n, 69n]);
        await store.applyBatch(batch(unique('cp'), big, [up(c, { id: 'a', v: 2 }, big)]));
        expect(await store.positionOf(c, 'a')).toBe(big);
        // An older write is ignored, and so is its position.
        await store.applyBatch(batch(unique('cp'), 71n, [up(c, { id: 'a', v: 3 }, 71n)]));
        expect(await store.positionOf(c, 'a')).toBe(big);
        await store.upsert(c, { id: 'b', v: 'direct' });
        expect(await store.positionOf(c, 'b')).toBe(0n);
        await store.applyBatch(batch(unique('cp'), 72n, [del(c, 'a', big + 1n)]));
        expect(await store.positionOf(c, 'a')).toBeNull();
        expect(await store.positionOf(unique(), 'a')).toBeNull();
      });

      it('direct writes apply regardless of positions, and a later projection write replaces them', async () => {
        const c = unique();
        await store.applyBatch(
          batch(unique('cp'), 50n, [up(c, { id: 'a', v: 'projected' }, 50n), up(c, { id: 'b', v: 'projected' }, 50n)]),
        );
        await store.upsert(c, { id: 'a', v: 'direct' });
        await store.delete(c, 'b');
        expect(await store.find(c)).toEqual([{ id: 'a', v: 'direct' }]);
        await store.applyBatch(batch(unique('cp'), 60n, [up(c, { id: 'a', v: 'projected again' }, 60n)]));
        expect(await store.get(c, 'a')).toEqual({ id: 'a', v: 'projected again' });
      });

      it('fails a batch whose write breaks a unique index and keeps the checkpoint where it was', async () => {
        const c = unique();
        const cp = unique('cp');
        await store.ensureCollection(c, [{ fields: ['email'], unique: true }]);
        await store.applyBatch(batch(cp, 1n, [up(c, { id: 'a', email: 'taken' }, 1n)]));
        expect(await rejected(store.applyBatch(batch(cp, 2n, [up(c, { id: 'b', email: 'taken' }, 2n)])))).toBe(true);
        expect(await store.getCheckpoint(cp)).toBe(1n);
        expect(await store.find(c)).toEqual([{ id: 'a', email: 'taken' }]);
      });

      it('deleteCheckpoint forgets the checkpoint, so the projection can start over', async () => {
        const c = unique();
        const cp = unique('cp');
        await store.applyBatch(batch(cp, 100n, [up(c, { id: 'a', v: 100 }, 100n)]));
        await store.deleteCheckpoint(cp);
        await store.deleteCheckpoint(unique('cp'));
        expect(await store.getCheckpoint(cp)).toBeNull();
        await store.applyBatch(batch(cp, 1n, [up(c, { id: 'b', v: 1 }, 1n)]));
        expect(await store.getCheckpoint(cp)).toBe(1n);
        expect(await store.find(c)).toEqual([
          { id: 'a', v: 100 },
          { id: 'b', v: 1 },
        ]);
      });
    });

    it('ping resolves while the store is reachable', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}

/**
 * The one contract every KeyStore adapter passes (docs/DESIGN.md: one suite per port).
 * Each test uses its own employee ids, so the suite also runs against a shared,
 * non-empty server.
 */
import { v7 as uuidv7 } from 'uuid';
import { KEY_BYTES, KeyStore, PersonalDataKeyDestroyedError } from '../../../src/infrastructure/key-store/key-store.port';
import { ContractOptions, suite } from '../../support/contract-suite';

export interface KeyStoreHarness {
  /** A store; every store opened by one harness sees the same keys (the same file, the same database). */
  open(): Promise<KeyStore>;
  dispose(store: KeyStore): Promise<void>;
}

let counter = 0;
const anEmployee = () => `E-${uuidv7().replace(/-/g, '')}-${++counter}`;

export function keyStoreContract(name: string, harness: () => KeyStoreHarness, options: ContractOptions = {}): void {
  suite(options)(`KeyStore contract: ${name}`, () => {
    let h: KeyStoreHarness;
    let store: KeyStore;
    let other: KeyStore;

    beforeAll(async () => {
      h = harness();
      store = await h.open();
      other = await h.open();
    });
    afterAll(async () => {
      await h.dispose(store);
      await h.dispose(other);
    });

    it('creates a 32-byte key on first use and answers the same key afterwards', async () => {
      const employee = anEmployee();
      const key = await store.getOrCreate(employee);
      expect(Buffer.isBuffer(key)).toBe(true);
      expect(key).toHaveLength(KEY_BYTES);
      expect(await store.getOrCreate(employee)).toEqual(key);
      expect(await store.get(employee)).toEqual(key);
    });

    it('gives every employee a key of their own', async () => {
      const keys = await Promise.all([anEmployee(), anEmployee(), anEmployee()].map((e) => store.getOrCreate(e)));
      expect(new Set(keys.map((k) => k.toString('hex'))).size).toBe(3);
      // Random, not derived from anything predictable: no two share a prefix either.
      expect(new Set(keys.map((k) => k.subarray(0, 8).toString('hex'))).size).toBe(3);
    });

    it('answers null for an employee who never had a key, without creating one', async () => {
      const employee = anEmployee();
      expect(await store.get(employee)).toBeNull();
      expect(await store.get(employee)).toBeNull();
    });

    it('keeps keys where another store on the same data sees them (durable, not per connection)', async () => {
      const employee = anEmployee();
      const key = await store.getOrCreate(employee);
      expect(await other.get(employee)).toEqual(key);
      expect(await other.getOrCreate(employee)).toEqual(key);
    });

    it('hands every racing caller, on two stores, the one key that was stored', async () => {
      const employee = anEmployee();
      const keys = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? store : other).getOrCreate(employee)));
      const stored = await store.get(employee);
      expect(stored).not.toBeNull();
      for (const key of keys) expect(key).toEqual(stored);
    });

    describe('destroying a key', () => {
      it('removes it: get answers null, on every store', async () => {
        const employee = anEmployee();
        await store.getOrCreate(employee);
        await store.destroy(employee);
        expect(await store.get(employee)).toBeNull();
        expect(await other.get(employee)).toBeNull();
      });

      it('never makes a new key for that employee', async () => {
        const employee = anEmployee();
        await store.getOrCreate(employee);
        await other.destroy(employee);
        await expect(store.getOrCreate(employee)).rejects.toBeInstanceOf(PersonalDataKeyDestroyedError);
        await expect(other.getOrCreate(employee)).rejects.toMatchObject({ code: 'PERSONAL_DATA_ERASED', employeeId: employee });
        expect(await store.get(employee)).toBeNull();
      });

      it('is idempotent, also for a key never created', async () => {
        const employee = anEmployee();
        await store.getOrCreate(employee);
        await store.destroy(employee);
        await store.destroy(employee);
        const never = anEmployee();
        await store.destroy(never);
        expect(await store.get(never)).toBeNull();
        await expect(store.getOrCreate(never)).rejects.toBeInstanceOf(PersonalDataKeyDestroyedError);
      });

      it('leaves the other employees’ keys alone', async () => {
        const [kept, gone] = [anEmployee(), anEmployee()];
        const key = await store.getOrCreate(kept);
        await store.getOrCreate(gone);
        await store.destroy(gone);
        expect(await store.get(kept)).toEqual(key);
      });
    });

    it('answers a ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}

/**
 * The key store port: one AES-256 key per employee, for crypto-shredding of
 * personal data (src/personal-data/sealing-event-store.ts). It is the only
 * mutable data of the system: the event log is append-only, so personal data is
 * erased by destroying the key it was encrypted with.
 *
 * A lost key is lost data, exactly like a destroyed one: adapters write durably
 * before they answer. One contract suite
 * (test/infrastructure/key-store/key-store.contract.ts) runs against every
 * adapter: SQLite (a separate file, the embedded default) and MongoDB.
 */

/** AES-256: 32 bytes. */
export const KEY_BYTES = 32;

export interface KeyStore {
  /**
   * The employee's key, made of KEY_BYTES random bytes on first use. Callers
   * racing for the same employee (also from other processes) all get the one key
   * that was stored. Throws PersonalDataKeyDestroyedError once the key was
   * destroyed: a fresh key would let new personal data be recorded for a person
   * whose data was erased.
   */
  getOrCreate(employeeId: string): Promise<Buffer>;
  /** The key, or null when it was destroyed or never created. */
  get(employeeId: string): Promise<Buffer | null>;
  /** Removes the key for good (idempotent: destroying again, or a key never created, succeeds). */
  destroy(employeeId: string): Promise<void>;
  /** Throws StoreUnavailableError when the store cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const KEY_STORE = Symbol('KeyStore');

/** Personal data was to be sealed for an employee whose key is destroyed (the decider refuses this first: PERSONAL_DATA_ERASED). */
export class PersonalDataKeyDestroyedError extends Error {
  readonly code = 'PERSONAL_DATA_ERASED';
  constructor(readonly employeeId: string) {
    super(`The personal-data key of employee ${employeeId} was destroyed; no personal data can be recorded for them again.`);
    this.name = 'PersonalDataKeyDestroyedError';
  }
}

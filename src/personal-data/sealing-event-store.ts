import { Logger } from '@nestjs/common';
import { PERSONAL_DATA_RECORDED, UnreadablePersonalData } from '../domain/employee/employee.events';
import { hashEvent } from '../event-sourcing/hash-chain';
import {
  AllSubscription,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from '../infrastructure/event-store/event-store.port';
import { KeyStore } from '../infrastructure/key-store/key-store.port';
import { open, seal, Sealed } from './sealed-personal-data';

/** PersonalDataRecorded as stored: the employee in clear (to find the key), everything else sealed. */
export interface SealedPersonalData {
  employeeId: string;
  sealed: Sealed;
}

/**
 * Crypto-shredding around the real event store (the adapters know nothing of it).
 *
 * On append, the personal fields of PersonalDataRecorded (everything but
 * `employeeId`) are sealed with the employee's key (sealed-personal-data.ts).
 * The hash chain must cover what is stored, so that it still verifies once the
 * key is gone: each event's hash is recomputed over the sealed envelope, and the
 * next event's prevHash with it. The batch's first prevHash stays as given: the
 * command handler read it from this store, which passes stored hashes through.
 *
 * On every read, sealed data is opened with the key; when the key is destroyed
 * it reads `{ employeeId, erased: true, name: null, idNumber: null, contact: null }`.
 * A block that fails GCM authentication was altered in the store: it reads
 * `tampered: true` instead, and the event (ids only, never data) is logged as a
 * warning. Tampering is not erasure: an auditor must see the difference (the
 * event's hash no longer verifies either). Metadata, hashes included, is passed
 * through unchanged, so the chain verifies over the stored form.
 *
 * Auditors' chain verification reads the stored form from the inner store
 * (RAW_EVENT_STORE in stores.module.ts).
 */
export class SealingEventStore implements EventStore {
  private readonly logger = new Logger('PersonalData');

  constructor(
    private readonly inner: EventStore,
    private readonly keys: KeyStore,
  ) {}

  async appendToStream(stream: string, expected: ExpectedRevision, events: EventToAppend[]): Promise<AppendResult> {
    if (!events.some(isPlainPersonalData)) return this.inner.appendToStream(stream, expected, events);
    const sealed: EventToAppend[] = [];
    for (const e of events) sealed.push(isPlainPersonalData(e) ? await this.seal(e) : e);
    return this.inner.appendToStream(stream, expected, rechain(sealed));
  }

  async readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.openAll(await this.inner.readStream(stream, options));
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.openAll(await this.inner.readAll(options));
  }

  subscribeToAll(options?: SubscribeToAllOptions): AllSubscription {
    const inner = this.inner.subscribeToAll(options);
    const opened = (e: RecordedEvent) => this.openOne(e, new Map());
    return {
      close: () => inner.close(),
      async *[Symbol.asyncIterator]() {
        for await (const e of inner) yield await opened(e);
      },
    };
  }

  headPosition(): Promise<bigint> {
    return this.inner.headPosition();
  }

  issuedPositions(): ReturnType<EventStore['issuedPositions']> {
    return this.inner.issuedPositions();
  }

  /** Both stores: without its keys the log cannot be read. */
  async ping(): Promise<void> {
    await Promise.all([this.inner.ping(), this.keys.ping()]);
  }

  /** This store owns both the log and the keys it was built with. */
  async close(): Promise<void> {
    await Promise.all([this.inner.close(), this.keys.close()]);
  }

  private async seal(e: EventToAppend): Promise<EventToAppend> {
    const { employeeId, ...personal } = e.data as Record<string, unknown>;
    if (typeof employeeId !== 'string') throw new TypeError(`PersonalDataRecorded ${e.id} names no employeeId`);
    const key = await this.keys.getOrCreate(employeeId);
    const data: SealedPersonalData = { employeeId, sealed: seal(personal, key, employeeId, e.id) };
    return { ...e, data };
  }

  /** Keys are looked up once per employee and read, never cached across reads: a destroyed key must take effect at once. */
  private async openAll(events: RecordedEvent[]): Promise<RecordedEvent[]> {
    // Most streams hold nothing sealed (an account, a case): given back as read, without an await per event.
    if (!events.some(isSealed)) return events;
    const keys = new Map<string, Promise<Buffer | null>>();
    const opened: RecordedEvent[] = [];
    for (const e of events) opened.push(await this.openOne(e, keys));
    return opened;
  }

  private async openOne(e: RecordedEvent, keys: Map<string, Promise<Buffer | null>>): Promise<RecordedEvent> {
    if (!isSealed(e)) return e;
    const { employeeId, sealed } = e.data;
    let key = keys.get(employeeId);
    if (!key) keys.set(employeeId, (key = this.keys.get(employeeId)));
    const found = await key;
    if (!found) return { ...e, data: unreadable(employeeId, 'erased') };
    try {
      return { ...e, data: { employeeId, ...open(sealed, found, employeeId, e.id) } };
    } catch {
      this.logger.warn(
        `Personal data of event ${e.id} (stream ${e.stream}, revision ${e.revision}) failed authentication: the stored form was altered. It reads as tampered.`,
      );
      return { ...e, data: unreadable(employeeId, 'tampered') };
    }
  }
}

function unreadable(employeeId: string, why: 'erased' | 'tampered'): UnreadablePersonalData {
  return why === 'erased'
    ? { employeeId, erased: true, name: null, idNumber: null, contact: null }
    : { employeeId, tampered: true, name: null, idNumber: null, contact: null };
}

function isPlainPersonalData(e: EventToAppend): boolean {
  return e.type === PERSONAL_DATA_RECORDED && !(typeof e.data === 'object' && e.data !== null && 'sealed' in e.data);
}

function isSealed(e: RecordedEvent): e is RecordedEvent & { data: SealedPersonalData } {
  return e.type === PERSONAL_DATA_RECORDED && typeof e.data === 'object' && e.data !== null && 'sealed' in e.data;
}

/**
 * Recomputes the chain of a batch over the events as they will be stored. Events
 * without a hash (written by tools, not by the command handler) carry no chain.
 */
function rechain(events: EventToAppend[]): EventToAppend[] {
  let previous = events[0].metadata.prevHash ?? null;
  return events.map((e) => {
    if (!('hash' in e.metadata)) return e;
    const metadata = { ...e.metadata, prevHash: previous };
    const hash = hashEvent({ ...e, metadata });
    previous = hash;
    return { ...e, metadata: { ...metadata, hash } };
  });
}

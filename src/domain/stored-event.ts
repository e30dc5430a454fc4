import { DomainEvent } from './domain-event';

/**
 * What the domain needs of an event as the store holds it. The store's envelope
 * (infrastructure/event-store) has more; this structural slice keeps the domain
 * free of infrastructure imports while any RecordedEvent still fits it.
 */
export interface StoredEvent {
  type: string;
  schemaVersion: number;
  data: unknown;
}

/**
 * A stored event this code cannot read: a type the aggregate does not declare,
 * or a version it has no upcaster for (a newer writer's, or a corrupt one).
 * Loud on purpose: a decider that skipped or misread a fact would decide on a
 * state the log does not hold, and a projection would serve a plausible but
 * wrong read model. A projection that throws stops at its checkpoint and goes
 * on once code that knows the event is deployed; nothing wrong is written.
 */
export class UnknownEventError extends Error {
  constructor(
    readonly code: 'UNKNOWN_EVENT_TYPE' | 'UNKNOWN_SCHEMA_VERSION',
    readonly aggregate: string,
    readonly eventType: string,
    readonly schemaVersion: number,
  ) {
    super(
      code === 'UNKNOWN_EVENT_TYPE'
        ? `${eventType} is not an event of the ${aggregate} aggregate this version knows`
        : `${eventType} version ${schemaVersion} cannot be read as the ${aggregate} aggregate knows it: no upcaster leads from it to the current version`,
    );
    this.name = 'UnknownEventError';
  }
}

/** Turns one version's data into the next version's; typed where it is written (the input is the old shape). */
type Upcaster = (data: never) => unknown;

interface TypeSchema {
  /** The version written on append. */
  current: number;
  /** Keyed by the version each one reads: `{ 1: v1ToV2 }`. */
  upcasters?: Readonly<Record<number, Upcaster>>;
}

/** Every event type of one aggregate, with its current version and how older versions reach it. */
export type EventSchemaTable<E extends DomainEvent> = { readonly [T in E['type']]: TypeSchema };

/** The seam between stored and typed events of one aggregate. */
export interface EventSchemas<E extends DomainEvent> {
  /** Every type the aggregate declares (the event feed's `types=` filter and its documented payloads). */
  readonly types: ReadonlyArray<E['type']>;
  /** The schema version to write for a type; throws for a type the aggregate does not declare. */
  versionOf(type: string): number;
  /** The typed, current-version event of a stored one: older versions upcast, stored bytes untouched. */
  read(stored: StoredEvent): E;
}

export function eventSchemas<E extends DomainEvent>(aggregate: string, table: EventSchemaTable<E>): EventSchemas<E> {
  const schemaOf = (type: string): TypeSchema | undefined =>
    Object.hasOwn(table, type) ? (table as Readonly<Record<string, TypeSchema>>)[type] : undefined;
  return {
    types: Object.keys(table) as Array<E['type']>,
    versionOf(type) {
      const schema = schemaOf(type);
      if (!schema) throw new UnknownEventError('UNKNOWN_EVENT_TYPE', aggregate, type, 0);
      return schema.current;
    },
    read({ type, schemaVersion, data }) {
      const schema = schemaOf(type);
      if (!schema) throw new UnknownEventError('UNKNOWN_EVENT_TYPE', aggregate, type, schemaVersion);
      if (!Number.isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > schema.current) {
        throw new UnknownEventError('UNKNOWN_SCHEMA_VERSION', aggregate, type, schemaVersion);
      }
      let current = data;
      for (let version = schemaVersion; version < schema.current; version++) {
        const upcast = schema.upcasters?.[version];
        if (!upcast) throw new UnknownEventError('UNKNOWN_SCHEMA_VERSION', aggregate, type, schemaVersion);
        current = upcast(current as never);
      }
      // The one place stored data becomes typed: the type is one the table declares, the data is at its current version.
      return { type, data: current } as E;
    },
  };
}

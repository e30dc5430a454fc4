import { DomainEvent } from '../../src/domain/decider';
import { EventSchemas, UnknownEventError } from '../../src/domain/stored-event';

/**
 * What every aggregate's seam must do: read each of its event types at the
 * current version unchanged, and refuse, loudly, a type it does not declare and
 * a version newer than the current one.
 */
export function describeSeam<E extends DomainEvent>(aggregate: string, schemas: EventSchemas<E>, samples: E[]) {
  describe(`the ${aggregate} seam`, () => {
    it.each(samples.map((e) => [e.type, e] as const))('reads %s at its current version unchanged', (_type, event) => {
      const stored = { type: event.type, schemaVersion: schemas.versionOf(event.type), data: event.data };
      expect(schemas.read(stored)).toEqual({ type: event.type, data: event.data });
    });

    it.each(samples.map((e) => [e.type, e] as const))('refuses %s at a version newer than its current one', (_type, event) => {
      const stored = { type: event.type, schemaVersion: schemas.versionOf(event.type) + 1, data: event.data };
      expect(() => schemas.read(stored)).toThrow(UnknownEventError);
      expect(() => schemas.read(stored)).toThrow(/no upcaster/);
    });

    it('refuses a type it does not declare', () => {
      expect(() => schemas.read({ type: 'HousingFundAccountOpened', schemaVersion: 1, data: {} })).toThrow(
        expect.objectContaining({ code: 'UNKNOWN_EVENT_TYPE' }),
      );
      expect(() => schemas.versionOf('HousingFundAccountOpened')).toThrow(UnknownEventError);
    });
  });
}

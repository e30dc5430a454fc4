import { Decider, DomainError, DomainEvent } from '../../src/domain/decider';

/**
 * Specifications for deciders (docs/DESIGN.md): given past events, when a command,
 * then these events, or then a refusal with this code.
 *
 *   spec(decider).given([hired]).when(signContract).then([contractSigned]);
 *   spec(decider).given([]).when(signContract).thenThrows('NOT_FOUND', { ... });
 */
export function spec<Command, State, Event extends DomainEvent>(decider: Decider<Command, State, Event>) {
  return {
    given(history: Event[]) {
      const state = history.reduce(decider.evolve, decider.initialState);
      return {
        when(command: Command) {
          const run = () => decider.decide(command, state);
          return {
            then(expected: Array<Partial<Event> | Event>) {
              const events = run();
              expect(events).toEqual(expected.map((e) => expect.objectContaining(e)));
              return { events, state: events.reduce(decider.evolve, state) };
            },
            thenThrows(code: string, details?: Record<string, unknown>) {
              let thrown: unknown;
              try {
                run();
              } catch (error) {
                thrown = error;
              }
              expect(thrown).toBeInstanceOf(DomainError);
              expect((thrown as DomainError).code).toBe(code);
              if (details) expect((thrown as DomainError).details).toMatchObject(details);
              return thrown as DomainError;
            },
          };
        },
      };
    },
  };
}

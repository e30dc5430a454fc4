import { Decider, DomainError, DomainEvent } from '../../src/domain/decider';
import { deepFreeze } from '../../src/domain/shared/deep-freeze';

/**
 * Specifications for deciders (docs/DESIGN.md): given past events, when a command,
 * then these events, or then a refusal with this code.
 *
 *   spec(decider).given([hired]).when(signContract).then([contractSigned]);
 *   spec(decider).given([]).when(signContract).thenThrows('NOT_FOUND', { ... });
 *
 * Every state is frozen, deep, before `evolve` or `decide` sees it: a decider that
 * changed the state it was given would change the state the service keeps for the
 * stream's next command (event-sourcing/kept-folds.ts), so here it throws.
 */
export function spec<Command, State, Event extends DomainEvent>(decider: Decider<Command, State, Event>) {
  const evolve = (state: State, event: Event): State => deepFreeze(decider.evolve(deepFreeze(state), event));
  return {
    given(history: Event[]) {
      const state = deepFreeze(history.reduce(evolve, decider.initialState));
      return {
        when(command: Command) {
          const run = () => decider.decide(command, state);
          return {
            then(expected: Array<Partial<Event> | Event>) {
              const events = run();
              expect(events).toEqual(expected.map((e) => expect.objectContaining(e)));
              return { events, state: events.reduce(evolve, state) };
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

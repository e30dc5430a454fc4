import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decider, DomainError } from '../../src/domain/decider';
import { eventSchemas } from '../../src/domain/stored-event';
import { fold, handleCommand, loadState } from '../../src/event-sourcing/command-handler';
import { CommandContext, eventIdFor } from '../../src/event-sourcing/envelope';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';

type Added = { type: 'Added'; data: { item: number } };
/** A list in the order written, refusing a repeat: the fold is order-sensitive, and a decision reads it. */
const list: Decider<{ item: number }, number[], Added> = {
  initialState: [],
  decide: (c, items) => {
    if (items.includes(c.item)) throw new DomainError('REPEATED', `${c.item} is on the list`);
    return [{ type: 'Added', data: { item: c.item } }];
  },
  evolve: (items, e) => [...items, e.data.item],
  events: eventSchemas<Added>('list', { Added: { current: 1 } }),
};

const context = (key?: string): CommandContext => ({
  actor: { id: 'hr-1', role: 'hr_specialist' },
  recordedAt: new Date('2024-05-10T08:00:00Z'),
  correlationId: 'corr-1',
  source: 'api',
  ...(key ? { idempotencyKey: key } : {}),
});

/**
 * One step of a generated history: a command through the service's store or through another
 * connection to the file, some under an idempotency key (a retry of an earlier command when the key wrote to that stream).
 */
const step = fc.record({
  through: fc.constantFrom('service' as const, 'rival' as const),
  stream: fc.constantFrom('list-a', 'list-b', 'list-c'),
  item: fc.integer({ min: 0, max: 12 }),
  retried: fc.option(fc.constantFrom('k1', 'k2', 'k3'), { nil: undefined }),
});

describe('folding on from kept states (property)', () => {
  it('decides every command on the state a fold of the whole stream gives, whoever wrote to the file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), async (steps) => {
        const dir = mkdtempSync(join(tmpdir(), 'kept-folds-property-'));
        const service = new SqliteEventStore({ file: join(dir, 'events.db') });
        const rival = new SqliteEventStore({ file: join(dir, 'events.db') });
        try {
          for (const { through, stream, item, retried } of steps) {
            const store = through === 'service' ? service : rival;
            const history = await rival.readStream(stream);
            const whole = fold(list, history);
            const outcome = await handleCommand(store, stream, list, { item }, context(retried)).then(
              (result) => result.events.map((e) => e.data.item),
              (error: DomainError) => error.code,
            );
            // What its key wrote to the stream before, whichever connection wrote it; else what folding the whole stream decides.
            const earlier = retried ? history.find((e) => e.id === eventIdFor(context(retried), stream, 0)) : undefined;
            expect(outcome).toEqual(earlier ? [(earlier.data as { item: number }).item] : whole.includes(item) ? 'REPEATED' : [item]);
            expect(await loadState(service, stream, list)).toEqual(fold(list, await rival.readStream(stream)));
          }
        } finally {
          await Promise.all([service.close(), rival.close()]);
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 60, seed: 20261205 },
    );
  });
});

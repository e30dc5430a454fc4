import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { SqliteReadStore } from '../../src/infrastructure/read-store/sqlite/sqlite-read-store';
import { allProjections } from '../../src/app.projections';
import { ProjectionThread } from '../../src/projections/projection-thread';
import { anEvent } from '../infrastructure/event-store/event-store.contract';
import { TEST_SECRET } from '../support/tokens';

const LOADER = join(__dirname, '..', 'support', 'projection-worker-from-source.js');

async function eventually(check: () => Promise<boolean> | boolean, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('ProjectionThread (the projection runners in a worker thread)', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'projection-thread-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts every runner, follows appends committed by the request thread, reports statuses and stops cleanly', async () => {
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', AUTH_JWT_SECRET: TEST_SECRET });
    const events = new SqliteEventStore({ file: join(dataDir, 'events.db') });
    const errors: string[] = [];
    const projections = allProjections();
    const thread = new ProjectionThread(
      projections,
      config,
      events,
      { info: () => undefined, error: (m, f) => errors.push(`${m} ${JSON.stringify(f)}`) },
      LOADER,
    );
    const reads = new SqliteReadStore(join(dataDir, 'read-models.db'));
    try {
      await thread.start();
      const catalog = thread.runners.find((r) => r.projection.name === 'stream_catalog')!;
      expect(catalog.status()).toMatchObject({ state: 'live', generation: 1 });
      expect(catalog.collection('streams')).toBe('streams_g1');

      await events.appendToStream('thing-1', 'no_stream', [anEvent('ThingMade'), anEvent('ThingChanged')]);
      const head = await events.headPosition();
      await eventually(() => thread.runners.every((r) => r.status().checkpoint === head), 20_000);
      expect(await reads.get('streams_g1', 'thing-1')).toMatchObject({ events: 2, lastType: 'ThingChanged' });

      // Each commit is followed (the doorbell's wake-up itself is tested in doorbell.unit.spec.ts, without a clock).
      for (let i = 0; i < 10; i++) {
        const { position } = await events.appendToStream('thing-1', 'any', [anEvent('ThingChanged')]);
        await eventually(() => catalog.status().checkpoint === position, 20_000);
      }

      // Read-your-writes: the request thread learns from shared memory when every worker projection has applied a position.
      const { position } = await events.appendToStream('thing-2', 'no_stream', [anEvent('ThingMade')]);
      expect(await thread.applied.reached(position, 20_000)).toBe(true);
      expect(thread.applied.get()).toBe(position);
      expect(await reads.get('streams_g1', 'thing-2')).toMatchObject({ events: 1 });
      expect(await thread.applied.reached(position + 1n, 10)).toBe(false);

      await thread.stop();
      expect(thread.runners.every((r) => r.status().state === 'stopped')).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await thread.stop();
      await reads.close();
      await events.close();
    }
  }, 60_000);
});

/**
 * Invariant 6: every projection rebuilt from position 0 equals the live one.
 * The rebuild is the real one (projections/rebuild.ts: a fresh generation,
 * then the switch), run into a read store of its own so that the live
 * projections are not switched under the comparison; then each logical
 * collection's documents are compared, the generation suffix aside.
 * Process managers (no collections) are not rebuilt: they write events.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { READ_STORE, ReadDocument, ReadStore } from '../../../src/infrastructure/read-store/read-store.port';
import { SqliteReadStore } from '../../../src/infrastructure/read-store/sqlite/sqlite-read-store';
import { physicalName } from '../../../src/projections/generations';
import { ProjectionsService } from '../../../src/projections/projections.service';
import { rebuildProjection } from '../../../src/projections/rebuild';
import { Invariant } from './invariant';

const byId = (docs: ReadDocument[]) => [...docs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

export const rebuildEqualsLive: Invariant = {
  name: 'every projection rebuilt from position 0 equals the live one',
  scope: 'global',
  check: async ({ app }) => {
    await app.settle({ readModels: true });
    const live = app.app.get<ReadStore>(READ_STORE);
    const projections = app.app.get(ProjectionsService);
    // A reactor runs once its lease is taken, a moment after the application starts: until then it has no collection to compare.
    for (let i = 0; i < 500 && projections.runners.some((r) => r.status().state === 'standby'); i++)
      await new Promise((r) => setTimeout(r, 20));
    const dir = mkdtempSync(join(dirname(app.config.dataDir), 'ledger-rebuild-'));
    const fresh = new SqliteReadStore(join(dir, 'read-models.db'));
    const problems: string[] = [];
    try {
      for (const runner of projections.runners) {
        const projection = runner.projection;
        if (Object.keys(projection.collections).length === 0) continue;
        const rebuilt = await rebuildProjection(app.events, fresh, projection, { now: app.now });
        for (const logical of Object.keys(projection.collections)) {
          const expected = byId(await fresh.find(physicalName(logical, rebuilt.generation)));
          const actual = byId(await live.find(runner.collection(logical)));
          if (isDeepStrictEqual(expected, actual)) continue;
          const ids = new Set([...expected, ...actual].map((d) => d.id));
          const differing = [...ids].find(
            (id) =>
              !isDeepStrictEqual(
                expected.find((d) => d.id === id),
                actual.find((d) => d.id === id),
              ),
          );
          problems.push(
            `${projection.name}.${logical}: ${actual.length} live documents, ${expected.length} rebuilt; first differing id ${differing}: ` +
              `live ${JSON.stringify(actual.find((d) => d.id === differing))?.slice(0, 600)} rebuilt ${JSON.stringify(expected.find((d) => d.id === differing))?.slice(0, 600)}`,
          );
        }
      }
    } finally {
      await fresh.close();
      rmSync(dir, { recursive: true, force: true });
    }
    return problems;
  },
};

/**
 * The real application (Nest, every module, the embedded SQLite stores, the
 * projections and the process manager running in this thread) on a simulated
 * clock, in a fresh data directory. Commands are sent to its controllers with a
 * CommandContext rather than over HTTP, for speed; gate.ts applies the route's
 * roles and validation first, as the HTTP layer would.
 */
import { INestApplication } from '@nestjs/common';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/bootstrap';
import { Config, loadConfig } from '../../src/config/config';
import { EVENT_STORE, EventStore } from '../../src/infrastructure/event-store/event-store.port';
import { RAW_EVENT_STORE } from '../../src/infrastructure/stores.module';
import { ProjectionsService } from '../../src/projections/projections.service';
import { TEST_SECRET } from '../support/tokens';

export interface AppUnderTest {
  app: INestApplication;
  config: Config;
  /** The log as stored (personal data sealed): what the invariants read. */
  raw: EventStore;
  events: EventStore;
  setNow(instant: Date): void;
  now(): Date;
  /** Resolves when every projection and the process manager have applied the whole log (throws if one is failing). */
  settle(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** tmpfs when there is one: the event store fsyncs every commit, which would dominate on a disk. */
const scratch = () => (existsSync('/dev/shm') ? '/dev/shm' : tmpdir());

export async function startAppUnderTest(start: Date): Promise<AppUnderTest> {
  const dataDir = mkdtempSync(join(scratch(), 'ledger-props-'));
  let now = start;
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', AUTH_JWT_SECRET: TEST_SECRET, RATE_LIMIT_PER_MINUTE: '1000000' });
  // A clock given by the caller keeps the projections in this thread (projections.service.ts), where settle() can watch them.
  const app = await createApp(config, { clock: () => new Date(now) });
  await app.init();
  const projections = app.get(ProjectionsService);
  const raw = app.get<EventStore>(RAW_EVENT_STORE);
  return {
    app,
    config,
    raw,
    events: app.get<EventStore>(EVENT_STORE),
    setNow: (instant) => (now = instant),
    now: () => now,
    async settle(timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      // Twice in a row at the head: the process manager may append after its own checkpoint moved.
      let quiet = 0;
      while (quiet < 2) {
        const head = await raw.headPosition();
        const statuses = projections.runners.map((r) => r.status());
        const failing = statuses.find((s) => s.state === 'failing');
        if (failing) throw new Error(`projection ${failing.projection} is failing: ${failing.lastError}`);
        quiet = statuses.every((s) => (s.checkpoint ?? 0n) >= head) ? quiet + 1 : 0;
        if (Date.now() > until) throw new Error(`projections did not catch up with position ${head} within ${timeoutMs} ms: ${JSON.stringify(statuses, (_, v) => (typeof v === 'bigint' ? String(v) : v))}`);
        await new Promise((resolve) => setTimeout(resolve, quiet === 0 ? 2 : 0));
      }
    },
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The real application (Nest, every module, the embedded SQLite stores, the
 * projections and the process manager running in this thread) on a simulated
 * clock, in a fresh data directory. Commands are sent to its controllers with a
 * CommandContext rather than over HTTP, for speed; gate.ts applies the route's
 * roles and validation first, as the HTTP layer would.
 *
 * One application serves many histories (property.ts): each history uses
 * employee ids of its own, so that its streams are new.
 *
 * `lazyReadModels`: the process manager follows the log as in the service (it
 * appends events commands meet, so its lag is part of a history), but the read
 * models, which no command reads (docs/DESIGN.md: commands read streams), are not
 * woken on every append: `settle({ readModels: true })` catches them up, with
 * the product's own ProjectionRunner, before an invariant reads them. The
 * product code is unchanged: the service's runners of the read models are
 * stopped after start-up and a runner of the same projection, on the same
 * generation and checkpoint, is started for each catch-up.
 */
import { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/bootstrap';
import { Config, loadConfig } from '../../src/config/config';
import { EVENT_STORE, EventStore } from '../../src/infrastructure/event-store/event-store.port';
import { READ_STORE, ReadStore } from '../../src/infrastructure/read-store/read-store.port';
import { RAW_EVENT_STORE } from '../../src/infrastructure/stores.module';
import { ProjectionRunner, ProjectionStatus } from '../../src/projections/projection-runner';
import { LeasedRunner } from '../../src/projections/leased-runner';
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
  /**
   * Resolves when the process manager (and, with `readModels`, every projection)
   * has applied the whole log; throws if one is failing. The read models are
   * always followed when the application is not lazy.
   */
  settle(options?: { readModels?: boolean; timeoutMs?: number }): Promise<void>;
  close(): Promise<void>;
}

/**
 * A fresh data directory, on tmpfs when there is a usable one: the event store fsyncs every commit, which would
 * dominate on a disk. A /dev/shm that is missing, read-only or full (small in many containers) falls back to the
 * system's temporary folder.
 */
function scratchDir(): string {
  try {
    return mkdtempSync(join('/dev/shm', 'ledger-props-'));
  } catch {
    return mkdtempSync(join(tmpdir(), 'ledger-props-'));
  }
}

/** The reactors (process manager, reminders, warnings, the domain-event publisher) follow the log under their lease: never stopped here. */
const isReactor = (runner: object) => runner instanceof LeasedRunner;

export async function startAppUnderTest(start: Date, options: { lazyReadModels?: boolean } = {}): Promise<AppUnderTest> {
  const dataDir = scratchDir();
  let now = start;
  const clock = () => new Date(now);
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', AUTH_JWT_SECRET: TEST_SECRET, RATE_LIMIT_PER_MINUTE: '1000000' });
  // A clock given by the caller keeps the projections in this thread (projections.service.ts), where settle() can watch them.
  const app = await createApp(config, { clock }).catch((error: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  await app.init().catch(async (error: unknown) => {
    await app.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  const projections = app.get(ProjectionsService);
  const raw = app.get<EventStore>(RAW_EVENT_STORE);
  const events = app.get<EventStore>(EVENT_STORE);
  const reads = app.get<ReadStore>(READ_STORE);
  const lazy = options.lazyReadModels === true;
  const quietLog = { info: () => undefined, error: () => undefined };
  if (lazy) {
    for (const runner of projections.runners) {
      if (isReactor(runner)) continue;
      // Wait until it has started following (its generation exists), then stop it.
      await waitFor(() => runner.status().state !== 'starting', 10_000, `${runner.projection.name} to start`);
      await (runner as ProjectionRunner).stop();
    }
  }

  const followed = () => (lazy ? projections.runners.filter(isReactor) : projections.runners);

  async function untilQuiet(runners: Array<{ status(): ProjectionStatus }>, timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    // Twice in a row at the head: the process manager may append after its own checkpoint moved.
    let quiet = 0;
    while (quiet < 2) {
      const head = await raw.headPosition();
      const statuses = [...followed(), ...runners].map((r) => r.status());
      const failing = statuses.find((s) => s.state === 'failing');
      if (failing) throw new Error(`projection ${failing.projection} is failing: ${failing.lastError}`);
      quiet = statuses.every((s) => (s.checkpoint ?? 0n) >= head) ? quiet + 1 : 0;
      if (Date.now() > until)
        throw new Error(
          `projections did not catch up with position ${head} within ${timeoutMs} ms: ${JSON.stringify(statuses, (_, v) => (typeof v === 'bigint' ? String(v) : v))}`,
        );
      await new Promise((resolve) => setTimeout(resolve, quiet === 0 ? 1 : 0));
    }
  }

  return {
    app,
    config,
    raw,
    events,
    setNow: (instant) => (now = instant),
    now: () => now,
    async settle({ readModels = false, timeoutMs = 30_000 } = {}) {
      if (!lazy || !readModels) return untilQuiet([], timeoutMs);
      // The process manager first (it may append), then the read models up to the head.
      await untilQuiet([], timeoutMs);
      const catchingUp = projections.runners
        .filter((r) => !isReactor(r))
        .map((r) => new ProjectionRunner(r.projection, events, reads, { now: clock, log: quietLog }));
      try {
        for (const runner of catchingUp) await runner.start();
        await untilQuiet(catchingUp, timeoutMs);
      } finally {
        await Promise.all(catchingUp.map((r) => r.stop()));
      }
    },
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

/**
 * Throughput of SqliteEventStore beside raw better-sqlite3 on the same schema,
 * the same rows and the same durability settings (npm run bench:store).
 * BENCH_EVENTS and BENCH_STREAMS resize the workload.
 */
import Database from 'better-sqlite3';
import { Presets, SingleBar } from 'cli-progress';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { EventToAppend } from '../src/infrastructure/event-store/event-store.port';
import { SqliteEventStore } from '../src/infrastructure/event-store/sqlite/sqlite-event-store';

const EVENTS = positiveIntFromEnv('BENCH_EVENTS', 100_000);
const STREAMS = positiveIntFromEnv('BENCH_STREAMS', 1_000);
const BATCH_SIZES = [1, 100];
const READ_PAGE = 1_000;
/** Each scenario alternates between the stores this many times (see race()). */
const CHUNKS = 50;
/** Minimum adapter/raw append ratio, in %, per batch size (from the issue). */
const APPEND_TARGETS: Record<number, number> = { 1: 50, 100: 70 };

// A copy of the adapter's CREATE TABLE (not exported); assertSameSchema() stops the run if they drift apart.
const RAW_SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    position       INTEGER PRIMARY KEY AUTOINCREMENT,
    stream         TEXT    NOT NULL,
    revision       INTEGER NOT NULL,
    id             TEXT    NOT NULL UNIQUE,
    type           TEXT    NOT NULL,
    schema_version INTEGER NOT NULL,
    data           TEXT    NOT NULL,
    metadata       TEXT    NOT NULL,
    UNIQUE (stream, revision)
  );
`;
const SYNCHRONOUS = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];

interface Batch {
  stream: string;
  events: EventToAppend[];
}

/** One side of the comparison; each call returns how many events it handled. */
interface Contender {
  /** journal_mode and synchronous as read back from the connection. */
  durability: string;
  append(batch: Batch): Promise<number> | number;
  readStream(stream: string): Promise<number> | number;
  /** Reads the page after the previous one. */
  readAllPage(): Promise<number> | number;
  close(): Promise<void> | void;
}

interface RawRow {
  position: number;
  data: string;
  metadata: string;
}

interface Row {
  scenario: string;
  adapter: number;
  raw: number;
  target?: number;
}

function positiveIntFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

// ---------------------------------------------------------------- workload

const NAMES = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄志强'];
const DEPARTMENTS = ['华东区销售部', '人力资源部', '财务共享中心', '研发中心平台组', '北京分公司行政部'];
const REASONS = [
  '劳动合同期满，双方协商一致不再续签',
  '员工因个人发展原因提出辞职，已提前三十日书面通知',
  '经协商一致解除劳动合同，公司依法支付经济补偿',
  '试用期内被证明不符合录用条件，依法解除',
];
const TYPES = ['OffboardingCaseOpened', 'ResignationNoticeReceived', 'HandoverCompleted', 'SocialInsuranceTransferred'];
const pick = <T>(list: T[], i: number): T => list[i % list.length];

/** An envelope shaped like the application's (src/event-sourcing/envelope.ts), ~400-600 bytes of JSON. */
function anEnvelope(streamIndex: number, revision: number): EventToAppend {
  const correlationId = uuidv7();
  return {
    id: uuidv7(),
    type: pick(TYPES, revision),
    schemaVersion: 1,
    data: {
      employeeId: `E-2024-${String(streamIndex).padStart(5, '0')}`,
      name: pick(NAMES, streamIndex),
      department: pick(DEPARTMENTS, streamIndex + revision),
      reason: pick(REASONS, revision),
      severanceMonths: 1 + (revision % 6),
    },
    metadata: {
      actor: { id: `u-${streamIndex % 50}`, role: 'hr_specialist' },
      recordedAt: new Date(Date.UTC(2024, 4, 10, 8, 0, revision)).toISOString(),
      effectiveDate: '2024-05-10',
      correlationId,
      causationId: correlationId,
      source: 'api',
      prevHash: revision === 0 ? null : randomBytes(32).toString('hex'),
      hash: randomBytes(32).toString('hex'),
    },
  };
}

/** The events of every stream, generated once so that both stores write identical rows. */
function makeStreams(events: number, streams: number): Map<string, EventToAppend[]> {
  const result = new Map<string, EventToAppend[]>();
  for (let s = 0; s < streams; s++) {
    const count = Math.floor(events / streams) + (s < events % streams ? 1 : 0);
    result.set(`offboarding-${s}`, Array.from({ length: count }, (_, r) => anEnvelope(s, r)));
  }
  return result;
}

/** Batches of each stream, interleaved round-robin so the global log mixes streams as in production. */
function planBatches(streams: Map<string, EventToAppend[]>, batchSize: number): Batch[] {
  const perStream = [...streams].map(([stream, events]) => {
    const batches: Batch[] = [];
    for (let i = 0; i < events.length; i += batchSize) batches.push({ stream, events: events.slice(i, i + batchSize) });
    return batches;
  });
  const plan: Batch[] = [];
  for (let round = 0; perStream.some((b) => round < b.length); round++) {
    for (const batches of perStream) if (round < batches.length) plan.push(batches[round]);
  }
  return plan;
}

function averageEnvelopeBytes(streams: Map<string, EventToAppend[]>): number {
  let bytes = 0;
  let count = 0;
  for (const events of streams.values()) {
    for (const e of events) {
      bytes += Buffer.byteLength(JSON.stringify(e.data)) + Buffer.byteLength(JSON.stringify(e.metadata));
      count++;
    }
  }
  return Math.round(bytes / count);
}

// ---------------------------------------------------------------- measuring

function progressBar(label: string, total: number): { tick(): void; stop(): void } {
  if (!process.stdout.isTTY) return { tick: () => undefined, stop: () => undefined };
  const bar = new SingleBar(
    { format: `${label.padEnd(28)} {bar} {percentage}% | {value}/{total} chunks`, clearOnComplete: true },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return { tick: () => bar.increment(), stop: () => bar.stop() };
}

/**
 * Runs `units` steps on each store and returns events/s of each. The disk's fsync
 * rate swings several-fold from one second to the next on shared machines, so the
 * stores take turns chunk by chunk (alternating which goes first) instead of
 * running one after the other: both then see the same disk.
 */
async function race(
  label: string,
  units: number,
  adapterStep: (i: number) => Promise<number> | number,
  rawStep: (i: number) => Promise<number> | number,
): Promise<{ adapter: number; raw: number }> {
  const chunk = Math.ceil(units / CHUNKS);
  const chunks = Math.ceil(units / chunk);
  const totals = { adapter: { events: 0, ns: 0n }, raw: { events: 0, ns: 0n } };
  const run = async (side: 'adapter' | 'raw', from: number) => {
    const step = side === 'adapter' ? adapterStep : rawStep;
    const start = process.hrtime.bigint();
    for (let i = from; i < Math.min(from + chunk, units); i++) totals[side].events += await step(i);
    totals[side].ns += process.hrtime.bigint() - start;
  };
  const bar = progressBar(label, chunks);
  for (let c = 0; c < chunks; c++) {
    const order = c % 2 === 0 ? (['adapter', 'raw'] as const) : (['raw', 'adapter'] as const);
    for (const side of order) await run(side, c * chunk);
    bar.tick();
  }
  bar.stop();
  const perSecond = ({ events, ns }: { events: number; ns: bigint }) => (events * 1e9) / Number(ns);
  return { adapter: perSecond(totals.adapter), raw: perSecond(totals.raw) };
}

function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(os.tmpdir(), 'bench-store-'));
  return fn(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

// ---------------------------------------------------------------- the two stores

function adapterContender(file: string): Contender {
  const store = new SqliteEventStore({ file });
  const revisions = new Map<string, bigint>();
  let after: bigint | undefined;
  return {
    // The connection is private; reading its pragmas shows what was actually measured.
    durability: durabilityOf(store['db']),
    async append({ stream, events }) {
      const result = await store.appendToStream(stream, revisions.get(stream) ?? 'no_stream', events);
      revisions.set(stream, result.nextExpectedRevision);
      return events.length;
    },
    readStream: async (stream) => (await store.readStream(stream)).length,
    async readAllPage() {
      const page = await store.readAll({ after, maxCount: READ_PAGE });
      if (page.length > 0) after = page[page.length - 1].position;
      return page.length;
    },
    close: () => store.close(),
  };
}

/**
 * The floor any store pays for these events: the same JSON encoding/decoding and
 * the same SQL, one transaction per batch, but no revision check, no idempotency probe.
 */
function rawContender(file: string): Contender {
  const db = openRaw(file);
  const insert = db.prepare(
    'INSERT INTO events (stream, revision, id, type, schema_version, data, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const appendBatch = db.transaction((stream: string, first: number, events: EventToAppend[]) => {
    events.forEach((e, i) =>
      insert.run(stream, first + i, e.id, e.type, e.schemaVersion, JSON.stringify(e.data), JSON.stringify(e.metadata)),
    );
  });
  const forwards = db.prepare('SELECT * FROM events WHERE stream = ? AND revision >= ? ORDER BY revision ASC LIMIT ?');
  const all = db.prepare('SELECT * FROM events WHERE position > ? ORDER BY position ASC LIMIT ?');
  const decode = (rows: RawRow[]) => rows.map((r) => ({ ...r, data: JSON.parse(r.data), metadata: JSON.parse(r.metadata) }));
  const next = new Map<string, number>();
  let after = -1;
  return {
    durability: durabilityOf(db),
    append({ stream, events }) {
      const first = next.get(stream) ?? 0;
      appendBatch(stream, first, events);
      next.set(stream, first + events.length);
      return events.length;
    },
    readStream: (stream) => decode(forwards.all(stream, 0, -1) as RawRow[]).length,
    readAllPage() {
      const page = decode(all.all(after, READ_PAGE) as RawRow[]);
      if (page.length > 0) after = page[page.length - 1].position;
      return page.length;
    },
    close: () => {
      db.close();
    },
  };
}

function openRaw(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(RAW_SCHEMA);
  return db;
}

function durabilityOf(db: Database.Database): string {
  const sync = db.pragma('synchronous', { simple: true }) as number;
  return `journal_mode=${String(db.pragma('journal_mode', { simple: true }))} synchronous=${SYNCHRONOUS[sync] ?? sync}`;
}

function assertSameSchema(adapterFile: string, rawFile: string): void {
  const describe = (file: string) => {
    const db = new Database(file, { readonly: true });
    try {
      const indexes = (db.pragma('index_list(events)') as { name: string }[]).map((i) => db.pragma(`index_info(${i.name})`));
      return JSON.stringify([db.pragma('table_info(events)'), indexes]);
    } finally {
      db.close();
    }
  };
  if (describe(adapterFile) !== describe(rawFile)) {
    throw new Error('RAW_SCHEMA no longer matches the adapter schema: copy its CREATE TABLE again');
  }
}

// ---------------------------------------------------------------- one batch size

async function runBatchSize(streams: Map<string, EventToAppend[]>, batchSize: number): Promise<{ rows: Row[]; durability: string }> {
  const plan = planBatches(streams, batchSize);
  const names = [...streams.keys()];
  return withTempDir(async (dir) => {
    const adapter = adapterContender(join(dir, 'adapter.db'));
    const raw = rawContender(join(dir, 'raw.db'));
    try {
      assertSameSchema(join(dir, 'adapter.db'), join(dir, 'raw.db'));
      const append = await race(`append, batch ${batchSize}`, plan.length, (i) => adapter.append(plan[i]), (i) => raw.append(plan[i]));
      const readStream = await race(
        `readStream, batch ${batchSize}`,
        names.length,
        (i) => adapter.readStream(names[i]),
        (i) => raw.readStream(names[i]),
      );
      const pages = Math.ceil(EVENTS / READ_PAGE);
      const readAll = await race(`readAll, batch ${batchSize}`, pages, () => adapter.readAllPage(), () => raw.readAllPage());
      return {
        durability: `adapter ${adapter.durability}; raw ${raw.durability}`,
        rows: [
          { scenario: `append, batch ${batchSize}`, ...append, target: APPEND_TARGETS[batchSize] },
          { scenario: `readStream x${names.length}, after batch ${batchSize}`, ...readStream },
          { scenario: `readAll pages of ${READ_PAGE}, after batch ${batchSize}`, ...readAll },
        ],
      };
    } finally {
      await adapter.close();
      await raw.close();
    }
  });
}

// ---------------------------------------------------------------- report

function machineInfo(): string[] {
  const cpus = os.cpus();
  const memory = new Database(':memory:');
  const sqlite = String(memory.prepare('SELECT sqlite_version()').pluck().get());
  memory.close();
  const betterSqlite = (require('better-sqlite3/package.json') as { version: string }).version;
  const memoryGiB = (os.totalmem() / 2 ** 30).toFixed(1);
  return [
    `machine:    ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown cpu'}), ${memoryGiB} GiB, ${os.platform()} ${os.release()} ${os.arch()}`,
    `runtime:    node ${process.version}, SQLite ${sqlite} (better-sqlite3 ${betterSqlite}), files in ${os.tmpdir()}`,
  ];
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function printTable(rows: Row[]): void {
  const header = ['scenario', 'adapter ev/s', 'raw ev/s', 'adapter/raw', 'target', 'met'];
  const lines = rows.map((r) => {
    const ratio = (100 * r.adapter) / r.raw;
    const met = r.target === undefined ? '' : ratio >= r.target ? 'yes' : 'NO';
    return [r.scenario, fmt(r.adapter), fmt(r.raw), `${ratio.toFixed(1)}%`, r.target === undefined ? '-' : `>= ${r.target}%`, met];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const render = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  console.log(render(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const line of lines) console.log(render(line));
}

async function main(): Promise<void> {
  const streams = makeStreams(EVENTS, STREAMS);
  const rows: Row[] = [];
  const durability = new Set<string>();
  for (const batchSize of BATCH_SIZES) {
    const result = await runBatchSize(streams, batchSize);
    rows.push(...result.rows);
    durability.add(result.durability);
  }

  const envelope = `~${averageEnvelopeBytes(streams)} B of JSON data+metadata per event`;
  console.log(`SqliteEventStore vs raw better-sqlite3: ${fmt(EVENTS)} events, ${fmt(STREAMS)} streams, ${envelope}`);
  for (const line of machineInfo()) console.log(line);
  console.log(`durability: ${[...durability].join(' | ')}; fresh files per batch size`);
  console.log('raw:        same schema, SQL and JSON encode/decode; one transaction per batch; no revision check, no idempotency probe');
  console.log(`method:     the two stores take turns in ${CHUNKS} chunks per scenario, so both see the same disk and CPU load`);
  console.log('');
  printTable(rows);
  console.log('');
  console.log('Batch 1 with synchronous=FULL pays one WAL fsync per append on both sides: it measures the disk more than the code.');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

/**
 * Throughput of SqliteEventStore beside raw better-sqlite3 on the same schema,
 * the same rows and the same durability settings, and beside a peer event store,
 * @event-driven-io/emmett-sqlite on `sqlite3` (npm run bench:store).
 * BENCH_EVENTS and BENCH_STREAMS resize the workload.
 */
import Database from 'better-sqlite3';
import { Presets, SingleBar } from 'cli-progress';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { EventToAppend } from '../src/infrastructure/event-store/event-store.port';
import { SqliteEventStore } from '../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { commandLine, fmt, machineLines, positiveIntFromEnv, table } from './support/machine';

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

type Side = 'adapter' | 'raw' | 'peer';
type Step = (i: number) => Promise<number> | number;

interface Row {
  scenario: string;
  adapter: number;
  raw: number;
  peer?: number;
  target?: number;
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
    result.set(
      `offboarding-${s}`,
      Array.from({ length: count }, (_, r) => anEnvelope(s, r)),
    );
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
 * stores take turns chunk by chunk (rotating which goes first) instead of
 * running one after the other: all then see the same disk.
 */
async function race(label: string, units: number, steps: Partial<Record<Side, Step>>): Promise<Partial<Record<Side, number>>> {
  const sides = Object.keys(steps) as Side[];
  const chunk = Math.ceil(units / CHUNKS);
  const chunks = Math.ceil(units / chunk);
  const totals = new Map(sides.map((side) => [side, { events: 0, ns: 0n }]));
  const run = async (side: Side, from: number) => {
    const step = steps[side]!;
    const total = totals.get(side)!;
    const start = process.hrtime.bigint();
    for (let i = from; i < Math.min(from + chunk, units); i++) {
      // sqlite3's errors carry no stack: say where it failed.
      total.events += await Promise.resolve(step(i)).catch((error: unknown) => {
        throw new Error(`${side}, ${label}, step ${i}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      });
    }
    total.ns += process.hrtime.bigint() - start;
  };
  const bar = progressBar(label, chunks);
  for (let c = 0; c < chunks; c++) {
    const order = [...sides.slice(c % sides.length), ...sides.slice(0, c % sides.length)];
    for (const side of order) await run(side, c * chunk);
    bar.tick();
  }
  bar.stop();
  return Object.fromEntries([...totals].map(([side, { events, ns }]) => [side, (events * 1e9) / Number(ns)]));
}

function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(os.tmpdir(), 'bench-store-'));
  return fn(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

// ---------------------------------------------------------------- the stores

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
  const insert = db.prepare('INSERT INTO events (stream, revision, id, type, schema_version, data, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)');
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

/** What the benchmark uses of @event-driven-io/emmett-sqlite (loaded at run time from bench/peer). */
interface PeerMessage {
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
}
interface PeerConnection {
  close(): void;
  querySingle<T>(sql: string): Promise<T | null>;
}
interface PeerModule {
  sqliteConnection(options: { fileName: string }): PeerConnection;
  createEventStoreSchema(connection: PeerConnection): Promise<void>;
  appendToStream(
    connection: PeerConnection,
    stream: string,
    streamType: string,
    events: PeerMessage[],
    options: { expectedStreamVersion: bigint | 'STREAM_DOES_NOT_EXIST' },
  ): Promise<{ success: true; nextStreamPosition: bigint } | { success: false }>;
  readStream(connection: PeerConnection, stream: string): Promise<{ events: unknown[] }>;
  readMessagesBatch(
    connection: PeerConnection,
    options: { after: bigint; batchSize: number },
  ): Promise<{ currentGlobalPosition: bigint; messages: unknown[] }>;
}

const PEER_DIR = join(__dirname, 'peer');
const PEER_PACKAGE = '@event-driven-io/emmett-sqlite';

/**
 * The peer has its own package (bench/peer): it needs uuid@^10 beside the
 * service's uuid 11. Installed on first use; sqlite3 builds from source there.
 */
function loadPeer(): { peer: PeerModule; version: string } | { skipped: string } {
  const load = () => ({
    peer: require(join(PEER_DIR, 'node_modules', PEER_PACKAGE)) as PeerModule,
    version: (require(join(PEER_DIR, 'node_modules', PEER_PACKAGE, 'package.json')) as { version: string }).version,
  });
  try {
    return load();
  } catch {
    console.log(`installing the peer into bench/peer (npm ci; sqlite3 builds from source, this may take minutes) ...`);
  }
  // nodedir: sqlite3's native build takes Node's headers from the system instead of downloading them.
  const install = spawnSync('npm', ['ci', '--prefix', PEER_DIR, '--no-audit', '--no-fund'], {
    env: { ...process.env, npm_config_nodedir: process.env.npm_config_nodedir ?? '/usr' },
    encoding: 'utf8',
  });
  if (install.status !== 0) {
    const why =
      `${install.stderr ?? ''}${install.error?.message ?? ''}`.trim().split('\n').filter(Boolean).at(-1) ?? `exit ${install.status}`;
    return { skipped: `npm ci --prefix bench/peer failed: ${why}` };
  }
  try {
    return load();
  } catch (error) {
    return { skipped: `${PEER_PACKAGE} does not load after npm ci: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * The peer through the functions its EventStore runs (appendToStream with the
 * expected stream version in one transaction, readStream, readMessagesBatch as
 * its consumers read the log), on one kept sqlite3 connection. Its
 * getSQLiteEventStore opens a connection per call, without awaiting the
 * journal_mode pragma it sends on each: here its appends failed within a few
 * hundred calls with SQLITE_BUSY "cannot commit transaction - SQL statements in progress".
 */
async function peerContender(peer: PeerModule, file: string): Promise<Contender> {
  // The file is put in WAL mode (which SQLite keeps in the file) before the peer opens it, so the
  // `PRAGMA journal_mode = WAL` that sqliteConnection sends without waiting has nothing to change:
  // run after the peer's first transaction had begun, it failed with "cannot change into wal mode
  // from within a transaction" in 3 of this session's full runs.
  const prepare = new Database(file);
  prepare.pragma('journal_mode = WAL');
  prepare.close();
  const connection = peer.sqliteConnection({ fileName: file });
  const journal = await connection.querySingle<{ journal_mode: string }>('PRAGMA journal_mode');
  const sync = await connection.querySingle<{ synchronous: number }>('PRAGMA synchronous');
  await peer.createEventStoreSchema(connection);
  const versions = new Map<string, bigint>();
  let after = 0n;
  return {
    // emmett sets only journal_mode; synchronous is sqlite3's default.
    durability: `journal_mode=${journal?.journal_mode} synchronous=${SYNCHRONOUS[sync?.synchronous ?? -1] ?? sync?.synchronous}`,
    async append({ stream, events }) {
      const result = await peer.appendToStream(
        connection,
        stream,
        stream.split('-')[0],
        events.map((e) => ({ type: e.type, data: e.data, metadata: { ...e.metadata, messageId: e.id, schemaVersion: e.schemaVersion } })),
        { expectedStreamVersion: versions.get(stream) ?? 'STREAM_DOES_NOT_EXIST' },
      );
      if (!result.success) throw new Error(`peer refused an append to ${stream}`);
      versions.set(stream, result.nextStreamPosition);
      return events.length;
    },
    readStream: async (stream) => (await peer.readStream(connection, stream)).events.length,
    async readAllPage() {
      const page = await peer.readMessagesBatch(connection, { after, batchSize: READ_PAGE });
      after = page.currentGlobalPosition;
      return page.messages.length;
    },
    close: () => connection.close(),
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

async function runBatchSize(
  streams: Map<string, EventToAppend[]>,
  batchSize: number,
  peer: PeerModule | null,
): Promise<{ rows: Row[]; durability: string }> {
  const plan = planBatches(streams, batchSize);
  const names = [...streams.keys()];
  return withTempDir(async (dir) => {
    const contenders: Partial<Record<Side, Contender>> = {
      adapter: adapterContender(join(dir, 'adapter.db')),
      raw: rawContender(join(dir, 'raw.db')),
      ...(peer ? { peer: await peerContender(peer, join(dir, 'peer.db')) } : {}),
    };
    const each = (act: (c: Contender, i: number) => Promise<number> | number) =>
      Object.fromEntries(Object.entries(contenders).map(([side, c]) => [side, (i: number) => act(c, i)])) as Partial<Record<Side, Step>>;
    try {
      assertSameSchema(join(dir, 'adapter.db'), join(dir, 'raw.db'));
      const append = await race(
        `append, batch ${batchSize}`,
        plan.length,
        each((c, i) => c.append(plan[i])),
      );
      const readStream = await race(
        `readStream, batch ${batchSize}`,
        names.length,
        each((c, i) => c.readStream(names[i])),
      );
      const pages = Math.ceil(EVENTS / READ_PAGE);
      const readAll = await race(
        `readAll, batch ${batchSize}`,
        pages,
        each((c) => c.readAllPage()),
      );
      const row = (scenario: string, figures: Partial<Record<Side, number>>, target?: number): Row => ({
        scenario,
        adapter: figures.adapter!,
        raw: figures.raw!,
        peer: figures.peer,
        target,
      });
      return {
        durability: Object.entries(contenders)
          .map(([side, c]) => `${side} ${c.durability}`)
          .join('; '),
        rows: [
          row(`append, batch ${batchSize}`, append, APPEND_TARGETS[batchSize]),
          row(`readStream x${names.length}, after batch ${batchSize}`, readStream),
          row(`readAll pages of ${READ_PAGE}, after batch ${batchSize}`, readAll),
        ],
      };
    } finally {
      for (const c of Object.values(contenders)) await c.close();
    }
  });
}

// ---------------------------------------------------------------- report

function printTable(rows: Row[], withPeer: boolean): void {
  const header = [
    'scenario',
    'adapter ev/s',
    'raw ev/s',
    ...(withPeer ? ['peer ev/s'] : []),
    'adapter/raw',
    'target',
    'met',
    ...(withPeer ? ['adapter/peer'] : []),
  ];
  const lines = rows.map((r) => {
    const ratio = (100 * r.adapter) / r.raw;
    const met = r.target === undefined ? '' : ratio >= r.target ? 'yes' : 'NO';
    const peer = withPeer ? [fmt(r.peer!)] : [];
    const versusPeer = withPeer ? [`${(r.adapter / r.peer!).toFixed(2)}x`] : [];
    return [
      r.scenario,
      fmt(r.adapter),
      fmt(r.raw),
      ...peer,
      `${ratio.toFixed(1)}%`,
      r.target === undefined ? '-' : `>= ${r.target}%`,
      met,
      ...versusPeer,
    ];
  });
  console.log(table(header, lines));
}

async function main(): Promise<void> {
  const loaded = loadPeer();
  const peer = 'peer' in loaded ? loaded.peer : null;
  const streams = makeStreams(EVENTS, STREAMS);
  const rows: Row[] = [];
  const durability = new Set<string>();
  for (const batchSize of BATCH_SIZES) {
    const result = await runBatchSize(streams, batchSize, peer);
    rows.push(...result.rows);
    durability.add(result.durability);
  }

  const envelope = `~${averageEnvelopeBytes(streams)} B of JSON data+metadata per event`;
  console.log(`SqliteEventStore vs raw better-sqlite3 vs ${PEER_PACKAGE}: ${fmt(EVENTS)} events, ${fmt(STREAMS)} streams, ${envelope}`);
  for (const line of machineLines(commandLine('bench:store', ['BENCH_EVENTS', 'BENCH_STREAMS']))) console.log(line);
  if ('version' in loaded) {
    const sqlite3 = (require(join(PEER_DIR, 'node_modules', 'sqlite3', 'package.json')) as { version: string }).version;
    console.log(
      `peer:       ${PEER_PACKAGE} ${loaded.version} on sqlite3 ${sqlite3} (built from source, its own SQLite): appendToStream (expected version, one transaction), readStream, readMessagesBatch on one kept connection`,
    );
  } else {
    console.log(`peer:       skipped: ${loaded.skipped}`);
  }
  console.log(`durability: ${[...durability].join(' | ')}; fresh files per batch size`);
  console.log('raw:        same schema, SQL and JSON encode/decode; one transaction per batch; no revision check, no idempotency probe');
  console.log(`method:     the stores take turns in ${CHUNKS} chunks per scenario, so all see the same disk and CPU load`);
  console.log('');
  printTable(rows, peer !== null);
  console.log('');
  console.log('Batch 1 with synchronous=FULL pays one WAL fsync per append on every side: it measures the disk more than the code.');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

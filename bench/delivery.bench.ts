/**
 * Delivery throughput (npm run bench:delivery): messages enqueued into the outbox on the
 * embedded read store (a file, WAL, as the service has it), routed and sent by the
 * dispatcher to a generic webhook on 127.0.0.1 that checks every signature, until every
 * delivery is marked sent. Issue 13 asks ≥ 500 messages/s. The second run adds a dead
 * receiver (connections dropped) on a second channel of the same audience: the live
 * channel's rate should hold. BENCH_MESSAGES and BENCH_CONCURRENCY resize it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { SqliteKeyStore } from '../src/infrastructure/key-store/sqlite/sqlite-key-store';
import { SqliteReadStore } from '../src/infrastructure/read-store/sqlite/sqlite-read-store';
import { ChannelConfig } from '../src/notifications/channels/channel';
import { ChannelDirectory } from '../src/notifications/channels/channel-directory';
import { ChannelSecrets } from '../src/notifications/channels/channel-secrets';
import { Dispatcher } from '../src/notifications/delivery/dispatcher';
import { ReadStoreOutbox } from '../src/notifications/delivery/read-store-outbox';
import { HttpReceivers } from '../test/support/notification-receivers';
import { commandLine, fmt, machineLines, positiveIntFromEnv, table } from './support/machine';

const MESSAGES = positiveIntFromEnv('BENCH_MESSAGES', 5_000);
const CONCURRENCY = positiveIntFromEnv('BENCH_CONCURRENCY', 32);
const TARGET = 500;
const secrets = { webhook: 'whsec-bench-secret', dingtalk: 'x', feishu: 'x', wecomKey: 'x' };

async function run(withDeadReceiver: boolean): Promise<{ seconds: number; rate: number; raw: number }> {
  const dir = mkdtempSync(join(os.tmpdir(), 'delivery-bench-'));
  const receivers = await new HttpReceivers(secrets).start();
  receivers.setMode('/webhook/dead', { kind: 'die' });
  const reads = new SqliteReadStore(join(dir, 'read-models.db'));
  const keys = new SqliteKeyStore(join(dir, 'keys.db'));
  const sealer = new ChannelSecrets(keys);
  const base = {
    enabled: true,
    departments: ['it'],
    orgUnits: [],
    roles: [],
    actorIds: [],
    format: 'markdown' as const,
    type: 'webhook' as const,
  };
  const channels: ChannelConfig[] = [
    { ...base, id: 'live', name: 'live', url: receivers.url('/webhook/live'), secret: await sealer.seal('live', secrets.webhook) },
  ];
  if (withDeadReceiver)
    channels.push({
      ...base,
      id: 'dead',
      name: 'dead',
      url: receivers.url('/webhook/dead'),
      secret: await sealer.seal('dead', secrets.webhook),
    });
  for (const c of channels) await reads.upsert('channels_bench', c as ChannelConfig & Record<string, unknown>);
  const outbox = new ReadStoreOutbox(reads, () => new Date());
  await outbox.ensureCollections();
  const dispatcher = new Dispatcher(
    outbox,
    new ChannelDirectory(reads, () => 'channels_bench', 1000),
    sealer,
    { maxAttempts: 8, timeoutMs: 2000, backoffBaseMs: 1000, backoffMaxMs: 60_000, concurrencyPerChannel: CONCURRENCY, pollMs: 20 },
    () => new Date(),
    { attempted: () => undefined, record: async () => undefined, log: () => undefined },
  );
  const notBefore = new Date().toISOString();
  for (let i = 0; i < MESSAGES; i += 500) {
    await outbox.enqueue(
      Array.from({ length: Math.min(500, MESSAGES - i) }, (_, k) => ({
        id: `bench:${i + k}`,
        kind: 'domain_event' as const,
        audience: [{ kind: 'role' as const, role: 'hr_specialist' as const, department: 'it' }],
        title: { zh: '案件进展', en: 'Case progress' },
        text: { zh: '步骤已完成', en: 'A step was completed' },
        notBefore,
      })),
    );
  }
  const started = process.hrtime.bigint();
  dispatcher.start();
  while (receivers.count('/webhook/live') < MESSAGES) await new Promise((r) => setTimeout(r, 5));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await dispatcher.stop();
  const raw = receivers.rawCount('/webhook/live');
  if (receivers.rejected.length) throw new Error(`receiver refused: ${JSON.stringify(receivers.rejected.slice(0, 3))}`);
  await receivers.stop();
  await reads.close();
  await keys.close();
  rmSync(dir, { recursive: true, force: true });
  return { seconds, rate: MESSAGES / seconds, raw };
}

async function main() {
  const rows: string[][] = [];
  for (const dead of [false, true]) {
    const { seconds, rate, raw } = await run(dead);
    rows.push([
      dead ? 'live webhook beside a dead one' : 'one live webhook',
      fmt(MESSAGES),
      fmt(raw),
      seconds.toFixed(2),
      fmt(Math.round(rate)),
      rate >= TARGET ? `≥ ${TARGET}: met` : `≥ ${TARGET}: MISSED`,
    ]);
  }
  console.log(machineLines(commandLine('bench:delivery', ['BENCH_MESSAGES', 'BENCH_CONCURRENCY'])).join('\n'));
  console.log(`per-channel concurrency ${CONCURRENCY}, routing + claim + sent: three compare-and-sets per delivery on SQLite (WAL)\n`);
  console.log(table(['scenario', 'messages', 'requests', 'seconds', 'messages/s', 'target'], rows));
}

void main();

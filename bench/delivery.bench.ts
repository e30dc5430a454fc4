/**
 * Delivery to a local receiver (npm run bench:delivery): DELIVERY_MESSAGES messages
 * (default 5,000) enqueued in a real ReadStoreOutbox on a SQLite read store, for a
 * generic webhook channel (signed) pointing at a plain node:http receiver on
 * 127.0.0.1 in this process; the Dispatcher, with the service's default settings
 * (NOTIFY_* defaults: 4 in flight per channel, 500 ms poll), routes and sends them
 * until the receiver has every message once. Printed: messages/s delivered, against
 * the target (>= 500/s), and against the baseline measured in the same run: the
 * same receiver's bare rate for the same client code (fetch POST of a message's
 * size, the same number in flight), with no outbox.
 * DELIVERY_CONCURRENCY sets the deliveries in flight per channel (and the baseline's).
 */
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { SqliteKeyStore } from '../src/infrastructure/key-store/sqlite/sqlite-key-store';
import { SqliteReadStore } from '../src/infrastructure/read-store/sqlite/sqlite-read-store';
import { ChannelConfig } from '../src/notifications/channels/channel';
import { ChannelDirectory } from '../src/notifications/channels/channel-directory';
import { ChannelSecrets } from '../src/notifications/channels/channel-secrets';
import { Dispatcher } from '../src/notifications/delivery/dispatcher';
import { ReadStoreOutbox } from '../src/notifications/delivery/read-store-outbox';
import { OutboundMessage } from '../src/notifications/outbound-message';
import { commandLine, fmt, machineLines, positiveIntFromEnv, table } from './support/machine';

const MESSAGES = positiveIntFromEnv('DELIVERY_MESSAGES', 5_000);
const CONCURRENCY = positiveIntFromEnv('DELIVERY_CONCURRENCY', 4);
const TARGET = 500;
const CHANNELS = 'bench_channels';

/** Counts requests by idempotency key: delivered = distinct keys; repeats are counted apart. */
class Receiver {
  readonly seen = new Set<string>();
  requests = 0;
  private readonly server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      this.requests++;
      this.seen.add(String(req.headers['idempotency-key']));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      this.waiter?.();
    });
  });
  private waiter: (() => void) | null = null;

  async start(): Promise<string> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhook`;
  }

  reset(): void {
    this.seen.clear();
    this.requests = 0;
  }

  /** Resolves when `count` distinct messages have arrived. */
  until(count: number): Promise<void> {
    return new Promise((resolve) => {
      this.waiter = () => {
        if (this.seen.size >= count) {
          this.waiter = null;
          resolve();
        }
      };
      this.waiter();
    });
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    this.server.close();
  }
}

const message = (i: number, run: string): OutboundMessage => ({
  id: `reminder:C${run}${String(i).padStart(6, '0')}:labor_termination:1000:before-3`,
  kind: 'reminder',
  audience: [{ kind: 'role', role: 'hr_specialist', department: 'hr' }],
  title: { zh: '步骤提醒', en: 'Step reminder' },
  text: {
    zh: `离职案件 C${i} 的「退工登记」将于 2026-12-08 到期，还有 3 个工作日。`,
    en: `"Labour termination registration" of offboarding case C${i} is due on 2026-12-08, in 3 working days.`,
  },
  notBefore: '2026-12-03T01:00:00.000Z',
  caseId: `C${i}`,
  employeeId: `E${i}`,
  step: 'labor_termination',
  payload: { due: '2026-12-08', remindOn: '2026-12-03', calendar: 'published' },
});

/** The baseline: the same fetch POST as the webhook sender (headers, body size, timeout), CONCURRENCY at a time, no outbox. */
async function bareRate(url: string, receiver: Receiver): Promise<number> {
  receiver.reset();
  const body = JSON.stringify({ ...message(0, 'bare'), attempt: 1, sentAt: new Date().toISOString() });
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < MESSAGES) {
        const i = next++;
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': `bare-${i}`, 'webhook-signature': 't=0,v1=0' },
          body,
          signal: AbortSignal.timeout(5_000),
          redirect: 'error',
        });
        await response.text();
        if (!response.ok) throw new Error(`bare POST: HTTP ${response.status}`);
      }
    }),
  );
  return MESSAGES / (Number(process.hrtime.bigint() - start) / 1e9);
}

async function dispatched(url: string, receiver: Receiver, dir: string, run: string) {
  receiver.reset();
  const reads = new SqliteReadStore(join(dir, `read-models-${run}.db`));
  const keys = new SqliteKeyStore(join(dir, `keys-${run}.db`));
  const secrets = new ChannelSecrets(keys);
  const channel: ChannelConfig = {
    id: 'hr-webhook',
    type: 'webhook',
    name: 'HR webhook',
    enabled: true,
    departments: ['hr'],
    orgUnits: [],
    roles: [],
    actorIds: [],
    format: 'markdown',
    url,
    secret: await secrets.seal('hr-webhook', 'whsec-bench'),
  };
  await reads.upsert(CHANNELS, channel as ChannelConfig & Record<string, unknown>);
  const outbox = new ReadStoreOutbox(reads, () => new Date());
  await outbox.ensureCollections();
  let recorded = 0;
  const outcomes = { sent: 0, retry: 0, dead: 0 };
  const dispatcher = new Dispatcher(
    outbox,
    new ChannelDirectory(reads, () => CHANNELS),
    secrets,
    { maxAttempts: 8, timeoutMs: 5_000, backoffBaseMs: 1_000, backoffMaxMs: 300_000, concurrencyPerChannel: CONCURRENCY, pollMs: 500 },
    () => new Date(),
    {
      attempted: (_type, outcome) => void outcomes[outcome]++,
      // The service records each outcome on the case's stream by a command; here only the bookkeeping around it.
      record: async () => void recorded++,
      log: (msg, fields) => console.error(msg, fields),
    },
  );
  const enqueueStart = process.hrtime.bigint();
  await outbox.enqueue(Array.from({ length: MESSAGES }, (_, i) => message(i, run)));
  const enqueueSeconds = Number(process.hrtime.bigint() - enqueueStart) / 1e9;
  const start = process.hrtime.bigint();
  dispatcher.start();
  await receiver.until(MESSAGES);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await dispatcher.stop();
  await reads.close();
  await keys.close();
  return { seconds, enqueueSeconds, outcomes, recorded, requests: receiver.requests, distinct: receiver.seen.size };
}

async function main(): Promise<void> {
  const command = commandLine('bench:delivery', ['DELIVERY_MESSAGES', 'DELIVERY_CONCURRENCY']);
  for (const line of machineLines(command)) console.log(line);
  console.log(
    `workload:   ${fmt(MESSAGES)} messages for one signed generic-webhook channel, receiver (node:http) on 127.0.0.1 in this process; ${CONCURRENCY} in flight per channel; ${os.loadavg()[0].toFixed(1)} load average at start`,
  );
  const dir = mkdtempSync(join(os.tmpdir(), 'bench-delivery-'));
  const receiver = new Receiver();
  const url = await receiver.start();
  try {
    // Warm both paths once (fetch's connection pool, SQLite statements), then measure them in turns.
    await bareRate(url, receiver);
    const bare: number[] = [];
    const runs: Array<Awaited<ReturnType<typeof dispatched>>> = [];
    for (const run of ['1', '2']) {
      bare.push(await bareRate(url, receiver));
      runs.push(await dispatched(url, receiver, dir, run));
    }
    const rows = runs.map((r, k) => {
      const rate = MESSAGES / r.seconds;
      return [
        `run ${k + 1}`,
        fmt(MESSAGES / r.enqueueSeconds),
        r.seconds.toFixed(2),
        fmt(rate),
        fmt(bare[k]),
        `${((100 * rate) / bare[k]).toFixed(1)}%`,
        `${fmt(r.requests)} / ${fmt(r.distinct)}`,
        `${r.outcomes.sent}/${r.outcomes.retry}/${r.outcomes.dead}`,
        `>= ${TARGET}/s`,
        rate >= TARGET ? 'yes' : 'NO',
      ];
    });
    console.log('');
    console.log(
      table(
        [
          'run',
          'enqueued/s',
          'seconds',
          'delivered/s',
          'bare POST/s',
          'vs bare',
          'requests / distinct',
          'sent/retry/dead',
          'target',
          'met',
        ],
        rows,
      ),
    );
  } finally {
    await receiver.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

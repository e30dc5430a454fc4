import { until as untilWithin } from '../support/until';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteReadStore } from '../../src/infrastructure/read-store/sqlite/sqlite-read-store';
import { ReadStoreOutbox } from '../../src/notifications/delivery/read-store-outbox';
import { OutboundMessage } from '../../src/notifications/outbound-message';
import { LEASES } from '../../src/projections/lease';
import { HttpReceivers } from '../support/notification-receivers';
import { freePort } from '../support/free-port';
import { ServiceProcess, startServiceProcess } from '../support/service-process';
import { as, TEST_SECRET } from '../support/tokens';

/**
 * Two compiled service processes on one data directory (one log, one read store), as
 * two replicas on one store would run: the dispatcher runs in one of them (its lease in
 * the read store), so each message reaches each channel once; when the holder is killed
 * with SIGKILL mid-delivery, the other takes the lease over once it expires and every
 * message still arrives. The receiver keeps the first delivery of each idempotency key
 * (the effect) and counts every request (raw): after a kill, the attempts that were in
 * flight are sent again under the same key, which the receiver absorbs.
 *
 * Messages are enqueued from the test, into the same read store (the producers are
 * reactors of other features).
 */
const root = join(__dirname, '..', '..');
const outDir = join(root, '.build-test', `deliver-${process.pid}`);
const secrets = { webhook: 'whsec-two-process', dingtalk: 'SEC-two-process', feishu: 'feishu-two-process', wecomKey: 'wecom-two' };
const CONCURRENCY = 4;

describe('two service processes on one store (dispatcher lease)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-two-'));
  const ports: number[] = [];
  const processes: ServiceProcess[] = [];
  let receivers: HttpReceivers;
  let reads: SqliteReadStore;
  let outbox: ReadStoreOutbox;

  const start = (port: number) =>
    startServiceProcess([join(outDir, 'main.js')], {
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      AUTH_JWT_SECRET: TEST_SECRET,
      LEASE_TTL_MS: '1500',
      NOTIFY_POLL_MS: '50',
      NOTIFY_TIMEOUT_MS: '3000',
      NOTIFY_CONCURRENCY_PER_CHANNEL: String(CONCURRENCY),
    });
  const until = <T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string, ms = 60_000) => untilWithin(probe, done, what, ms);
  const url = (port: number, path: string) => `http://127.0.0.1:${port}${path}`;
  const holder = async () => (await reads.get<{ id: string; holder: string }>(LEASES, 'dispatcher'))?.holder ?? null;
  const pidOf = (holderId: string) => Number(holderId.split(':')[1]);
  const message = (id: string): OutboundMessage => ({
    id,
    kind: 'domain_event',
    audience: [{ kind: 'role', role: 'hr_specialist', department: 'it' }],
    title: { zh: '案件进展', en: 'Case progress' },
    text: { zh: '步骤已完成', en: 'A step was completed' },
    notBefore: new Date().toISOString(),
  });

  beforeAll(async () => {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', outDir], {
      cwd: root,
      stdio: 'pipe',
    });
    receivers = await new HttpReceivers(secrets).start();
    ports.push(await freePort(), await freePort());
    for (const port of ports) processes.push(start(port));
    for (const [i, port] of ports.entries()) await processes[i].healthy(port);
    for (const [id, type, path, secret] of [
      ['it-webhook', 'webhook', '/webhook/it', secrets.webhook],
      ['it-ding', 'dingtalk', '/dingtalk/robot/send?access_token=t', secrets.dingtalk],
    ]) {
      const res = await fetch(url(ports[0], '/api/admin/channels'), {
        method: 'POST',
        headers: { ...as.admin, 'Content-Type': 'application/json' },
        body: JSON.stringify({ id, type, name: id, departments: ['it'], url: receivers.url(path), secret }),
      });
      expect(res.status).toBe(201);
    }
    // Both processes know both channels (each follows the shared log with its own projections).
    for (const port of ports) {
      await until(
        () => fetch(url(port, '/api/admin/channels'), { headers: as.admin }).then((r) => r.json() as Promise<{ items: unknown[] }>),
        (b) => b.items?.length === 2,
        `channels on ${port}`,
      );
    }
    reads = new SqliteReadStore(join(dataDir, 'read-models.db'));
    outbox = new ReadStoreOutbox(reads, () => new Date());
    await outbox.ensureCollections();
  }, 240_000);

  afterAll(async () => {
    for (const p of processes) {
      if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGTERM');
      await p.exited;
    }
    await reads?.close();
    await receivers?.stop();
    rmSync(outDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('with both running, one dispatcher delivers: each message reaches each channel exactly once, no request repeated', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `calm:${i}`);
    await outbox.enqueue(ids.map(message));
    for (const route of ['/webhook/it', '/dingtalk'])
      await until(
        async () => receivers.count(route),
        (n) => n === 40,
        `${route} effects`,
      );
    // Let a second dispatcher, had there been one, send its copies too.
    await new Promise((r) => setTimeout(r, 1000));
    expect(receivers.rejected).toEqual([]);
    expect([receivers.rawCount('/webhook/it'), receivers.rawCount('/dingtalk')]).toEqual([40, 40]);
    expect(processes.map((p) => p.child.pid)).toContain(pidOf((await holder())!));
    // The reactors are leased the same way: the process manager follows the log in one process and stands by in the other.
    type Runner = { projection: string; state: string; lag: string };
    const processManager = async (port: number) => {
      const health = (await (await fetch(url(port, '/health'))).json()) as { details: { projections: { runners: Runner[] } } };
      return health.details.projections.runners.find((r) => r.projection === 'offboarding_process_manager')!;
    };
    const states = await Promise.all(ports.map(async (port) => (await processManager(port)).state));
    expect(states.sort()).toEqual(['live', 'standby']);
    // The stand-by reports the active instance's checkpoint, so its lag is the reactor's, not the whole log.
    for (const port of ports)
      await until(
        () => processManager(port),
        (r) => r.lag === '0',
        `process manager lag on ${port}`,
      );
  }, 120_000);

  it('after kill -9 of the lease holder mid-delivery, the other takes over and every message arrives, with no duplicate effect', async () => {
    const first = (await holder())!;
    const victim = processes.find((p) => p.child.pid === pidOf(first))!;
    const survivor = processes.find((p) => p !== victim)!;
    // Slow receivers keep attempts in flight when the holder dies.
    receivers.setMode('/webhook/it', { kind: 'slow', ms: 200 });
    receivers.setMode('/dingtalk', { kind: 'slow', ms: 200 });
    const rawBefore = { webhook: receivers.rawCount('/webhook/it'), ding: receivers.rawCount('/dingtalk') };
    const ids = Array.from({ length: 60 }, (_, i) => `storm:${i}`);
    await outbox.enqueue(ids.map(message));
    await until(
      async () => receivers.rawCount('/webhook/it') - rawBefore.webhook,
      (n) => n >= 10,
      'deliveries under way',
    );
    victim.child.kill('SIGKILL');
    await victim.exited;
    const afterKill = receivers.rawCount('/webhook/it') - rawBefore.webhook;
    expect(afterKill).toBeLessThan(60);

    for (const route of ['/webhook/it', '/dingtalk'])
      await until(
        async () => receivers.count(route),
        (n) => n === 100,
        `${route} effects after the kill`,
        90_000,
      );
    // Attempts in flight at the kill reached the receiver but were never marked sent: the survivor sends them again once their claim lapses.
    await until(
      () => outbox.countDeliveries('sent'),
      (n) => n === 200,
      'every delivery marked sent',
      90_000,
    );
    const next = (await holder())!;
    expect(pidOf(next)).toBe(survivor.child.pid);
    const raw = { webhook: receivers.rawCount('/webhook/it') - rawBefore.webhook, ding: receivers.rawCount('/dingtalk') - rawBefore.ding };
    // Each of the 60 keys once as an effect; requests repeated only for attempts in flight at the kill (at most the per-channel concurrency).
    console.log(
      `two-process delivery after SIGKILL: 60 messages per channel, raw requests webhook ${raw.webhook}, dingtalk ${raw.ding}; effects 60 each`,
    );
    for (const n of [raw.webhook, raw.ding]) {
      expect(n).toBeGreaterThanOrEqual(60);
      expect(n - 60).toBeLessThanOrEqual(CONCURRENCY);
    }
    expect((await outbox.countDeliveries('pending')) + (await outbox.countDeliveries('dead'))).toBe(0);
    expect(await outbox.countDeliveries('sent')).toBe(200);
    expect(survivor.child.exitCode).toBeNull();
  }, 180_000);
});

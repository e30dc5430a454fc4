/**
 * The HTTP API under load (npm run bench:api): the compiled service on the
 * embedded stores, autocannon on the same machine, for
 *   (a) contributions recorded for many employees,
 *   (b) offboarding step commands,
 *   (c) case views and timelines (answers kept between reads, as served; and, without
 *       a target, made afresh on a service that keeps none, KEPT_ANSWERS_MIB=0),
 * each also as a ratio of a bare Nest route on the same framework (Fastify), a
 * GET for reads and a POST for commands, measured in the same run; the bare route
 * on Express is measured too, for the framework comparison.
 * Every request is one that succeeds (a fresh month, the next step of a case),
 * so any non-2xx answer counts as an error. When a target is missed, the
 * scenario is run again on a service started with --cpu-prof and the profile's
 * top frames are printed. Each row also gives the service's CPU time per request
 * (support/cpu-time.ts), which the load of other work on the machine moves less.
 *
 * API_SECONDS, API_CONNECTIONS, API_EMPLOYEES, API_CASES resize the run; API_GROUPS,
 * API_FRAMEWORKS and API_PROFILE=0 run only part of it.
 *
 * API_DEAD_RECEIVER=1 (issue 13: command p99 unchanged, within 10 %, while one
 * receiver is dead) runs only scenario (b), twice, on services configured alike: a
 * signed webhook channel subscribed to StepCompleted, OffboardingCaseOpened and
 * CommandRefused (every step command enqueues a message for it) and serving the
 * refusal warnings, and refused 退工 attempts before the measurement (warnings
 * retried during it); the channel's receiver on 127.0.0.1 in this process answers
 * 200 at once in the first run and, in the second, accepts connections and never
 * answers. The two p99s and their ratio are printed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { AddressInfo, createServer as createTcpServer, Socket } from 'node:net';
import { once } from 'node:events';
import os from 'node:os';
import { join } from 'node:path';
import { checkCharOf } from '../src/domain/employee/resident-id';
import { addMonths } from '../src/domain/shared/calendar';
import { printProfile, summarizeProfile } from './support/cpu-profile';
import { CpuTime, cpuPerRequest, cpuTimeOf } from './support/cpu-time';
import { Call, drive, LoadResult, seed } from './support/load';
import { commandLine, fmt, machineLines, positiveIntFromEnv, table } from './support/machine';
import { Framework } from './support/bare-route';
import { bearer, Build, buildService, caughtUp, profilesIn, request, Service, startBareRoute, startService } from './support/service';

const SECONDS = positiveIntFromEnv('API_SECONDS', 20);
const CONNECTIONS = positiveIntFromEnv('API_CONNECTIONS', 16);
/** Employees whose accounts scenario (a) records months for, round-robin. */
const EMPLOYEES = positiveIntFromEnv('API_EMPLOYEES', 2_000);
/**
 * Open cases scenario (b) walks through their steps; it ends when every case is completed.
 * 4,500 cases (40,500 commands) last about as long as the other scenarios' 20 s. At 1,500
 * the run lasted 7-8 s, and V8 was still compiling in the background through it: 11 % of
 * the process's CPU (perf, V8Worker threads), the projection side's CPU a step 528 µs
 * against 445 µs in a run of 4,500 cases.
 */
const CASES = positiveIntFromEnv('API_CASES', 4_500);
const WARMUP_SECONDS = 3;
const WARMUP_CASES = 300;
/** Employees (each with half a year of contributions and a case) that scenario (c) reads. */
const READ_SUBJECTS = 1_000;
/** Comma-separated group names to run (contributions, steps, reads); all when unset. */
const ONLY_GROUPS = (process.env.API_GROUPS ?? '')
  .split(',')
  .map((g) => g.trim())
  .filter(Boolean);
/** API_PROFILE=0 skips the --cpu-prof re-run of missed scenarios. */
const PROFILE_MISSES = process.env.API_PROFILE !== '0';
/** API_DEAD_RECEIVER=1: scenario (b) with a live, then a dead webhook receiver (see the top of the file). */
const DEAD_RECEIVER = process.env.API_DEAD_RECEIVER === '1';
/** Issue 13: command p99 with a dead receiver within 10 % of the p99 without. */
const DEAD_RECEIVER_P99_RATIO = 1.1;

/** Issue 12: a share of the bare route of the same framework, an absolute floor, and a p99 bound. */
const TARGETS = {
  command: { ofBare: 0.08, perSecond: 2_000, p99: 50 },
  read: { ofBare: 0.2, perSecond: 5_000, p99: 20 },
};

/** The service for the `afresh` reads: it keeps no serialised answers (http/json-answers.ts). */
const AFRESH = { KEPT_ANSWERS_MIB: '0' };

/** The bare route's GET is what reads are a ratio of, its POST what commands are. */
const BARE_METHOD = { read: 'GET', floor: 'GET', afresh: 'GET', command: 'POST' } as const;
/** API_FRAMEWORKS=fastify skips the Express bare route (the framework comparison); the ratios need only Fastify's. */
const FRAMEWORKS: Framework[] = process.env.API_FRAMEWORKS === 'fastify' ? ['fastify'] : ['fastify', 'express'];

interface Tokens {
  specialist: string;
  manager: string;
  investigator: string;
  admin: string;
}

interface Scenario {
  name: string;
  /**
   * `floor`: no target; the service's own pipeline with nothing behind it, as a yardstick for the reads.
   * `afresh`: no target; a read on a service that keeps no answers (KEPT_ANSWERS_MIB=0), so that every
   * answer is made as on its first read after a change.
   */
  kind: 'command' | 'read' | 'floor' | 'afresh';
  /** Settings of the service the scenario runs on, beyond the group's; scenarios of equal settings share one. */
  env?: Record<string, string>;
  /** The next request; a command scenario never repeats one. */
  next(): Call;
  /** Bounded by count when the requests run out (the cases' steps), else by time. */
  amount?: number;
  warmupAmount?: number;
}

/** A service's data: seeded once, then measured on a restarted service (with or without --cpu-prof). */
interface Group {
  name: string;
  seed(url: string, t: Tokens, receiver?: string): Promise<Scenario[]>;
}

// ---------------------------------------------------------------- requests

const employeeId = (prefix: string, i: number) => `${prefix}${String(i).padStart(6, '0')}`;
const idNumber = (i: number) => {
  const first17 = `110105${1970 + (i % 30)}0${1 + (i % 9)}1${i % 10}${String(i % 1000).padStart(3, '0')}`;
  return first17 + checkCharOf(first17);
};

const hire = (t: Tokens, id: string, i: number): Call => ({
  method: 'POST',
  path: '/api/employees',
  auth: t.specialist,
  body: {
    employeeId: id,
    name: '张伟',
    idNumber: idNumber(i),
    orgUnit: ['Finance', 'Sales', 'R&D', 'HR'][i % 4],
    category: 'enterprise_regular',
    region: 'shanghai',
    hireDate: '2009-12-01',
    monthlyWage: 12_000,
  },
});

const enrol = (t: Tokens, id: string): Call => ({
  method: 'POST',
  path: `/api/employees/${id}/social-insurance/enrollment`,
  auth: t.specialist,
  body: {
    startMonth: '2010-01',
    insuranceTypes: ['pension', 'medical', 'unemployment', 'work_injury', 'maternity'],
    contributionBase: 12_000,
  },
});

const contribution = (t: Tokens, id: string, month: string): Call => ({
  method: 'POST',
  path: `/api/employees/${id}/social-insurance/contributions`,
  auth: t.specialist,
  body: { month, base: 12_000 },
});

const openCase = (t: Tokens, id: string): Call => ({
  method: 'POST',
  path: '/api/offboarding',
  auth: t.specialist,
  // Opened before its steps' effective dates (STEPS), which may not precede the opening.
  body: { employeeId: id, reason: 'dismissal', lastWorkingDay: '2024-06-30', openedAt: '2024-06-01' },
});

/**
 * Every step of a Shanghai enterprise dismissal, in an order where each one's prerequisites are done,
 * with effective dates in that order: a step may not take effect before a prerequisite did (DATE_OUT_OF_ORDER),
 * and a step without a date takes today's.
 */
const STEPS: Array<{ step: string; manager?: boolean; body: Record<string, unknown> }> = [
  { step: 'approval', manager: true, body: { effectiveDate: '2024-06-20' } },
  { step: 'handover', body: { effectiveDate: '2024-06-28' } },
  { step: 'si_transfer_out', body: { action: 'request', effectiveDate: '2024-07-01' } },
  { step: 'si_transfer_out', body: { action: 'complete', effectiveDate: '2024-07-05', data: { lastPaidMonth: '2024-06' } } },
  { step: 'housing_fund_transfer', body: { effectiveDate: '2024-07-05' } },
  { step: 'termination_certificate', body: { effectiveDate: '2024-07-06' } },
  { step: 'labor_termination', body: { effectiveDate: '2024-07-06' } },
  { step: 'archive_transfer', body: { effectiveDate: '2024-07-08' } },
  { step: 'severance_payment', body: { effectiveDate: '2024-07-08' } },
];

/**
 * The k-th step command over `cases`: step k / n of case k % n, so that a case's
 * next step is sent n requests after its previous one, long after it was answered.
 */
function stepCall(t: Tokens, cases: string[], k: number): Call {
  const { step, manager, body } = STEPS[Math.floor(k / cases.length)];
  return {
    method: 'POST',
    path: `/api/offboarding/${cases[k % cases.length]}/steps/${step}`,
    auth: manager ? t.manager : t.specialist,
    body,
  };
}

/**
 * Contributions to `ids`, employee k % n and month k / n, so that no two requests in flight
 * touch the same account; each under its own Idempotency-Key when `keyPrefix` is given.
 */
function monthByMonth(t: Tokens, ids: string[], keyPrefix?: string): () => Call {
  let k = 0;
  return () => {
    const i = k++;
    const call = contribution(t, ids[i % ids.length], addMonths('2010-01', Math.floor(i / ids.length)));
    return keyPrefix === undefined ? call : { ...call, idempotencyKey: `${keyPrefix}-${i}` };
  };
}

/** Seeds employees through the API, with the caseIds of the cases opened for them. */
async function seedEmployees(
  url: string,
  t: Tokens,
  prefix: string,
  count: number,
  options: { months?: number; cases?: boolean },
): Promise<{ ids: string[]; cases: string[] }> {
  const ids = Array.from({ length: count }, (_, i) => employeeId(prefix, i));
  await seed(url, 'hires', count, (i) => hire(t, ids[i], i));
  await seed(url, 'enrolments', count, (i) => enrol(t, ids[i]));
  const months = options.months ?? 0;
  await seed(url, 'contributions', count * months, (i) => contribution(t, ids[i % count], addMonths('2024-01', Math.floor(i / count))));
  const cases: string[] = [];
  if (options.cases) {
    await seed(
      url,
      'cases',
      count,
      (i) => openCase(t, ids[i]),
      (status, body) => {
        if (status === 201) cases.push((JSON.parse(body) as { caseId: string }).caseId);
      },
    );
  }
  return { ids, cases };
}

const GROUPS: Group[] = [
  {
    name: 'contributions',
    async seed(url, t) {
      const plain = await seedEmployees(url, t, 'A', EMPLOYEES, {});
      // As a front-end that may retry sends them: under an Idempotency-Key, on accounts of their own as long as the others.
      const keyed = await seedEmployees(url, t, 'K', EMPLOYEES, {});
      return [
        { name: '(a) record a contribution', kind: 'command', next: monthByMonth(t, plain.ids) },
        { name: '(a) record a contribution, with an Idempotency-Key', kind: 'command', next: monthByMonth(t, keyed.ids, 'bench') },
      ];
    },
  },
  {
    name: 'offboarding steps',
    async seed(url, t, receiver) {
      if (receiver) await subscribeReceiver(url, t, receiver);
      const warm = await seedEmployees(url, t, 'W', WARMUP_CASES, { cases: true });
      const measured = await seedEmployees(url, t, 'B', CASES, { cases: true });
      if (receiver) await refuseSteps(url, t, warm.cases);
      let k = 0;
      const next = () => {
        const i = k++;
        return i < warm.cases.length * STEPS.length
          ? stepCall(t, warm.cases, i)
          : stepCall(t, measured.cases, i - warm.cases.length * STEPS.length);
      };
      return [
        {
          name: '(b) offboarding step command',
          kind: 'command',
          next,
          warmupAmount: warm.cases.length * STEPS.length,
          amount: measured.cases.length * STEPS.length,
        },
      ];
    },
  },
  {
    name: 'reads',
    async seed(url, t) {
      const { ids, cases } = await seedEmployees(url, t, 'R', READ_SUBJECTS, { months: 6, cases: true });
      let c = 0;
      let e = 0;
      return [
        {
          // Authenticated, rate-limited, logged and timed like every read, with security headers, but no store behind it.
          name: '(c) floor: GET /api/session',
          kind: 'floor',
          next: () => ({ method: 'GET', path: '/api/session', auth: t.investigator }),
        },
        {
          name: '(c) case view',
          kind: 'read',
          next: () => ({ method: 'GET', path: `/api/offboarding/${cases[c++ % cases.length]}`, auth: t.investigator }),
        },
        {
          name: '(c) employee timeline',
          kind: 'read',
          next: () => ({ method: 'GET', path: `/api/employees/${ids[e++ % ids.length]}/timeline`, auth: t.investigator }),
        },
        {
          name: '(c) case view, made afresh',
          kind: 'afresh',
          env: AFRESH,
          next: () => ({ method: 'GET', path: `/api/offboarding/${cases[c++ % cases.length]}`, auth: t.investigator }),
        },
        {
          name: '(c) employee timeline, made afresh',
          kind: 'afresh',
          env: AFRESH,
          next: () => ({ method: 'GET', path: `/api/employees/${ids[e++ % ids.length]}/timeline`, auth: t.investigator }),
        },
      ];
    },
  },
];

// ---------------------------------------------------------------- a receiver, live or dead

/** The step events and refusals of the cases go to one signed webhook channel (API_DEAD_RECEIVER). */
async function subscribeReceiver(url: string, t: Tokens, receiver: string): Promise<void> {
  const admin = { authorization: t.admin };
  const channel = await request(`${url}/api/admin/channels`, {
    method: 'POST',
    headers: admin,
    // No department, org unit nor role: it serves the warnings' organisation-wide audience as well as its subscription.
    body: { id: 'bench-receiver', type: 'webhook', name: 'bench receiver', url: receiver, secret: 'whsec-bench-receiver' },
  });
  if (channel.status !== 201) throw new Error(`channel: ${channel.status} ${channel.body.slice(0, 300)}`);
  const subscription = await request(`${url}/api/admin/event-subscriptions`, {
    method: 'POST',
    headers: admin,
    body: {
      subscriptionId: 'bench-steps',
      channelId: 'bench-receiver',
      eventTypes: ['OffboardingCaseOpened', 'StepCompleted', 'CommandRefused'],
    },
  });
  if (subscription.status !== 201) throw new Error(`subscription: ${subscription.status} ${subscription.body.slice(0, 300)}`);
}

/** 退工 before its prerequisites, once per case: each is refused (409 STEP_LOCKED) and warns the operator and the hr_manager. */
async function refuseSteps(url: string, t: Tokens, cases: string[]): Promise<void> {
  for (const caseId of cases) {
    const reply = await request(`${url}/api/offboarding/${caseId}/steps/labor_termination`, {
      method: 'POST',
      headers: { authorization: t.specialist },
      body: { effectiveDate: '2024-07-06' },
    });
    if (reply.status !== 409) throw new Error(`a refused step answered ${reply.status} ${reply.body.slice(0, 300)}`);
  }
}

interface Receiver {
  url: string;
  /** Requests answered (live) or connections accepted and left hanging (dead). */
  count(): number;
  stop(): Promise<void>;
}

/** Answers every request 200 at once. */
async function liveReceiver(): Promise<Receiver> {
  let requests = 0;
  const server = createHttpServer((req, res) => {
    req.resume();
    req.on('end', () => {
      requests++;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    count: () => requests,
    stop: async () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

/** Accepts connections and never answers: every delivery runs into its timeout (NOTIFY_TIMEOUT_MS). */
async function deadReceiver(): Promise<Receiver> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = createTcpServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    count: () => accepted,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

// ---------------------------------------------------------------- running

const tokensFor = (secret: string): Tokens => ({
  specialist: bearer(secret, 'bench-specialist', 'hr_specialist'),
  manager: bearer(secret, 'bench-manager', 'hr_manager'),
  investigator: bearer(secret, 'bench-investigator', 'investigator'),
  admin: bearer(secret, 'bench-admin', 'admin'),
});

interface Measured {
  group: Group;
  scenario: Scenario;
  result: LoadResult;
  /** The service's CPU milliseconds per request in the measured phase, per thread kind. */
  cpu: CpuTime | null;
  /** Seconds from the end of the load until every projection had caught up (polled every 200 ms). */
  catchUp: number;
}

/**
 * Seeds a fresh data directory through a first service, then restarts the
 * service over it so that a profile (nodeArgs) covers only the scenarios.
 */
async function runGroup(
  build: Build,
  group: Group,
  options: { nodeArgs?: string[]; only?: string; receiver?: string } = {},
): Promise<Measured[]> {
  const dataDir = mkdtempSync(join(os.tmpdir(), 'bench-api-'));
  try {
    const seeding = await startService({ build, dataDir });
    let scenarios: Scenario[];
    try {
      scenarios = await group.seed(seeding.url, tokensFor(seeding.secret), options.receiver);
      await caughtUp(seeding.url);
    } finally {
      await seeding.stop();
    }
    const measured: Measured[] = [];
    const chosen = scenarios.filter((s) => !options.only || s.name === options.only);
    for (const settings of new Set(chosen.map((s) => JSON.stringify(s.env ?? {})))) {
      // The tokens were signed with the first service's secret: the next must use the same one.
      const env = { ...(JSON.parse(settings) as Record<string, string>), AUTH_JWT_SECRET: seeding.secret };
      const service = await startService({ build, dataDir, nodeArgs: options.nodeArgs, env });
      try {
        await caughtUp(service.url);
        for (const scenario of chosen.filter((s) => JSON.stringify(s.env ?? {}) === settings))
          measured.push({ group, scenario, ...(await measure(service, scenario)) });
      } finally {
        await service.stop();
      }
    }
    return measured;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function measure(service: Service, scenario: Scenario): Promise<{ result: LoadResult; cpu: CpuTime | null; catchUp: number }> {
  const next = () => scenario.next();
  const warmup = await drive(service.url, {
    connections: CONNECTIONS,
    next,
    ...(scenario.warmupAmount ? { amount: scenario.warmupAmount } : { seconds: WARMUP_SECONDS }),
  });
  if (warmup.errors > 0) throw new Error(`${scenario.name}: warm-up had ${warmup.errors} errors, first: ${warmup.firstError}`);
  const before = cpuTimeOf(service.child.pid!);
  const result = await drive(service.url, {
    connections: CONNECTIONS,
    next,
    ...(scenario.amount ? { amount: scenario.amount } : { seconds: SECONDS }),
  });
  // Commands leave work for the projections: their catching up is part of what a request costs.
  const loaded = performance.now();
  await caughtUp(service.url);
  const catchUp = (performance.now() - loaded) / 1000;
  const cpu = cpuPerRequest(before, cpuTimeOf(service.child.pid!), result.requests);
  return { result, cpu, catchUp };
}

interface BareMeasured {
  framework: Framework;
  method: 'GET' | 'POST';
  result: LoadResult;
  cpu: CpuTime | null;
}

/** A Nest route that does nothing, per framework and method, under the same load as the scenarios. */
async function measureBareRoutes(): Promise<BareMeasured[]> {
  const rows: BareMeasured[] = [];
  for (const framework of FRAMEWORKS) {
    const service = await startBareRoute(framework);
    try {
      for (const method of ['GET', 'POST'] as const) {
        const call: Call = { method, path: '/bare', auth: '', ...(method === 'POST' ? { body: { month: '2024-01', base: 12_000 } } : {}) };
        await drive(service.url, { connections: CONNECTIONS, next: () => call, seconds: WARMUP_SECONDS });
        const before = cpuTimeOf(service.child.pid!);
        const result = await drive(service.url, { connections: CONNECTIONS, next: () => call, seconds: SECONDS });
        rows.push({ framework, method, result, cpu: cpuPerRequest(before, cpuTimeOf(service.child.pid!), result.requests) });
      }
    } finally {
      await service.stop();
    }
  }
  return rows;
}

/** The service's framework's bare route for a scenario's kind: GET for reads, POST for commands. */
const bareFor = (bare: BareMeasured[], kind: Scenario['kind']) =>
  bare.find((b) => b.framework === 'fastify' && b.method === BARE_METHOD[kind])!.result;

function verdict({ scenario, result }: Measured, bare: BareMeasured[]): { ofBare: number; target: string; met: boolean | null } {
  const ofBare = result.perSecond / bareFor(bare, scenario.kind).perSecond;
  if (scenario.kind === 'floor') return { ofBare, target: '(none: what a read costs before its own work)', met: null };
  if (scenario.kind === 'afresh') return { ofBare, target: '(none: every answer made, none kept)', met: null };
  const t = TARGETS[scenario.kind];
  return {
    ofBare,
    target: `>= ${t.ofBare * 100} % of bare ${BARE_METHOD[scenario.kind]}, >= ${fmt(t.perSecond)}/s, p99 <= ${t.p99} ms, 0 errors`,
    met: ofBare >= t.ofBare && result.perSecond >= t.perSecond && result.p99 <= t.p99 && result.errors === 0,
  };
}

const percent = (ratio: number) => `${(ratio * 100).toFixed(1)} %`;

function report(rows: Measured[], bare: BareMeasured[]): void {
  const fastify = (method: 'GET' | 'POST') => bare.find((b) => b.framework === 'fastify' && b.method === method)!.result.perSecond;
  console.log(
    table(
      ['bare Nest route', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'of Fastify', 'CPU µs/req main', 'other'],
      bare.map(({ framework, method, result, cpu }) => [
        `${method} on ${framework}`,
        fmt(result.requests),
        fmt(result.perSecond),
        String(result.p50),
        String(result.p99),
        fmt(result.errors),
        percent(result.perSecond / fastify(method)),
        cpu ? fmt(cpu.main * 1000) : '-',
        cpu ? fmt(cpu.others * 1000) : '-',
      ]),
    ),
  );
  console.log('');
  console.log(
    table(
      [
        'scenario',
        'requests',
        'seconds',
        'req/s',
        'of bare',
        'p50 ms',
        'p99 ms',
        'errors',
        'target',
        'met',
        'CPU µs/req main',
        'other',
        'catch-up s',
      ],
      rows.map((m) => {
        const { ofBare, target, met } = verdict(m, bare);
        const { result } = m;
        return [
          m.scenario.name,
          fmt(result.requests),
          result.seconds.toFixed(1),
          fmt(result.perSecond),
          percent(ofBare),
          String(result.p50),
          String(result.p99),
          fmt(result.errors),
          target,
          met === null ? '-' : met ? 'yes' : 'NO',
          m.cpu ? fmt(m.cpu.main * 1000) : '-',
          m.cpu ? fmt(m.cpu.others * 1000) : '-',
          m.catchUp.toFixed(1),
        ];
      }),
    ),
  );
  for (const m of rows.filter((r) => r.result.errors > 0)) {
    console.log(`errors in ${m.scenario.name}: status codes ${JSON.stringify(m.result.statusCodes)}; first: ${m.result.firstError}`);
  }
}

async function main(): Promise<void> {
  const command = commandLine('bench:api', [
    'API_SECONDS',
    'API_CONNECTIONS',
    'API_EMPLOYEES',
    'API_CASES',
    'API_GROUPS',
    'API_FRAMEWORKS',
    'API_PROFILE',
    'API_DEAD_RECEIVER',
  ]);
  for (const line of machineLines(command)) console.log(line);
  console.log(
    `setup:      compiled service (tsc), embedded SQLite stores in a fresh temp DATA_DIR, LOG_LEVEL=info (default) to /dev/null, RATE_LIMIT_PER_MINUTE=1e9; ` +
      `autocannon ${CONNECTIONS} connections in this process on the same machine; ` +
      `bare routes: a Nest controller doing nothing (GET, and POST of a small JSON body) on Fastify and on Express, ${WARMUP_SECONDS} s warm-up then ${SECONDS} s each`,
  );
  console.log(
    `workload:   (a) ${fmt(EMPLOYEES)} enrolled employees, a new month each; (b) ${fmt(CASES)} open cases x ${STEPS.length} step commands; ` +
      `(c) ${fmt(READ_SUBJECTS)} employees with 6 months and a case, read round-robin (answers kept: every read after the first of each ` +
      `is a kept answer; "made afresh": KEPT_ANSWERS_MIB=0, none is); ${WARMUP_SECONDS} s warm-up (b: ${WARMUP_CASES} other cases), then ${SECONDS} s (b: until every case is done)`,
  );
  console.log(
    `cpu:        CPU µs/req is the service process's CPU time (/proc, user + system) over the measured phase and the projections' catching up, ` +
      `per request: main = its event-loop thread, other = its other threads (projection worker, V8, libuv); it moves less than req/s when the cores are shared; ` +
      `catch-up s = seconds from the end of the load until every projection had caught up (polled every 200 ms)`,
  );
  console.log('');
  const build = buildService();
  try {
    if (DEAD_RECEIVER) return await measureDeadReceiver(build);
    const bare = await measureBareRoutes();
    const rows: Measured[] = [];
    for (const group of GROUPS.filter((g) => ONLY_GROUPS.length === 0 || ONLY_GROUPS.includes(g.name)))
      rows.push(...(await runGroup(build, group)));
    report(rows, bare);

    const missed = PROFILE_MISSES ? rows.filter((r) => verdict(r, bare).met === false) : [];
    for (const { group, scenario } of missed) {
      const profileDir = mkdtempSync(join(os.tmpdir(), 'bench-api-prof-'));
      const [again] = await runGroup(build, group, { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`], only: scenario.name });
      console.log('');
      console.log(
        `${scenario.name} missed its target; again under --cpu-prof: ${fmt(again.result.perSecond)} req/s, p50 ${again.result.p50} ms, p99 ${again.result.p99} ms`,
      );
      for (const file of profilesIn(profileDir)) printProfile(`profile ${file}`, summarizeProfile(file, build.dir));
    }
  } finally {
    build.remove();
  }
}

/** Scenario (b) with the channel's receiver live, then dead; the p99s side by side. */
async function measureDeadReceiver(build: Build): Promise<void> {
  const steps = GROUPS.find((g) => g.name === 'offboarding steps')!;
  console.log(
    `receiver:   a signed webhook channel subscribed to OffboardingCaseOpened, StepCompleted, CommandRefused and serving refusal warnings; ` +
      `${fmt(WARMUP_CASES)} refused 退工 attempts before the measurement; NOTIFY_* defaults (timeout 5 s, 4 in flight per channel, 8 attempts)`,
  );
  const rows: Array<{ name: string; result: LoadResult; received: number }> = [];
  for (const [name, start] of [
    ['live receiver (200 at once)', liveReceiver],
    ['dead receiver (never answers)', deadReceiver],
  ] as const) {
    const receiver = await start();
    try {
      const [measured] = await runGroup(build, steps, { receiver: receiver.url });
      rows.push({ name, result: measured.result, received: receiver.count() });
    } finally {
      await receiver.stop();
    }
  }
  const [live, dead] = rows;
  console.log(
    table(
      ['(b) offboarding step command', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'receiver: requests (live) / connections (dead)'],
      rows.map((r) => [
        r.name,
        fmt(r.result.requests),
        fmt(r.result.perSecond),
        String(r.result.p50),
        String(r.result.p99),
        fmt(r.result.errors),
        fmt(r.received),
      ]),
    ),
  );
  const ratio = dead.result.p99 / live.result.p99;
  console.log(
    `p99 dead/live: ${ratio.toFixed(2)} (target <= ${DEAD_RECEIVER_P99_RATIO.toFixed(2)}: ${ratio <= DEAD_RECEIVER_P99_RATIO ? 'met' : 'NOT met'}); ` +
      `throughput dead/live: ${(dead.result.perSecond / live.result.perSecond).toFixed(2)}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

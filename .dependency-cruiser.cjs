// Import boundaries, checked by `npm run lint:boundaries` (part of `npm test`).
//
// - The shared kernel: src/domain (pure rules), src/event-sourcing, src/infrastructure
//   (drivers behind ports), src/http, src/config, src/auth, src/metrics (every request's
//   figures), src/projections (the runner), src/application (the buses, refusals recorded).
// - Features: every other folder under src/. A feature's public surface is its index.ts;
//   another feature, or the kernel, may not reach past it.
// - Entry points (src/main.ts, src/bootstrap.ts, src/app.*.ts, src/cli/) compose the rest.
const KERNEL = ['domain', 'event-sourcing', 'infrastructure', 'http', 'config', 'auth', 'metrics', 'projections', 'application'];
const kernel = `^src/(${KERNEL.join('|')})/`;
const entry = '^src/(main|bootstrap|app\\.[^/]+)\\.ts$|^src/cli/';
// Pure libraries the domain may use: no I/O, no clock, no framework.
const PURE = []; // none today: the calendar counts days itself (src/domain/shared/calendar.ts)

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import circle makes load order matter and hides which module owns what.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'src/domain decides from its inputs alone: no Nest, no driver, no Node I/O, nothing outside the domain.',
      from: { path: '^src/domain/' },
      to: { pathNot: [`^src/domain/`, ...PURE.map((p) => `(^|/)node_modules/${p}/`)] },
    },
    {
      name: 'kernel-imports-no-feature',
      severity: 'error',
      comment:
        'The shared kernel (domain, infrastructure, event sourcing, HTTP, config, auth, projections) serves every feature and so imports none.',
      from: { path: kernel },
      // But the outbox port (notifications/outbound-message.ts: the Outbox type and the OUTBOX token), which the reactor machinery hands to reactors;
      // the file itself, not the feature's index, so that whatever else notifications exports can import the projections without a circle.
      to: { path: '^src/', pathNot: [kernel, '^src/notifications/outbound-message\\.ts$'] },
    },
    {
      name: 'features-meet-at-their-index',
      severity: 'error',
      comment: "A feature uses another feature only through that feature's index.ts: what it does not export there is its own business.",
      from: { path: '^src/([^/]+)/', pathNot: [kernel, entry] },
      to: { path: '^src/[^/]+/', pathNot: ['^src/$1/', kernel, '^src/[^/]+/index\\.ts$'] },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve is a typo or a missing dependency.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    // Packages that publish subpaths through package.json "exports" (csv-parse/sync).
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['require', 'node', 'default'] },
    exclude: { path: '^(dist|node_modules|\\.tools)/' },
  },
};

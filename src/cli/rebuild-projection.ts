/**
 * npm run projections:rebuild -- <name>
 *
 * Rebuilds one projection from position 0 into fresh collections and switches
 * readers to them. Safe while the API runs: the API keeps answering from the old
 * generation and picks up the new one when this command switches.
 */
import { SingleBar, Presets } from 'cli-progress';
import { ConfigError, loadConfig } from '../config/config';
import { allProjections } from '../app.projections';
import { createReadStore } from '../infrastructure/stores';
import { createEventStore } from '../personal-data/sealed-event-store';
import { rebuildProjection } from '../projections/rebuild';

async function main(argv: string[]): Promise<number> {
  const config = loadConfig();
  const events = await createEventStore(config);
  const projections = allProjections();
  const name = argv[0];
  const projection = projections.find((p) => p.name === name);
  if (!projection) {
    await events.close();
    process.stderr.write(`Usage: npm run projections:rebuild -- <name>\nProjections: ${projections.map((p) => p.name).join(', ')}\n`);
    return 64; // EX_USAGE
  }
  const reads = await createReadStore(config);
  const bar = process.stdout.isTTY
    ? new SingleBar({ format: `${name} [{bar}] {percentage}% | {events} events` }, Presets.shades_classic)
    : null;
  try {
    const head = await events.headPosition();
    bar?.start(Number(head), 0, { events: 0 });
    const result = await rebuildProjection(events, reads, projection, {
      now: () => new Date(),
      onProgress: (p) => bar?.update(Number(p.position), { events: p.events }),
    });
    bar?.stop();
    process.stdout.write(
      `Rebuilt ${result.projection}: generation ${result.previousGeneration ?? '-'} -> ${result.generation}, ${result.events} events, position ${result.position}\n`,
    );
    return 0;
  } finally {
    bar?.stop();
    await events.close();
    await reads.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : `Rebuild failed: ${String(error)}`}\n`);
    process.exit(error instanceof ConfigError ? 78 : 1);
  },
);

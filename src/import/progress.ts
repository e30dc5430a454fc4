import { Presets, SingleBar } from 'cli-progress';

/** Rows done so far, shown while an import runs. */
export interface Progress {
  update(rowsDone: number, rowsTotal: number): void;
  stop(): void;
}

/**
 * A cli-progress bar with rows/s and time left on a terminal; elsewhere (a log
 * file, CI, a pipe) a plain line every `everyMs`, as a bar's redraws would be noise.
 */
export function progressOn(stream: NodeJS.WriteStream, everyMs = 2000): Progress {
  return stream.isTTY ? terminalBar(stream) : periodicLines(stream, everyMs);
}

function terminalBar(stream: NodeJS.WriteStream): Progress {
  const bar = new SingleBar(
    {
      stream,
      format: '{bar} {percentage}% | {value}/{total} 行 rows | {speed} 行/秒 rows/s | 剩余 ETA {eta_formatted}',
      etaBuffer: 200,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  const started = Date.now();
  let running = false;
  return {
    update(done, total) {
      if (!running) {
        bar.start(total, 0, { speed: '-' });
        running = true;
      }
      bar.update(done, { speed: rate(done, started).toFixed(1) });
    },
    stop: () => bar.stop(),
  };
}

function periodicLines(stream: NodeJS.WriteStream, everyMs: number): Progress {
  const started = Date.now();
  let last = { done: 0, total: 0 };
  const timer = setInterval(() => {
    const { done, total } = last;
    const perSecond = rate(done, started);
    const left = perSecond > 0 ? `${Math.ceil((total - done) / perSecond)} s` : '-';
    stream.write(
      `进度 progress: ${done}/${total} 行 rows (${total ? Math.floor((done / total) * 100) : 0}%), ${perSecond.toFixed(1)} 行/秒 rows/s, 剩余 ETA ${left}\n`,
    );
  }, everyMs);
  timer.unref();
  return {
    update: (done, total) => void (last = { done, total }),
    stop: () => clearInterval(timer),
  };
}

const rate = (done: number, started: number): number => done / Math.max((Date.now() - started) / 1000, 0.001);

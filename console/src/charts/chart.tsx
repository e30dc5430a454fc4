import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChartOption } from './echarts';

export type { ChartOption };

type Drawn = {
  setOption(option: ChartOption, notMerge?: boolean): void;
  resize(): void;
  dispose(): void;
  on(event: 'finished', handler: () => void): void;
};

/**
 * One chart, its library loaded on demand (./echarts is a chunk of its own). The canvas says
 * nothing to a screen reader: the container is an image named by `label`, and every chart has
 * its table beside it, which is the accessible version of the same figures.
 */
export function Chart({ label, option, height = 260 }: { label: string; option: ChartOption; height?: number }) {
  const element = useRef<HTMLDivElement>(null);
  const [chart, setChart] = useState<Drawn | null>(null);
  const [failed, setFailed] = useState(false);
  const [drawn, setDrawn] = useState(false);
  useEffect(() => {
    let gone = false;
    let made: Drawn | null = null;
    let observer: ResizeObserver | null = null;
    import('./echarts').then(
      ({ createChart }) => {
        if (gone || !element.current) return;
        made = createChart(element.current);
        // Drawn once its animation has ended: what a screenshot or a reader of the page waits for.
        made.on('finished', () => !gone && setDrawn(true));
        observer = new ResizeObserver(() => made?.resize());
        observer.observe(element.current);
        setChart(made);
      },
      () => !gone && setFailed(true),
    );
    return () => {
      gone = true;
      observer?.disconnect();
      made?.dispose();
    };
  }, []);
  useEffect(() => {
    if (!chart) return;
    setDrawn(false);
    chart.setOption(option, true);
  }, [chart, option]);
  return (
    <div
      ref={element}
      class="chart"
      role="img"
      aria-label={label}
      data-chart={drawn ? 'drawn' : failed ? 'failed' : 'loading'}
      style={{ height: `${height}px` }}
    />
  );
}

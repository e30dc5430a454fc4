/**
 * Apache ECharts, the charting library Chinese users know, with only what the console draws:
 * line and bar charts on a grid, tooltips and legends, painted on a canvas. Pages never import
 * this module statically: chart.tsx loads it with import(), so esbuild puts it in a chunk of its
 * own that the browser fetches when a chart is first shown, and the first page stays small.
 */
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { init, use, type ComposeOption, type ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

/** A chart drawn on a canvas in `element`, sized to it. */
export function createChart(element: HTMLElement): ECharts {
  return init(element, undefined, { renderer: 'canvas' });
}

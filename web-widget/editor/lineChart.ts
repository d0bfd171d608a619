import { h, svg } from './dom.js';

export interface ChartSeries {
  /** A CSS-safe key: the line's class is `series-<key>` (colour and dash pattern in the page's CSS). */
  key: string;
  label: string;
  values: number[];
}

export interface LineChartOptions {
  /** Unique in the page: the title and description ids derive from it. */
  id: string;
  title: string;
  description: string;
  /** One label per point (dates), shown first, middle and last under the x axis. */
  labels: string[];
  series: ChartSeries[];
}

const WIDTH = 640;
const HEIGHT = 240;
const MARGIN = { top: 16, right: 16, bottom: 36, left: 44 };

/**
 * A small line chart drawn as inline SVG, no library: one line per series over the same days.
 * For assistive technology it is one image (role="img") named by its <title> and described by its
 * <desc>; the figures themselves are in the data table the page shows next to it. Series differ
 * by dash pattern as well as colour, and the legend names them in text.
 */
export function lineChart(options: LineChartOptions): HTMLElement {
  const titleId = `${options.id}-title`;
  const descId = `${options.id}-desc`;
  const max = niceMax(Math.max(1, ...options.series.flatMap((series) => series.values)));
  const count = options.labels.length;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (index: number) => MARGIN.left + (count <= 1 ? plotWidth / 2 : (index / (count - 1)) * plotWidth);
  const y = (value: number) => MARGIN.top + plotHeight - (value / max) * plotHeight;

  const grid = [0, max / 2, max].map((value) =>
    svg(
      'g',
      { class: 'grid' },
      svg('line', { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(value), y2: y(value) }),
      svg('text', { x: MARGIN.left - 6, y: y(value) + 4, 'text-anchor': 'end' }, formatTick(value)),
    ),
  );
  const tickIndexes = [...new Set([0, Math.floor((count - 1) / 2), count - 1])].filter((index) => index >= 0);
  const xLabels = tickIndexes.map((index) =>
    svg(
      'text',
      {
        class: 'x-label',
        x: x(index),
        y: HEIGHT - 10,
        'text-anchor': count <= 1 ? 'middle' : index === 0 ? 'start' : index === count - 1 ? 'end' : 'middle',
      },
      options.labels[index] ?? '',
    ),
  );
  const lines = options.series.map((series) =>
    svg(
      'g',
      { class: `series series-${series.key}` },
      svg('polyline', {
        points: series.values
          .map((value, index) => `${x(index).toFixed(1)},${y(value).toFixed(1)}`)
          .join(' '),
        fill: 'none',
      }),
      ...(count <= 31
        ? series.values.map((value, index) => svg('circle', { cx: x(index), cy: y(value), r: 2.5 }))
        : []),
    ),
  );
  const chart = svg(
    'svg',
    {
      class: 'line-chart',
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      role: 'img',
      'aria-labelledby': `${titleId} ${descId}`,
      focusable: 'false',
    },
    svg('title', { id: titleId }, options.title),
    svg('desc', { id: descId }, options.description),
    ...grid,
    svg('line', {
      class: 'axis',
      x1: MARGIN.left,
      x2: MARGIN.left,
      y1: MARGIN.top,
      y2: MARGIN.top + plotHeight,
    }),
    ...xLabels,
    ...lines,
  );
  const legend = h(
    'ul',
    { class: 'legend' },
    ...options.series.map((series) =>
      h(
        'li',
        {},
        svg(
          'svg',
          {
            class: `swatch series-${series.key}`,
            viewBox: '0 0 32 8',
            width: 32,
            height: 8,
            'aria-hidden': 'true',
          },
          svg('polyline', { points: '0,4 32,4', fill: 'none' }),
        ),
        series.label,
      ),
    ),
  );
  return h('figure', { class: 'chart' }, chart, legend);
}

/** A round upper bound for the y axis (1, 2, 5, 10, 20, 50...). */
function niceMax(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

function formatTick(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

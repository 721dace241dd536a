/**
 * Bar charts with optional lines, as inline SVG: the report's replacement for Anki's flot
 * plots. Bars of the same axis stack at each x in series order (the first at the bottom); lines
 * (cumulative totals, percentages) are drawn over them, each on the left or the right axis.
 *
 * Every bar and marked point carries data-series, data-x and data-value attributes with the
 * exact figure it stands for, and a title that a browser shows on hover.
 */
import { attributes, coord, escapeText } from './markup.js';
import { niceScale, tickLabel, type Scale } from './ticks.js';

export type Axis = 'left' | 'right';

export interface Point {
  x: number;
  y: number;
  /** Hover text; defaults to "series: value". */
  tip?: string;
}

export interface BarSeries {
  name: string;
  color: string;
  points: readonly Point[];
  axis?: Axis;
}

export interface LineSeries {
  name: string;
  color: string;
  points: readonly Point[];
  axis?: Axis;
  /** Draw a marker at each point (with its figure), not only the line. */
  markers?: boolean;
  /** Leave the line open where x skips a step (hours with too few answers), not bridge it. */
  breakAtGaps?: boolean;
}

export interface YAxis {
  label: string;
  /** A fixed top; otherwise the scale fits the data. */
  max?: number;
  /** Ticks on whole numbers (counts). */
  integer?: boolean;
}

export interface BarChart {
  /** Accessible name of the chart. */
  title: string;
  x: { min: number; max: number; ticks: readonly { value: number; label: string }[] };
  bars: readonly BarSeries[];
  /** Bar width in x units (0.8 leaves a gap between neighbouring days). */
  barWidth?: number;
  lines?: readonly LineSeries[];
  left: YAxis;
  right?: YAxis;
}

const WIDTH = 640;
const HEIGHT = 230;
const TOP = 12;
const BOTTOM = 30;
const SIDE_WITH_AXIS = 58;
const SIDE_WITHOUT_AXIS = 16;
const GRID = '#e4e4e4';
const INK = '#555';

interface Frame {
  left: number;
  right: number;
  top: number;
  bottom: number;
  x: (value: number) => number;
  y: (value: number, axis: Axis) => number;
}

/** The largest stacked bar total and line value drawn against `axis`. */
function largestOn(chart: BarChart, axis: Axis): number {
  const totals = new Map<number, number>();
  for (const series of chart.bars) {
    if ((series.axis ?? 'left') !== axis) continue;
    for (const p of series.points) if (p.y > 0) totals.set(p.x, (totals.get(p.x) ?? 0) + p.y);
  }
  let largest = Math.max(0, ...totals.values());
  for (const line of chart.lines ?? []) {
    if ((line.axis ?? 'left') === axis) largest = Math.max(largest, ...line.points.map((p) => p.y));
  }
  return largest;
}

function scaleFor(chart: BarChart, axis: Axis, spec: YAxis): Scale {
  if (spec.max !== undefined) return niceScale(spec.max, spec.integer ?? false);
  return niceScale(largestOn(chart, axis), spec.integer ?? false);
}

function bars(chart: BarChart, frame: Frame): string {
  const width = (chart.barWidth ?? 0.8) * (frame.x(1) - frame.x(0));
  const stacked = new Map<string, number>();
  const out: string[] = [];
  for (const series of chart.bars) {
    const axis = series.axis ?? 'left';
    for (const p of series.points) {
      if (!(p.y > 0)) continue;
      const key = `${axis}:${p.x}`;
      const base = stacked.get(key) ?? 0;
      stacked.set(key, base + p.y);
      const top = frame.y(base + p.y, axis);
      const height = frame.y(base, axis) - top;
      out.push(
        `<rect${attributes({ x: frame.x(p.x) - width / 2, y: top, width, height: Math.max(height, 0.5), fill: series.color })}` +
          `${attributes({ 'data-series': series.name, 'data-x': String(p.x), 'data-value': String(p.y) })}>` +
          `<title>${escapeText(p.tip ?? `${series.name}: ${p.y}`)}</title></rect>`,
      );
    }
  }
  return `<g class="bars" fill-opacity="0.8">${out.join('')}</g>`;
}

/** The stretches of a line to draw unbroken. */
function runs(line: LineSeries): Point[][] {
  if (line.breakAtGaps !== true) return [[...line.points]];
  const out: Point[][] = [];
  let previous: Point | undefined;
  for (const p of line.points) {
    if (previous === undefined || p.x - previous.x > 1) out.push([]);
    out[out.length - 1]?.push(p);
    previous = p;
  }
  return out;
}

function lines(chart: BarChart, frame: Frame): string {
  const out: string[] = [];
  for (const line of chart.lines ?? []) {
    if (line.points.length === 0) continue;
    const axis = line.axis ?? 'left';
    for (const run of runs(line)) {
      const path = run.map((p) => `${coord(frame.x(p.x))},${coord(frame.y(p.y, axis))}`).join(' ');
      out.push(`<polyline${attributes({ points: path, fill: 'none', stroke: line.color, 'stroke-width': 1.8, 'stroke-linejoin': 'round' })}/>`);
    }
    if (line.markers !== true) continue;
    for (const p of line.points) {
      out.push(
        `<circle${attributes({ cx: frame.x(p.x), cy: frame.y(p.y, axis), r: 3, fill: line.color })}` +
          `${attributes({ 'data-series': line.name, 'data-x': String(p.x), 'data-value': String(p.y) })}>` +
          `<title>${escapeText(p.tip ?? `${line.name}: ${p.y}`)}</title></circle>`,
      );
    }
  }
  return `<g class="lines">${out.join('')}</g>`;
}

function yAxis(scale: Scale, spec: YAxis, axis: Axis, frame: Frame, grid: boolean): string {
  const out: string[] = [];
  const textX = axis === 'left' ? frame.left - 6 : frame.right + 6;
  const anchor = axis === 'left' ? 'end' : 'start';
  for (const tick of scale.ticks) {
    const y = frame.y(tick, axis);
    if (grid) out.push(`<line${attributes({ x1: frame.left, x2: frame.right, y1: y, y2: y, stroke: GRID })}/>`);
    out.push(`<text${attributes({ x: textX, y: y + 4, 'text-anchor': anchor })}>${tickLabel(tick)}</text>`);
  }
  const labelX = axis === 'left' ? 14 : WIDTH - 10;
  const middle = (frame.top + frame.bottom) / 2;
  out.push(
    `<text${attributes({ x: labelX, y: middle, 'text-anchor': 'middle', 'font-weight': 'bold', transform: `rotate(${axis === 'left' ? -90 : 90} ${coord(labelX)} ${coord(middle)})` })}>` +
      `${escapeText(spec.label)}</text>`,
  );
  return out.join('');
}

function xAxis(chart: BarChart, frame: Frame): string {
  const out = [`<line${attributes({ x1: frame.left, x2: frame.right, y1: frame.bottom, y2: frame.bottom, stroke: INK })}/>`];
  for (const tick of chart.x.ticks) {
    const x = frame.x(tick.value);
    out.push(`<line${attributes({ x1: x, x2: x, y1: frame.bottom, y2: frame.bottom + 4, stroke: INK })}/>`);
    out.push(`<text${attributes({ x, y: frame.bottom + 17, 'text-anchor': 'middle' })}>${escapeText(tick.label)}</text>`);
  }
  return out.join('');
}

/** The chart as an `<svg>` element that scales to the width of its container. */
export function barChartSvg(chart: BarChart): string {
  const leftScale = scaleFor(chart, 'left', chart.left);
  const rightScale = chart.right === undefined ? undefined : scaleFor(chart, 'right', chart.right);
  const left = SIDE_WITH_AXIS;
  const right = WIDTH - (rightScale === undefined ? SIDE_WITHOUT_AXIS : SIDE_WITH_AXIS);
  const bottom = HEIGHT - BOTTOM;
  const span = chart.x.max - chart.x.min;
  const frame: Frame = {
    left,
    right,
    top: TOP,
    bottom,
    x: (value) => left + ((value - chart.x.min) / span) * (right - left),
    y: (value, axis) => {
      const scale = axis === 'right' && rightScale !== undefined ? rightScale : leftScale;
      return bottom - (Math.min(value, scale.max) / scale.max) * (bottom - TOP);
    },
  };
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img"${attributes({ 'aria-label': chart.title })}>` +
    `<g class="axes">${yAxis(leftScale, chart.left, 'left', frame, true)}` +
    (rightScale !== undefined && chart.right !== undefined ? yAxis(rightScale, chart.right, 'right', frame, false) : '') +
    `</g>${bars(chart, frame)}${lines(chart, frame)}<g class="axes">${xAxis(chart, frame)}</g></svg>`
  );
}

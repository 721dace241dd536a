/** X axes of the charts drawn over days: ticks every five days, labelled "5d", "-10d". */
import type { BarChart } from '../svg/bar-chart.js';

const EVERY = 5;

/** Days `from`..`to` (inclusive), with half a day of room on each side for the bars. */
export function dayAxis(from: number, to: number): BarChart['x'] {
  const ticks: { value: number; label: string }[] = [];
  for (let day = Math.ceil(from / EVERY) * EVERY; day <= to; day += EVERY) ticks.push({ value: day, label: `${day}d` });
  return { min: from - 0.5, max: to + 0.5, ticks };
}

/** Running totals of `points`, in order. */
export function cumulative(points: readonly { x: number; y: number }[]): { x: number; y: number }[] {
  let total = 0;
  return points.map(({ x, y }) => ({ x, y: (total += y) }));
}

/** "in 3 days", "today", "2 days ago": how a day number reads in a tooltip. */
export function dayPhrase(day: number): string {
  if (day === 0) return 'today';
  if (day === 1) return 'tomorrow';
  if (day === -1) return 'yesterday';
  return day > 0 ? `in ${day} days` : `${-day} days ago`;
}

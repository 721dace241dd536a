/** The "Added" section: cards created on each of the last 31 days. */
import { PERIOD_DAYS } from '../context.js';
import type { AddedDay } from '../data/added.js';
import { fixed } from '../format.js';
import { barChartSvg } from '../svg/bar-chart.js';
import { COLORS } from './colors.js';
import { cumulative, dayAxis, dayPhrase } from './day-axis.js';
import { chartFigure, figureTable, section } from './layout.js';

export function addedSection(days: readonly AddedDay[]): string {
  if (days.length === 0) return '';
  const total = days.reduce((sum, day) => sum + day.cards, 0);
  const svg = barChartSvg({
    title: 'Cards added on each of the last days',
    x: dayAxis(-(PERIOD_DAYS - 1), 0),
    bars: [{ name: 'Added', color: COLORS.learn, points: days.map((d) => ({ x: d.day, y: d.cards, tip: `Added ${dayPhrase(d.day)}: ${d.cards}` })) }],
    lines: [{ name: 'Cumulative', color: COLORS.learn, axis: 'right', points: cumulative(days.map((d) => ({ x: d.day, y: d.cards }))) }],
    left: { label: 'Cards', integer: true },
    right: { label: 'Cumulative Cards', integer: true },
  });
  const figures = figureTable([
    { label: 'Total', value: `${total} cards` },
    { label: 'Average', value: `${fixed(total / PERIOD_DAYS, 1)} cards/day` },
  ]);
  return section('Added', 'Cards added each day.', chartFigure('intro', [{ label: 'Added', color: COLORS.learn }], svg) + figures);
}

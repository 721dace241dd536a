/** The "Forecast" section: cards falling due on each of the next 31 days. */
import { PERIOD_DAYS } from '../context.js';
import type { Forecast } from '../data/forecast.js';
import { fixed } from '../format.js';
import { barChartSvg } from '../svg/bar-chart.js';
import { COLORS } from './colors.js';
import { cumulative, dayAxis, dayPhrase } from './day-axis.js';
import { chartFigure, figureTable, section } from './layout.js';

export function forecastSection(data: Forecast): string {
  const total = data.days.reduce((sum, day) => sum + day.young + day.mature, 0);
  const running = cumulative(data.days.map((day) => ({ x: day.day, y: day.young + day.mature })));
  const svg = barChartSvg({
    title: 'Reviews due on each of the coming days',
    x: dayAxis(0, PERIOD_DAYS - 1),
    bars: [
      { name: 'Mature', color: COLORS.mature, points: data.days.map((d) => ({ x: d.day, y: d.mature, tip: `Mature, due ${dayPhrase(d.day)}: ${d.mature}` })) },
      { name: 'Young', color: COLORS.young, points: data.days.map((d) => ({ x: d.day, y: d.young, tip: `Young, due ${dayPhrase(d.day)}: ${d.young}` })) },
    ],
    // Anki draws the running total only when there is more than one day to join.
    lines: running.length > 1 ? [{ name: 'Cumulative', color: COLORS.cumulative, axis: 'right', points: running }] : [],
    left: { label: 'Cards', integer: true },
    right: { label: 'Cumulative Cards', integer: true },
  });
  const items = [
    { label: 'Mature', color: COLORS.mature },
    { label: 'Young', color: COLORS.young },
    ...(running.length > 1 ? [{ label: 'Cumulative', color: COLORS.cumulative }] : []),
  ];
  // The average is over the days on which something falls due, as Anki computes it.
  const average = data.days.length === 0 ? '' : `${fixed(total / data.days.length, 1)} reviews/day`;
  const figures = figureTable([
    { label: 'Total', value: `${total} ${total === 1 ? 'review' : 'reviews'}` },
    { label: 'Average', value: average },
    { label: 'Due tomorrow', value: `${data.dueTomorrow} cards` },
  ]);
  return section('Forecast', 'Reviews that will fall due in the coming days.', chartFigure('due', items, svg) + figures);
}

/** The "Intervals" section: review cards by interval, with the running share of all of them. */
import { PERIOD_DAYS } from '../context.js';
import type { Intervals } from '../data/intervals.js';
import { barChartSvg } from '../svg/bar-chart.js';
import { intervalText } from '../timespan.js';
import { COLORS } from './colors.js';
import { dayAxis } from './day-axis.js';
import { chartFigure, figureTable, section } from './layout.js';

const DAY_SECS = 86_400;

export function intervalsSection(data: Intervals): string {
  if (data.groups.length === 0 || data.cards === 0) return '';
  let running = 0;
  // The share counts every review card, those with intervals beyond the chart too.
  const share = data.groups.map(([days, cards]) => ({ x: days, y: ((running += cards) / data.cards) * 100 }));
  const svg = barChartSvg({
    title: 'Review cards by interval',
    x: dayAxis(0, PERIOD_DAYS),
    bars: [
      {
        name: 'Cards',
        color: COLORS.interval,
        points: data.groups.map(([days, cards]) => ({ x: days, y: cards, tip: `${cards} ${cards === 1 ? 'card' : 'cards'} with an interval of ${days} ${days === 1 ? 'day' : 'days'}` })),
      },
    ],
    lines: [{ name: 'Percentage', color: COLORS.cumulative, axis: 'right', points: share }],
    left: { label: 'Cards', integer: true },
    right: { label: 'Percentage', max: 100 },
  });
  const items = [
    { label: 'Cards', color: COLORS.interval },
    { label: 'Cumulative percentage', color: COLORS.cumulative },
  ];
  const figures = figureTable([
    { label: 'Average interval', value: intervalText((data.average ?? 0) * DAY_SECS) },
    { label: 'Longest interval', value: intervalText((data.longest ?? 0) * DAY_SECS) },
  ]);
  return section('Intervals', 'How long until review cards are shown again.', chartFigure('ivl', items, svg) + figures);
}

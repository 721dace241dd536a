/**
 * The "Hourly Breakdown" section: for each hour of the day, the answers given (bars, right
 * axis) and the share of them that were correct (line, left axis).
 */
import type { HourFigures } from '../data/hours.js';
import { fixed } from '../format.js';
import { barChartSvg } from '../svg/bar-chart.js';
import { COLORS } from './colors.js';
import { chartFigure, section } from './layout.js';

/** The hour axis runs from 4 AM, as Anki's did; these are its labelled hours. */
const HOUR_TICKS = [
  { value: 0, label: '4AM' },
  { value: 6, label: '10AM' },
  { value: 12, label: '4PM' },
  { value: 18, label: '10PM' },
  { value: 23, label: '3AM' },
];

const clock = (hour: number): string => `${String(hour % 24).padStart(2, '0')}:00`;

export function hoursSection(data: readonly HourFigures[]): string {
  if (data.length === 0) return '';
  const svg = barChartSvg({
    title: 'Answers and share of correct answers by hour of the day',
    x: { min: -0.5, max: 23.5, ticks: HOUR_TICKS },
    bars: [
      {
        name: 'Answers',
        color: COLORS.hour,
        axis: 'right',
        points: data.map((h) => ({ x: h.slot, y: h.answers, tip: `${h.answers} answers from ${clock(h.hour)}` })),
      },
    ],
    barWidth: 0.4,
    lines: [
      {
        name: '% Correct',
        color: COLORS.cumulative,
        markers: true,
        breakAtGaps: true,
        points: data.map((h) => ({ x: h.slot, y: h.correct, tip: `${fixed(h.correct, 1)}% correct from ${clock(h.hour)}` })),
      },
    ],
    left: { label: '% Correct', max: 100 },
    right: { label: 'Reviews', integer: true },
  });
  const items = [
    { label: '% Correct', color: COLORS.cumulative },
    { label: 'Answers', color: COLORS.hour },
  ];
  return section(
    'Hourly Breakdown',
    'Share of correct answers for each hour of the day.',
    chartFigure('hour', items, svg) + '<p class="note">Hours with 30 answers or fewer are left out.</p>',
  );
}

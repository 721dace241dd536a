/**
 * The "Review Count" and "Review Time" sections: answers and minutes of each of the last 31
 * days, stacked by kind, with a running total per kind, and the averages Anki gives under them.
 */
import { PERIOD_DAYS } from '../context.js';
import { ANSWER_KINDS, type AnswerDay, type AnswerKind, type Answers } from '../data/answers.js';
import { fixed, fluentNumber, truncated } from '../format.js';
import { barChartSvg, type BarSeries, type LineSeries } from '../svg/bar-chart.js';
import { COLORS } from './colors.js';
import { cumulative, dayAxis, dayPhrase } from './day-axis.js';
import { chartFigure, figureTable, section, type FigureRow } from './layout.js';

const KIND_LABELS: Record<AnswerKind, string> = { mature: 'Mature', young: 'Young', relearn: 'Relearn', learn: 'Learn', cram: 'Cram' };
const KIND_COLORS: Record<AnswerKind, string> = {
  mature: COLORS.mature,
  young: COLORS.young,
  relearn: COLORS.relearn,
  learn: COLORS.learn,
  cram: COLORS.cram,
};

type Measure = (day: AnswerDay, kind: AnswerKind) => number;

/**
 * The sum over days and kinds, added in Anki's order (day by day, kinds in stacking order) so
 * that the floating-point minutes come out to the same last digit.
 */
function grandTotal(days: readonly AnswerDay[], measure: Measure): number {
  let total = 0;
  for (const day of days) for (const kind of ANSWER_KINDS) total += measure(day, kind);
  return total;
}

function chart(days: readonly AnswerDay[], measure: Measure, unit: string, format: (value: number) => string): string {
  // Kinds with nothing in the period have no bars, no line and no legend entry, as in Anki.
  const shown = ANSWER_KINDS.filter((kind) => days.some((day) => measure(day, kind) !== 0));
  const bars: BarSeries[] = shown.map((kind) => ({
    name: KIND_LABELS[kind],
    color: KIND_COLORS[kind],
    points: days.map((day) => ({
      x: day.day,
      y: measure(day, kind),
      tip: `${KIND_LABELS[kind]}, ${dayPhrase(day.day)}: ${format(measure(day, kind))}`,
    })),
  }));
  const lines: LineSeries[] = shown.map((kind) => ({
    name: `${KIND_LABELS[kind]} (cumulative)`,
    color: KIND_COLORS[kind],
    axis: 'right',
    points: cumulative(days.map((day) => ({ x: day.day, y: measure(day, kind) }))),
  }));
  const svg = barChartSvg({
    title: `${unit} on each of the last days, by kind of card`,
    x: dayAxis(-(PERIOD_DAYS - 1), 0),
    bars,
    lines,
    left: { label: unit, integer: unit === 'Answers' },
    right: { label: `Cumulative ${unit}`, integer: unit === 'Answers' },
  });
  return chartFigure(unit === 'Answers' ? 'reps' : 'time', shown.map((kind) => ({ label: KIND_LABELS[kind], color: KIND_COLORS[kind] })), svg);
}

/** The rows both sections start with: how many days had answers, and the total. */
function studyRows(data: Answers, total: number, unit: string): FigureRow[] {
  const studied = data.daysStudied;
  const rows: FigureRow[] = [
    {
      label: 'Days studied',
      value: `<b>${truncated((studied / PERIOD_DAYS) * 100)}%</b> (${studied} of ${PERIOD_DAYS})`,
      plain: true,
    },
    { label: 'Total', value: `${truncated(total)} ${unit}` },
    { label: 'Average for days studied', value: studied === 0 ? '' : `${fixed(total / studied, 1)} ${unit}/day` },
  ];
  // Someone who studied every day needs no second average.
  if (studied !== PERIOD_DAYS) rows.push({ label: 'If you studied every day', value: `${fixed(total / PERIOD_DAYS, 1)} ${unit}/day` });
  return rows;
}

/** Both sections, or nothing when no review was logged in the period. */
export function answerSections(data: Answers): string {
  if (data.days.length === 0) return '';
  const count: Measure = (day, kind) => day.counts[kind];
  const minutes: Measure = (day, kind) => day.minutes[kind];
  const answers = grandTotal(data.days, count);
  const spent = grandTotal(data.days, minutes);
  const timeRows = studyRows(data, spent, 'minutes');
  if (answers > 0 && spent > 0) {
    const seconds = (spent * 60) / answers;
    timeRows.push({ label: 'Average answer time', value: `${fluentNumber(seconds)}s (${fluentNumber(answers / spent)} cards/minute)` });
  }
  const reviewCount = section(
    'Review Count',
    'How many answers you gave each day.',
    chart(data.days, count, 'Answers', String) + figureTable(studyRows(data, answers, 'reviews')),
  );
  const reviewTime = section(
    'Review Time',
    'How long you spent answering each day.',
    chart(data.days, minutes, 'Minutes', (value) => `${fixed(value, 1)} min`) + figureTable(timeRows),
  );
  return reviewCount + reviewTime;
}

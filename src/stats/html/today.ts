/** The "Today" section: text only. */
import type { TodayFigures } from '../data/today.js';
import { fixed } from '../format.js';
import { studiedTodayText } from '../timespan.js';
import { escapeText, section } from './layout.js';

const bold = (value: string | number): string => `<b>${value}</b>`;

export function todaySection(today: TodayFigures): string {
  if (today.answers === 0) return section('Today', '', '<p>No cards have been studied today.</p>');
  const correct = fixed((1 - today.again / today.answers) * 100, 1);
  const lines = [
    escapeText(studiedTodayText(today.answers, today.seconds)),
    `Again count: ${bold(today.again)} (${bold(`${correct}%`)} correct)`,
    `Learn: ${bold(today.learn)}, Review: ${bold(today.review)}, Relearn: ${bold(today.relearn)}, Filtered: ${bold(today.filtered)}`,
    today.mature.answers > 0
      ? `Correct answers on mature cards: ${today.mature.correct}/${today.mature.answers} ` +
        `(${fixed((today.mature.correct / today.mature.answers) * 100, 1)}%)`
      : 'No mature cards were studied today.',
  ];
  return section('Today', '', `<p>${lines.join('<br>')}</p>`);
}

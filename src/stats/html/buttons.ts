/**
 * The "Answer Buttons" section: how often each button was pressed, in three groups (learning,
 * young, mature), with the share of correct answers of each group.
 */
import { BUTTON_GROUPS, correctByGroup, type ButtonCount, type ButtonGroup } from '../data/buttons.js';
import { fixed } from '../format.js';
import { barChartSvg } from '../svg/bar-chart.js';
import { COLORS } from './colors.js';
import { chartFigure, escapeText, section } from './layout.js';

const GROUP_LABELS: Record<ButtonGroup, string> = { learning: 'Learning', young: 'Young', mature: 'Mature' };
const GROUP_COLORS: Record<ButtonGroup, string> = { learning: COLORS.learn, young: COLORS.young, mature: COLORS.mature };
/** Where each group's buttons start on the x axis: 1–4, 6–9 and 11–14, with a gap between. */
const GROUP_OFFSET: Record<ButtonGroup, number> = { learning: 0, young: 5, mature: 10 };
const BUTTON_TICKS = BUTTON_GROUPS.flatMap((group) => [1, 2, 3, 4].map((button) => ({ value: GROUP_OFFSET[group] + button, label: String(button) })));

export function buttonsSection(counts: readonly ButtonCount[]): string {
  const svg = barChartSvg({
    title: 'Answers by button, for learning, young and mature cards',
    x: { min: 0, max: 15, ticks: BUTTON_TICKS },
    bars: BUTTON_GROUPS.map((group) => ({
      name: GROUP_LABELS[group],
      color: GROUP_COLORS[group],
      points: counts
        .filter((count) => count.group === group)
        .map((count) => ({ x: GROUP_OFFSET[group] + count.ease, y: count.answers, tip: `${GROUP_LABELS[group]}, button ${count.ease}: ${count.answers}` })),
    })),
    left: { label: 'Answers', integer: true },
  });
  const items = BUTTON_GROUPS.map((group) => ({ label: GROUP_LABELS[group], color: GROUP_COLORS[group] }));
  const cells = correctByGroup(counts).map(({ group, correct, total }) => {
    const share = total === 0 ? 0 : (correct / total) * 100;
    return (
      `<td><span class="group">${escapeText(GROUP_LABELS[group])}</span><br>` +
      `Correct: <b>${fixed(share, 2)}%</b><br>(${correct} of ${total})</td>`
    );
  });
  return section(
    'Answer Buttons',
    'How often each answer button was pressed.',
    chartFigure('ease', items, svg) + `<table class="buttons"><tr>${cells.join('')}</tr></table>`,
  );
}

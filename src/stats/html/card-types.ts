/** The "Card Types" section: the cards in scope by state, with note count and ease factors. */
import type { CardTypes } from '../data/card-types.js';
import { truncated } from '../format.js';
import { pieChartSvg } from '../svg/pie-chart.js';
import { COLORS } from './colors.js';
import { chartFigure, figureTable, section, type FigureRow } from './layout.js';

export function cardTypesSection(data: CardTypes): string {
  // Anki's four slices; the tooltips tell their parts apart.
  const slices = [
    { name: 'Mature', color: COLORS.mature, value: data.mature, tip: `Mature: ${data.mature}` },
    {
      name: 'Young+Learn',
      color: COLORS.young,
      value: data.young + data.learning,
      tip: `Young: ${data.young}, learning: ${data.learning}`,
    },
    { name: 'Unseen', color: COLORS.unseen, value: data.unseen, tip: `Unseen: ${data.unseen}` },
    {
      name: 'Suspended+Buried',
      color: COLORS.suspended,
      value: data.suspended + data.buried,
      tip: `Suspended: ${data.suspended}, buried: ${data.buried}`,
    },
  ];
  const svg = pieChartSvg('Cards by state', slices);
  const items = slices.map((slice) => ({ label: `${slice.name}: ${slice.value}`, color: slice.color }));
  const rows: FigureRow[] = [
    { label: 'Total cards', value: String(data.cards) },
    { label: 'Total notes', value: String(data.notes) },
  ];
  // No review cards, or none with an ease (all zero): Anki shows no ease at all.
  const { lowest, average, highest } = data.ease;
  if (lowest !== null && lowest !== 0) {
    rows.push(
      { label: 'Lowest ease', value: `${truncated(lowest)}%` },
      { label: 'Average ease', value: `${truncated(average ?? 0)}%` },
      { label: 'Highest ease', value: `${truncated(highest ?? 0)}%` },
    );
  }
  const info =
    figureTable(rows) +
    '<p class="note">A card\'s <i>ease</i> is the factor its interval is multiplied by when you answer Good on a review.</p>';
  return section(
    'Card Types',
    'How the cards divide between states.',
    `<div class="side-by-side">${chartFigure('cards', items, svg)}<div class="info">${info}</div></div>`,
  );
}

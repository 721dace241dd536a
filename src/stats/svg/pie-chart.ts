/**
 * A pie chart as inline SVG, for the report's card types. Slices run clockwise from the top in
 * the order given; slices of at least 1% carry their rounded percentage, as Anki's did.
 */
import { attributes, escapeText } from './markup.js';

export interface PieSlice {
  name: string;
  color: string;
  value: number;
  /** Hover text. */
  tip: string;
}

const SIZE = 240;
const RADIUS = 112;
const CENTRE = SIZE / 2;
const LABEL_RADIUS = 0.68 * RADIUS;
const LABEL_THRESHOLD = 0.01;

const pointAt = (turn: number, radius: number): [number, number] => {
  const angle = 2 * Math.PI * turn - Math.PI / 2;
  return [CENTRE + radius * Math.cos(angle), CENTRE + radius * Math.sin(angle)];
};

function slicePath(start: number, end: number): string {
  const [x1, y1] = pointAt(start, RADIUS);
  const [x2, y2] = pointAt(end, RADIUS);
  const large = end - start > 0.5 ? 1 : 0;
  return `M${CENTRE},${CENTRE} L${x1.toFixed(2)},${y1.toFixed(2)} A${RADIUS},${RADIUS} 0 ${large} 1 ${x2.toFixed(2)},${y2.toFixed(2)} Z`;
}

export function pieChartSvg(title: string, slices: readonly PieSlice[]): string {
  const total = slices.reduce((sum, slice) => sum + Math.max(slice.value, 0), 0);
  const shapes: string[] = [];
  const labels: string[] = [];
  let start = 0;
  for (const slice of slices) {
    if (!(slice.value > 0) || total === 0) continue;
    const share = slice.value / total;
    const data = attributes({ fill: slice.color, 'data-series': slice.name, 'data-value': String(slice.value) });
    const tip = `<title>${escapeText(slice.tip)}</title>`;
    // A full circle has no arc end distinct from its start.
    shapes.push(
      share >= 1
        ? `<circle${attributes({ cx: CENTRE, cy: CENTRE, r: RADIUS })}${data}>${tip}</circle>`
        : `<path${attributes({ d: slicePath(start, start + share) })}${data}>${tip}</path>`,
    );
    if (share >= LABEL_THRESHOLD) {
      const [x, y] = pointAt(start + share / 2, share >= 1 ? 0 : LABEL_RADIUS);
      labels.push(`<text${attributes({ x, y: y + 5, 'text-anchor': 'middle' })}>${Math.round(share * 100)}%</text>`);
    }
    start += share;
  }
  if (shapes.length === 0) {
    shapes.push(`<circle${attributes({ cx: CENTRE, cy: CENTRE, r: RADIUS, fill: 'none', stroke: '#ccc' })}/>`);
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SIZE} ${SIZE}" role="img"${attributes({ 'aria-label': title })}>` +
    `<g class="slices" stroke="#fff" stroke-width="2">${shapes.join('')}</g>` +
    `<g class="pie-labels" fill="#fff" stroke="rgba(0,0,0,0.55)" stroke-width="3" paint-order="stroke" font-weight="bold">${labels.join('')}</g></svg>`
  );
}

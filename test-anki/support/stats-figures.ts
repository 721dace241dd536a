/**
 * The figures of a statistics report, read out of its HTML so that Anki's report (text plus flot
 * plot data in scripts) and ours (text plus SVG charts with data attributes) can be compared
 * figure by figure: per section, the numbers of its text, its label/value rows ("Total: 224
 * reviews"), and every non-zero point of its charts.
 */

export interface SectionFigures {
  title: string;
  /** The section's text outside its charts. */
  text: string;
  /** Every number in the section's text outside its charts, in order. */
  numbers: string[];
  /** Rows of its figure tables: label → value text. */
  rows: Map<string, string>;
  /** "chart/series/x" (or "chart/series" for a pie slice) → value; zero points left out. */
  points: Map<string, number>;
}

export interface ReportFigures {
  sections: SectionFigures[];
  /** The closing lines (generation time, scope, period), as text. */
  footer: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

/** Visible text: tags dropped, entities decoded, Fluent's direction isolates removed. */
export function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_match, name: string) => ENTITIES[name] ?? '')
    .replace(/[\u2068\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const numbersOf = (text: string): string[] => text.match(/\d+(?:\.\d+)?/g) ?? [];

function rowsOf(html: string, pattern: RegExp): Map<string, string> {
  const rows = new Map<string, string>();
  for (const match of html.matchAll(pattern)) rows.set(visibleText(match[1] ?? ''), visibleText(match[2] ?? ''));
  return rows;
}

function addPoint(points: Map<string, number>, key: string, value: number | null): void {
  if (value !== null && value !== 0) points.set(key, value);
}

interface FlotSeries {
  data: [number, number][] | number | null;
  label?: string | null;
  bars?: { show?: boolean };
}

/** Anki's series carry no name where ours do (the one-series charts). */
function ankiSeriesName(chart: string, label: string | null | undefined): string {
  if (chart === 'intro') return 'Added';
  if (chart === 'ivl') return 'Cards';
  // Pie slices are labelled "Mature: 12".
  return (label ?? '').split(':')[0] ?? '';
}

/** Figures of Anki's legacy report (anki/stats.py), as Anki-Connect returns it. */
export function ankiFigures(html: string): ReportFigures {
  const sections: SectionFigures[] = [];
  let footer = '';
  for (const part of html.split('<div class=section>').slice(1)) {
    const title = /<h1>(.*?)<\/h1>/.exec(part)?.[1];
    if (title === undefined) {
      if (part.includes('Generated on')) footer = visibleText(part);
      continue;
    }
    const points = new Map<string, number>();
    for (const match of part.matchAll(/\$\.plot\(\$\("#(\w+)"\), (.*?), conf\);/gs)) {
      const chart = match[1] ?? '';
      for (const series of JSON.parse(match[2] ?? '[]') as FlotSeries[]) {
        // Running totals are lines drawn from the bars; the bars are the figures.
        if (series.bars?.show === false) continue;
        const name = ankiSeriesName(chart, series.label);
        if (Array.isArray(series.data)) for (const [x, y] of series.data) addPoint(points, `${chart}/${name}/${x}`, y);
        else addPoint(points, `${chart}/${name}`, series.data);
      }
    }
    const text = part.replace(/<script>[\s\S]*?<\/script>/g, '');
    sections.push({
      title,
      text: visibleText(text),
      numbers: numbersOf(visibleText(text)),
      rows: rowsOf(text, /<tr><td width=200 align=\w+>(.*?):<\/td><td>(.*?)<\/td><\/tr>/g),
      points,
    });
  }
  return { sections, footer };
}

/** Figures of the server's report (src/stats). */
export function ourFigures(html: string): ReportFigures {
  const sections: SectionFigures[] = [];
  let footer = '';
  for (const part of html.split(/<div class="section[^"]*">/).slice(1)) {
    const title = /<h1>(.*?)<\/h1>/.exec(part)?.[1];
    if (title === undefined) {
      if (part.includes('Generated on')) footer = visibleText(part);
      continue;
    }
    const points = new Map<string, number>();
    for (const figure of part.matchAll(/<figure class="chart" data-chart="(\w+)">([\s\S]*?)<\/figure>/g)) {
      const chart = figure[1] ?? '';
      for (const match of (figure[2] ?? '').matchAll(/data-series="([^"]*)"(?: data-x="([^"]*)")? data-value="([^"]*)"/g)) {
        const key = match[2] === undefined ? `${chart}/${visibleText(match[1] ?? '')}` : `${chart}/${visibleText(match[1] ?? '')}/${match[2]}`;
        addPoint(points, key, Number(match[3]));
      }
    }
    const text = part.replace(/<figure[\s\S]*?<\/figure>/g, '');
    sections.push({
      title: visibleText(title),
      text: visibleText(text),
      numbers: numbersOf(visibleText(text)),
      rows: rowsOf(text, /<tr><th>(.*?):<\/th><td>(.*?)<\/td><\/tr>/g),
      points,
    });
  }
  return { sections, footer };
}

/** Whole numbers must be equal; fractions (minutes, percentages) agree to 1e-9 relative. */
function sameValue(a: number, b: number): boolean {
  if (Number.isInteger(a) && Number.isInteger(b)) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

export interface Comparison {
  /** Figures compared: numbers of the text, table rows and chart points. */
  figures: number;
  differences: string[];
}

/** Every figure of `theirs` (Anki) against `ours`, section by section. */
export function compareFigures(ours: ReportFigures, theirs: ReportFigures): Comparison {
  const differences: string[] = [];
  let figures = 0;
  const titles = (report: ReportFigures): string => report.sections.map((s) => s.title).join(', ');
  if (titles(ours) !== titles(theirs)) differences.push(`sections: ours [${titles(ours)}], Anki's [${titles(theirs)}]`);
  for (const mine of ours.sections) {
    const other = theirs.sections.find((s) => s.title === mine.title);
    if (other === undefined) continue;
    figures += other.numbers.length;
    // "Today" is all text, in Anki's words; elsewhere our explanatory lines are our own.
    if (mine.title === 'Today' && mine.text !== other.text) differences.push(`Today: ours "${mine.text}", Anki's "${other.text}"`);
    if (mine.numbers.join(' ') !== other.numbers.join(' ')) {
      differences.push(`${mine.title}: numbers ours [${mine.numbers.join(' ')}], Anki's [${other.numbers.join(' ')}]`);
    }
    for (const [label, value] of other.rows) {
      figures++;
      if (mine.rows.get(label) !== value) differences.push(`${mine.title}: "${label}" ours "${mine.rows.get(label) ?? '(missing)'}", Anki's "${value}"`);
    }
    for (const label of mine.rows.keys()) if (!other.rows.has(label)) differences.push(`${mine.title}: "${label}" only in ours`);
    for (const key of new Set([...mine.points.keys(), ...other.points.keys()])) {
      figures++;
      const a = mine.points.get(key);
      const b = other.points.get(key);
      if (a === undefined || b === undefined || !sameValue(a, b)) differences.push(`${mine.title}: ${key} ours ${a ?? '-'}, Anki's ${b ?? '-'}`);
    }
  }
  return { figures, differences };
}

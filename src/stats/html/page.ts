/**
 * The report as one HTML fragment, like the one Anki-Connect returns: a style sheet and the
 * sections in Anki's order. Every rule is scoped to the report's root element, so a client
 * that inserts the fragment into its own page keeps its own styles.
 */
import type { StatsData } from '../collect.js';
import { addedSection } from './added.js';
import { answerSections } from './answers.js';
import { buttonsSection } from './buttons.js';
import { cardTypesSection } from './card-types.js';
import { footer } from './footer.js';
import { forecastSection } from './forecast.js';
import { hoursSection } from './hours.js';
import { intervalsSection } from './intervals.js';
import { todaySection } from './today.js';

const STYLE = `<style>
.anki-stats { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222; background: #fff;
  max-width: 720px; margin: 0 auto; padding: 0 12px 24px; text-align: center; line-height: 1.4; }
.anki-stats .section { margin: 0 0 28px; }
.anki-stats h1 { font-size: 1.45em; margin: 1em 0 0.1em; }
.anki-stats .subtitle, .anki-stats .note { color: #555; margin: 0.2em 0 0.6em; }
.anki-stats .note { font-size: 0.9em; }
.anki-stats figure.chart { margin: 0.3em auto; }
.anki-stats figure.chart svg { display: block; width: 100%; height: auto; margin: 0 auto; font-size: 12px; fill: #444; }
.anki-stats .legend { list-style: none; display: flex; flex-wrap: wrap; justify-content: center; gap: 4px 16px; margin: 0.3em 0; padding: 0; font-size: 0.9em; }
.anki-stats .swatch { display: inline-block; width: 0.85em; height: 0.85em; margin-right: 0.35em; vertical-align: -0.05em; border-radius: 2px; }
.anki-stats table.figures { margin: 0.4em auto; border-collapse: collapse; }
.anki-stats table.figures th { width: 220px; text-align: right; font-weight: normal; padding: 1px 8px 1px 0; }
.anki-stats table.figures td { width: 220px; text-align: left; padding: 1px 0; white-space: nowrap; }
.anki-stats table.buttons { width: 100%; max-width: 560px; margin: 0.4em auto; table-layout: fixed; }
.anki-stats table.buttons td { text-align: center; vertical-align: top; }
.anki-stats .group { color: #555; }
.anki-stats .side-by-side { display: flex; flex-wrap: wrap; align-items: center; justify-content: center; gap: 16px; }
.anki-stats .side-by-side figure.chart { width: 260px; }
.anki-stats .side-by-side .info { flex: 1 1 260px; }
.anki-stats .side-by-side .legend { flex-direction: column; align-items: flex-start; gap: 2px; width: fit-content; margin: 0 auto 0.4em; }
.anki-stats .footer { font-size: 0.8em; color: #666; }
@media print { .anki-stats .section { page-break-inside: avoid; } }
</style>`;

export function reportHtml(data: StatsData): string {
  const sections = [
    todaySection(data.today),
    forecastSection(data.forecast),
    answerSections(data.answers),
    addedSection(data.added),
    intervalsSection(data.intervals),
    hoursSection(data.hours),
    buttonsSection(data.buttons),
    cardTypesSection(data.cardTypes),
    footer(data.generatedAt, data.scope, data.period),
  ];
  return `<div class="anki-stats">${STYLE}${sections.join('')}</div>`;
}

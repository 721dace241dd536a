/**
 * The building blocks of the report's page: sections with a title and a line saying what they
 * show, tables of figures ("Total: 224 reviews"), and charts with their legends.
 */
import { escapeText } from '../svg/markup.js';

export { escapeText };

/** One section; `body` is HTML. */
export function section(title: string, subtitle: string, body: string): string {
  const caption = subtitle === '' ? '' : `<p class="subtitle">${escapeText(subtitle)}</p>`;
  return `<div class="section"><h1>${escapeText(title)}</h1>${caption}${body}</div>`;
}

export interface FigureRow {
  label: string;
  /** HTML, shown in bold unless `plain`. */
  value: string;
  plain?: boolean;
}

export function figureTable(rows: readonly FigureRow[]): string {
  const body = rows
    .map((row) => `<tr><th>${escapeText(row.label)}:</th><td>${row.plain === true ? row.value : `<b>${row.value}</b>`}</td></tr>`)
    .join('');
  return `<table class="figures">${body}</table>`;
}

export interface LegendItem {
  label: string;
  color: string;
}

export function legend(items: readonly LegendItem[]): string {
  if (items.length === 0) return '';
  const entries = items
    .map((item) => `<li><span class="swatch" style="background:${escapeText(item.color)}"></span>${escapeText(item.label)}</li>`)
    .join('');
  return `<ul class="legend">${entries}</ul>`;
}

/** A chart with its legend; `name` identifies the chart (data-chart). */
export function chartFigure(name: string, items: readonly LegendItem[], svg: string): string {
  return `<figure class="chart" data-chart="${escapeText(name)}">${legend(items)}${svg}</figure>`;
}

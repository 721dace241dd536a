/**
 * getCollectionStatsHTML: Anki's legacy statistics report (the one Anki-Connect returns) for the
 * whole collection or the current deck and its subdecks, with the same figures, as an HTML
 * fragment whose charts are inline SVG instead of Anki's JavaScript plots.
 */
import type { Collection } from '../collection/collection.js';
import { collectStats } from './collect.js';
import { reportHtml } from './html/page.js';

export function collectionStatsHtml(col: Collection, wholeCollection: boolean): string {
  return reportHtml(collectStats(col, wholeCollection));
}

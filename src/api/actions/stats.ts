// The statistics report: Anki's legacy "Statistics" window as an HTML page (src/stats/).
import { Type } from '@sinclair/typebox';
import { collectionStatsHtml } from '../../stats/report.js';
import { defineAction, type Action } from '../action.js';

export const getCollectionStatsHTML = defineAction({
  name: 'getCollectionStatsHTML',
  summary:
    "Anki's statistics report (one month) as an HTML fragment with inline SVG charts: the whole collection, " +
    'or with wholeCollection false the current deck and its subdecks. On a new day, buried cards are unburied first, as Anki does.',
  params: Type.Object({ wholeCollection: Type.Optional(Type.Boolean()) }),
  result: Type.String(),
  // On a new day Anki returns buried cards to their queues before it counts them; so does this.
  write: true,
  run: ({ wholeCollection }, ctx) => collectionStatsHtml(ctx.col(), wholeCollection ?? true),
});

export const statsActions: Action[] = [getCollectionStatsHTML];

import { Type } from '@sinclair/typebox';
import { findCards as findCardIds, findNotes as findNoteIds, noteIdsOfCards } from '../../collection/search.js';
import { isQuickSearch } from '../../search/index.js';
import { defineAction, type Action } from '../action.js';
import type { ActionContext } from '../context.js';
import { IdList } from '../schemas.js';

const Query = Type.Optional(Type.Union([Type.String(), Type.Null()]));

/** Whether a search goes to a reader thread: all but the quick ones (search/cost.ts). */
export const searchOnThread = (query: string | null | undefined): boolean => query !== undefined && query !== null && !isQuickSearch(query);

/** Anki-Connect's findCards/findNotes: no query (null) finds nothing. */
function search(ctx: ActionContext, query: string | null | undefined, item: 'cards' | 'notes'): number[] {
  if (query === undefined || query === null) return [];
  const col = ctx.col();
  return item === 'cards' ? findCardIds(col, query) : findNoteIds(col, query);
}

export const findCards = defineAction({
  name: 'findCards',
  summary: 'Ids of the cards matching an Anki search (full search syntax), ascending; [] for a null query.',
  params: Type.Object({ query: Query }),
  result: IdList,
  reads: ({ query }) => searchOnThread(query),
  run: ({ query }, ctx) => search(ctx, query, 'cards'),
});

export const findNotes = defineAction({
  name: 'findNotes',
  summary: 'Ids of the notes matching an Anki search (full search syntax), ascending; [] for a null query.',
  params: Type.Object({ query: Query }),
  result: IdList,
  reads: ({ query }) => searchOnThread(query),
  run: ({ query }, ctx) => search(ctx, query, 'notes'),
});

export const cardsToNotes = defineAction({
  name: 'cardsToNotes',
  summary: 'The distinct note ids of the given cards, ascending; unknown card ids are dropped.',
  params: Type.Object({ cards: IdList }),
  result: IdList,
  run: ({ cards }, ctx) => noteIdsOfCards(ctx.col(), cards),
});

/** Search: findCards, findNotes and cardsToNotes. */
export const searchActions: Action[] = [findCards, findNotes, cardsToNotes];

import { Type } from '@sinclair/typebox';
import { findCards as findCardIds, findNotes as findNoteIds, noteIdsOfCards } from '../../collection/search.js';
import { AnkiConnectError } from '../../errors.js';
import { pythonRepr } from '../../http/python-errors.js';
import { defineAction, type Action } from '../action.js';
import type { ActionContext } from '../context.js';
import { IdList } from '../schemas.js';

const Query = Type.Optional(Type.Union([Type.String(), Type.Null()]));

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
  run: ({ query }, ctx) => search(ctx, query, 'cards'),
});

export const findNotes = defineAction({
  name: 'findNotes',
  summary: 'Ids of the notes matching an Anki search (full search syntax), ascending; [] for a null query.',
  params: Type.Object({ query: Query }),
  result: IdList,
  run: ({ query }, ctx) => search(ctx, query, 'notes'),
});

export const cardsToNotes = defineAction({
  name: 'cardsToNotes',
  summary: 'The distinct note ids of the given cards, ascending; unknown card ids are dropped.',
  params: Type.Object({ cards: IdList }),
  result: IdList,
  run: ({ cards }, ctx) => noteIdsOfCards(ctx.col(), cards),
});

/** Python's str() of a JSON value, as Anki-Connect formats it into its messages. */
function pythonStr(value: unknown): string {
  return typeof value === 'string' ? value : pythonRepr(value);
}

/**
 * The columns of Anki's card browser that `reorderCards.columnId` may name: those the browser
 * shows (config `activeCols`, or Anki's default set).
 */
function activeColumns(ctx: ActionContext): string[] {
  const configured = ctx.col().config.get('activeCols');
  if (Array.isArray(configured) && configured.every((column) => typeof column === 'string')) return configured;
  return ['noteFld', 'template', 'cardDue', 'deck'];
}

/** Anki-Connect's checks of `reorderCards`, with its messages, in its order. */
function checkReorderCards(ctx: ActionContext, reorderCards: unknown): void {
  if (reorderCards === undefined || reorderCards === null) return;
  if (typeof reorderCards !== 'object' || Array.isArray(reorderCards)) {
    throw new AnkiConnectError(`reorderCards should be a dict: ${pythonStr(reorderCards)}`);
  }
  const { columnId, order } = reorderCards as Record<string, unknown>;
  if (!('columnId' in reorderCards && 'order' in reorderCards)) {
    throw new AnkiConnectError('Must provide a "columnId" and a "order" property"');
  }
  if (order !== 'ascending' && order !== 'descending') throw new AnkiConnectError(`invalid card order: ${pythonStr(order)}`);
  if (typeof columnId !== 'string' || !activeColumns(ctx).includes(columnId)) {
    throw new AnkiConnectError(`invalid columnId: ${pythonStr(columnId)}`);
  }
}

export const guiBrowse = defineAction({
  name: 'guiBrowse',
  summary: 'Headless card browser: answers with findCards(query) ([] without a query); reorderCards is validated.',
  params: Type.Object({ query: Query, reorderCards: Type.Optional(Type.Unknown()) }),
  result: IdList,
  run: ({ query, reorderCards }, ctx) => {
    checkReorderCards(ctx, reorderCards);
    return search(ctx, query, 'cards');
  },
});

/** Search: findCards, findNotes, cardsToNotes and guiBrowse (answering with findCards). */
export const searchActions: Action[] = [findCards, findNotes, cardsToNotes, guiBrowse];

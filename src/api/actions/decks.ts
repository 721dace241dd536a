import { Type } from '@sinclair/typebox';
import { defineAction, type Action } from '../action.js';
import { Id } from '../schemas.js';

export const deckNames = defineAction({
  name: 'deckNames',
  summary: 'Names of all decks, parents before children.',
  params: Type.Object({}),
  result: Type.Array(Type.String()),
  run: (_params, ctx) => ctx.col().decks.namesAndIds().map((deck) => deck.name),
});

export const deckNamesAndIds = defineAction({
  name: 'deckNamesAndIds',
  summary: 'Every deck name mapped to its id.',
  params: Type.Object({}),
  result: Type.Record(Type.String(), Id),
  run: (_params, ctx) => Object.fromEntries(ctx.col().decks.namesAndIds().map((deck) => [deck.name, deck.id])),
});

export const createDeck = defineAction({
  name: 'createDeck',
  summary: 'Creates a deck (and missing parents, for "A::B"); an existing deck keeps its id, which is returned.',
  params: Type.Object({ deck: Type.String() }),
  result: Id,
  write: true,
  run: ({ deck }, ctx) => ctx.col().decks.getOrCreate(deck),
});

/** The decks actions, in the order the registry lists them. */
export const deckActions: Action[] = [deckNames, deckNamesAndIds, createDeck];

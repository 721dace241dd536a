import { Type } from '@sinclair/typebox';
import { pasteCompleteDeck } from '../../decks/complete-deck.js';
import { deleteDecks as removeDecks } from '../../decks/delete.js';
import { changeDeck as moveCards, decksOfCards } from '../../decks/move.js';
import { humanDeckName } from '../../decks/names.js';
import { deckStats } from '../../decks/stats.js';
import { AnkiConnectError } from '../../errors.js';
import { defineAction, type Action } from '../action.js';
import { Id, IdList, StringList } from '../schemas.js';

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

export const deckNameFromId = defineAction({
  name: 'deckNameFromId',
  summary: 'The name of the deck with this id.',
  params: Type.Object({ deckId: Id }),
  result: Type.String(),
  run: ({ deckId }, ctx) => {
    const deck = ctx.col().decks.get(deckId);
    if (deck === undefined) throw new AnkiConnectError(`deck was not found: ${deckId}`);
    return humanDeckName(deck.name);
  },
});

export const getDecks = defineAction({
  name: 'getDecks',
  summary: 'The given cards grouped by the name of the deck each is in; unknown card ids are left out.',
  params: Type.Object({ cards: IdList }),
  result: Type.Record(Type.String(), IdList),
  run: ({ cards }, ctx) => decksOfCards(ctx.col(), cards),
});

export const changeDeck = defineAction({
  name: 'changeDeck',
  summary: 'Moves cards to a deck, creating it (and its parents) when missing; cards in a filtered deck return home first.',
  params: Type.Object({ cards: IdList, deck: Type.String() }),
  result: Type.Null(),
  write: true,
  run: ({ cards, deck }, ctx) => {
    moveCards(ctx.col(), cards, deck);
    return null;
  },
});

export const deleteDecks = defineAction({
  name: 'deleteDecks',
  summary: 'Deletes decks, their subdecks and all their cards; requires cardsToo: true. Unknown names are skipped.',
  params: Type.Object({ decks: Type.Array(Type.String()), cardsToo: Type.Optional(Type.Boolean()) }),
  result: Type.Null(),
  write: true,
  run: ({ decks, cardsToo }, ctx) => {
    if (cardsToo !== true) {
      throw new AnkiConnectError("Since Anki 2.1.28 it's not possible to delete decks without deleting cards as well");
    }
    const col = ctx.col();
    removeDecks(col, decks.flatMap((name) => col.decks.idByName(name) ?? []));
    return null;
  },
});

const PastedCard = Type.Object({
  id: Id,
  nid: Id,
  ord: Type.Integer({ minimum: 0 }),
  type: Type.Integer(),
  queue: Type.Integer(),
  due: Type.Integer(),
  factor: Type.Integer(),
  ivl: Type.Integer(),
  reps: Type.Integer(),
  lapses: Type.Integer(),
  left: Type.Integer(),
});
const PastedNote = Type.Object({ id: Id, mid: Id, fields: Type.Array(Type.String()), tags: Type.Array(Type.String()) });
const PastedModel = Type.Object({ id: Id, name: Type.String(), fields: Type.Array(Type.String()), templateNames: Type.Array(Type.String()) });

export const updateCompleteDeck = defineAction({
  name: 'updateCompleteDeck',
  summary: 'Pastes cards, their notes and the notes\' models into a deck (created when missing), each under its own id.',
  params: Type.Object({
    data: Type.Object({
      deck: Type.String(),
      cards: Type.Record(Type.String(), PastedCard),
      notes: Type.Record(Type.String(), PastedNote),
      models: Type.Record(Type.String(), PastedModel),
    }),
  }),
  result: Type.Null(),
  write: true,
  run: ({ data }, ctx) => {
    pasteCompleteDeck(ctx.col(), data);
    return null;
  },
});

/** The decks actions, in the order the registry lists them. */
export const getDeckStats = defineAction({
  name: 'getDeckStats',
  summary:
    'Due counts of decks as the deck list shows them (subdecks included, daily limits applied) and the cards in each deck, ' +
    'keyed by deck id; the name is the last part of the deck name. Unknown decks are created, as upstream.',
  params: Type.Object({ decks: StringList }),
  result: Type.Record(
    Type.String(),
    Type.Object({
      deck_id: Id,
      name: Type.String(),
      new_count: Type.Integer(),
      learn_count: Type.Integer(),
      review_count: Type.Integer(),
      total_in_deck: Type.Integer(),
    }),
  ),
  write: true,
  run: ({ decks }, ctx) => {
    const col = ctx.col();
    return deckStats(
      col,
      decks.map((name) => col.decks.getOrCreate(name)),
    );
  },
});

export const deckActions: Action[] = [
  getDeckStats,
  deckNames,
  deckNamesAndIds,
  createDeck,
  deckNameFromId,
  getDecks,
  changeDeck,
  deleteDecks,
  updateCompleteDeck,
];

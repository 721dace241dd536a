// The actions answered from the review log: statistics, review import and export, and the
// due and interval queries that Anki-Connect reads from revlog rather than from the cards.
import { Type } from '@sinclair/typebox';
import { cardIntervals, areDue as cardsDue } from '../../revlog/due.js';
import {
  deckReviews,
  insertReviews as insertReviewRows,
  latestReviewId,
  reviewsByDay,
  reviewsOfCards,
  reviewsToday,
} from '../../revlog/reviews.js';
import { defineAction, type Action } from '../action.js';
import { Id, IdList, Nothing } from '../schemas.js';

const Int32 = Type.Integer({ minimum: -(2 ** 31), maximum: 2 ** 31 - 1 });

/** A revlog row as the statistics actions carry it (reviewTime, cardID, usn, button, …). */
const ReviewRow = Type.Tuple([
  Id,
  Id,
  Int32,
  Type.Integer({ minimum: 0, maximum: 4 }),
  Int32,
  Int32,
  Int32,
  Int32,
  Type.Integer({ minimum: 0, maximum: 5 }),
]);

const CardReview = Type.Object({
  id: Id,
  usn: Type.Integer(),
  ease: Type.Integer(),
  ivl: Type.Integer(),
  lastIvl: Type.Integer(),
  factor: Type.Integer(),
  time: Type.Integer(),
  type: Type.Integer(),
});

export const getNumCardsReviewedToday = defineAction({
  name: 'getNumCardsReviewedToday',
  summary: "The number of reviews since the collection's day began (the rollover hour counts).",
  params: Type.Object({}),
  result: Type.Integer(),
  run: (_params, ctx) => reviewsToday(ctx.col()),
});

export const getNumCardsReviewedByDay = defineAction({
  name: 'getNumCardsReviewedByDay',
  summary: 'Reviews per day as ["YYYY-MM-DD", count], newest first; days start at the rollover hour, local time.',
  params: Type.Object({}),
  result: Type.Array(Type.Tuple([Type.String(), Type.Integer()])),
  run: (_params, ctx) => reviewsByDay(ctx.col()),
});

export const cardReviews = defineAction({
  name: 'cardReviews',
  summary:
    'Reviews with id > startID of the cards in this deck (not its subdecks), as 9-tuples ' +
    '(id, cardID, usn, button, interval, previous interval, factor, duration, type); an unknown deck is created, as upstream.',
  params: Type.Object({ deck: Type.String(), startID: Type.Integer() }),
  result: Type.Array(ReviewRow),
  write: true,
  run: ({ deck, startID }, ctx) => {
    const col = ctx.col();
    return deckReviews(col, col.decks.getOrCreate(deck), startID);
  },
});

export const getReviewsOfCards = defineAction({
  name: 'getReviewsOfCards',
  summary: 'Each requested card id mapped to its reviews, oldest first ([] for a card without any).',
  params: Type.Object({ cards: IdList }),
  result: Type.Record(Type.String(), Type.Array(CardReview)),
  run: ({ cards }, ctx) => reviewsOfCards(ctx.col(), cards),
});

export const getLatestReviewID = defineAction({
  name: 'getLatestReviewID',
  summary: 'The newest review id of the cards in this deck (not its subdecks), or 0; an unknown deck is created, as upstream.',
  params: Type.Object({ deck: Type.String() }),
  result: Type.Integer(),
  write: true,
  run: ({ deck }, ctx) => {
    const col = ctx.col();
    return latestReviewId(col, col.decks.getOrCreate(deck));
  },
});

export const insertReviews = defineAction({
  name: 'insertReviews',
  summary:
    'Inserts reviews given as 9-tuples (as cardReviews gives them); a duplicate id fails the whole batch, ' +
    'ids more than a day ahead are refused.',
  params: Type.Object({ reviews: Type.Array(ReviewRow) }),
  result: Nothing,
  write: true,
  run: ({ reviews }, ctx) => {
    insertReviewRows(ctx.col(), reviews);
    return null;
  },
});

export const areDue = defineAction({
  name: 'areDue',
  summary:
    'Whether each card is due: new cards always; otherwise from its newest review ' +
    '("list index out of range" for a card that is neither new nor reviewed, as upstream).',
  params: Type.Object({ cards: IdList }),
  result: Type.Array(Type.Boolean()),
  run: ({ cards }, ctx) => cardsDue(ctx.col(), cards),
});

export const getIntervals = defineAction({
  name: 'getIntervals',
  summary:
    'Each card\'s newest interval from its reviews (days if positive, seconds if negative; 0 for a new card), ' +
    'or with complete all of them, oldest first.',
  params: Type.Object({ cards: IdList, complete: Type.Optional(Type.Boolean()) }),
  result: Type.Array(Type.Union([Type.Integer(), Type.Array(Type.Integer())])),
  run: ({ cards, complete }, ctx) => cardIntervals(ctx.col(), cards, complete ?? false),
});

export const reviewActions: Action[] = [
  getNumCardsReviewedToday,
  getNumCardsReviewedByDay,
  cardReviews,
  getReviewsOfCards,
  getLatestReviewID,
  insertReviews,
  areDue,
  getIntervals,
];

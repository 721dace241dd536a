import { Type } from '@sinclair/typebox';
import { cardsInfo as cardsInfoRows } from '../../cards/info.js';
import { defineAction, type Action } from '../action.js';
import { Id, IdList } from '../schemas.js';

const CardInfoSchema = Type.Union([
  Type.Object({
    cardId: Id,
    fields: Type.Record(Type.String(), Type.Object({ value: Type.String(), order: Type.Integer() })),
    fieldOrder: Type.Integer(),
    question: Type.String(),
    answer: Type.String(),
    modelName: Type.String(),
    ord: Type.Integer(),
    deckName: Type.String(),
    css: Type.String(),
    factor: Type.Integer(),
    interval: Type.Integer(),
    note: Id,
    type: Type.Integer(),
    queue: Type.Integer(),
    due: Type.Integer(),
    reps: Type.Integer(),
    lapses: Type.Integer(),
    left: Type.Integer(),
    mod: Type.Integer(),
    nextReviews: Type.Array(Type.String(), { description: 'labels of the Again, Hard, Good and Easy buttons, e.g. "<1m", "4d"' }),
    flags: Type.Integer(),
  }),
  Type.Object({}),
]);

export const cardsInfo = defineAction({
  name: 'cardsInfo',
  summary:
    'Fields, rendered question and answer (with CSS), note type, deck and scheduling columns of each card; {} for an unknown id.',
  params: Type.Object({ cards: IdList }),
  result: Type.Array(CardInfoSchema),
  // Not on a reader thread: its button labels use the load balancer the main thread keeps.
  run: ({ cards }, ctx) => {
    return cardsInfoRows(ctx.col(), cards).map((row) => row ?? {});
  },
});

/** cardsInfo: cards with their rendered question and answer. */
export const cardInfoActions: Action[] = [cardsInfo];

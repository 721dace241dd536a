import { Type } from '@sinclair/typebox';
import { defineAction } from '../../src/api/action.js';

/** Test only: an action that writes (creates a deck) and then fails, the case savepoints exist for. */
export const writeThenFail = defineAction({
  name: 'testWriteThenFail',
  summary: 'test only',
  params: Type.Object({ deck: Type.String() }),
  result: Type.Null(),
  write: true,
  run: ({ deck }, ctx) => {
    ctx.col().decks.getOrCreate(deck);
    throw new Error(`failed after creating ${deck}`);
  },
});

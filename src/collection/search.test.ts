import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newTestCollection } from '../../test/support/collections.js';
import { addNoteInner } from '../notes/add.js';
import { findCards, findNotes } from './search.js';

test('findNotes on a card-only query lists each note once, ascending, however many cards match', () => {
  const { col, close } = newTestCollection();
  try {
    const notetype = col.notetypes.byName('Basic (and reversed card)');
    assert.ok(notetype !== undefined);
    const ids = col.transact(() =>
      [3, 1, 2].map((i) => addNoteInner(col, { notetype, deckId: 1, fields: [`f${i}`, `b${i}`], tags: [] }).noteId),
    );
    assert.equal(findCards(col, 'is:new').length, 6);
    assert.deepEqual(findNotes(col, 'is:new'), [...ids].sort((a, b) => a - b));
    assert.deepEqual(findNotes(col, 'card:2'), [...ids].sort((a, b) => a - b));
  } finally {
    close();
  }
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertIntegrity, newTestCollection } from '../../test/support/collections.js';
import { addNoteInner } from '../notes/add.js';
import { getNote } from '../notes/store.js';
import { generateMissingCards } from './existing.js';

test('a note that gains content gets its missing cards, in the same deck and position, never fewer', () => {
  const { col, close } = newTestCollection();
  try {
    const notetype = col.notetypes.byName('Basic (optional reversed card)');
    assert.ok(notetype !== undefined);
    const deckId = col.transact(() => col.decks.getOrCreate('Lang'));
    const { noteId } = col.transact(() => addNoteInner(col, { notetype, deckId, fields: ['front', 'back', ''], tags: [] }));
    const before = col.db.prepare('select ord, did, due from cards where nid = ?').all(noteId);
    assert.deepEqual(before.map((c) => (c as { ord: number }).ord), [0]);

    col.transact(() => {
      col.db.prepare("update notes set flds = 'front' || char(31) || 'back' || char(31) || 'yes' where id = ?").run(noteId);
      const note = getNote(col, noteId);
      assert.ok(note !== undefined);
      assert.equal(generateMissingCards(col, note, notetype).length, 1);
      assert.deepEqual(generateMissingCards(col, note, notetype), [], 'nothing more to add the second time');
    });
    const cards = col.db.prepare('select ord, did, due from cards where nid = ? order by ord').all(noteId) as { ord: number; did: number; due: number }[];
    assert.deepEqual(cards.map((c) => c.ord), [0, 1]);
    const [first, second] = cards;
    assert.ok(first !== undefined && second !== undefined);
    assert.equal(second.did, deckId, 'the deck of the note’s other cards');
    assert.equal(second.due, first.due, 'the position of the note’s other new card');
    assertIntegrity(col);
  } finally {
    close();
  }
});

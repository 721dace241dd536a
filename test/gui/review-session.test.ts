// A review session driven only through the graphical actions writes what answerCards with the
// same answers writes: two identical collections on identical clocks, one reviewed through
// guiDeckReview/guiCurrentCard/guiShowAnswer/guiAnswerCard until the deck is done, the other
// given the same answers (same cards, same moments, same time taken) through answerCards.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newTestDispatcher, type TestDispatcher } from '../support/dispatch.js';

const EASES = [3, 1, 3, 4, 2, 3, 3, 1, 4, 3];
const THINK_MS = 7_000;

async function build(t: TestDispatcher): Promise<void> {
  await t.call('createDeck', { deck: 'Study::Sub' });
  const notes = Array.from({ length: 6 }, (_, i) => ({
    deckName: i % 2 === 0 ? 'Study' : 'Study::Sub',
    modelName: i % 3 === 0 ? 'Basic (and reversed card)' : 'Basic',
    fields: { Front: `front ${i}`, Back: `back ${i}` },
  }));
  await t.call('addNotes', { notes });
}

function rows(t: TestDispatcher, sql: string): unknown[] {
  return t.col.db.prepare(sql).all();
}

test('a review session through the graphical actions leaves the rows answerCards leaves', async () => {
  const gui = newTestDispatcher();
  const api = newTestDispatcher();
  try {
    await build(gui);
    await build(api);
    assert.deepEqual(rows(gui, 'select id, nid, ord from cards order by id'), rows(api, 'select id, nid, ord from cards order by id'), 'the same cards');

    assert.equal(await gui.call('guiDeckReview', { name: 'Study' }), true);
    const answered: [number, number][] = [];
    for (let step = 0; (await gui.call('guiReviewActive')) === true; step++) {
      assert.ok(step < 300, 'the session ends');
      const { cardId } = (await gui.call('guiCurrentCard')) as { cardId: number };
      const ease = EASES[step % EASES.length]!;
      // The timer runs from here, as a client starts it when it shows the card.
      assert.equal(await gui.call('guiStartCardTimer'), true);
      for (const t of [gui, api]) t.clock.advance(THINK_MS);
      await gui.call('guiShowAnswer');
      assert.equal(await gui.call('guiAnswerCard', { ease }), true);
      assert.deepEqual(await api.call('answerCards', { answers: [{ cardId, ease, time: THINK_MS }] }), [true]);
      answered.push([cardId, ease]);
      // Learning steps come back within minutes; the clocks move on to them together.
      for (const t of [gui, api]) t.clock.advance(60_000);
    }
    assert.ok(answered.length > 8, `answered ${answered.length}`);
    const cards = 'select id, did, due, ivl, factor, reps, lapses, left, type, queue, odue, odid, flags, data, mod, usn from cards order by id';
    assert.deepEqual(rows(gui, cards), rows(api, cards));
    assert.deepEqual(rows(gui, 'select * from revlog order by id'), rows(api, 'select * from revlog order by id'));
    assert.deepEqual(rows(gui, 'select id, mtime_secs, common from decks order by id'), rows(api, 'select id, mtime_secs, common from decks order by id'));
  } finally {
    gui.close();
    api.close();
  }
});

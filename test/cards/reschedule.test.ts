// forgetCards, setDueDate and relearnCards (anki-semantics.md §3.8): the card rows and revlog
// entries they leave, as Anki leaves them, and upstream test_cards' cases.
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { setDueDate } from '../../src/cards/reschedule.js';
import { collectionTiming } from '../../src/collection/search-context.js';
import { TEST_NOW_MS } from '../support/collections.js';
import type { CardRecord } from '../../src/cards/card-record.js';
import { useTestDispatcher } from '../support/dispatch.js';
import { addFilteredDeck, upstreamSetup, type UpstreamSetup } from '../notes-edit/setup.js';

const t = useTestDispatcher({ scope: 'each' });
let setup: UpstreamSetup;
beforeEach(async () => {
  setup = await upstreamSetup(t);
});

type Card = CardRecord;
const card = (id: number): Card => t.col.db.prepare('select * from cards where id = ?').get(id) as Card;
const revlog = (id: number) =>
  t.col.db.prepare('select ease, ivl, lastIvl, factor, time, type, usn from revlog where cid = ? order by id').all(id);
const today = (): number => collectionTiming(t.col).daysElapsed;
const nowSecs = TEST_NOW_MS / 1000;

/** Puts a card into review with the given fields, as if it had been studied a while ago. */
function review(id: number, fields: { ivl: number; due: number; factor?: number; data?: string; reps?: number; lapses?: number }): void {
  t.col.db
    .prepare('update cards set type = 2, queue = 2, ivl = ?, due = ?, factor = ?, data = ?, reps = ?, lapses = ?, mod = 1 where id = ?')
    .run(fields.ivl, fields.due, fields.factor ?? 2500, fields.data ?? '{}', fields.reps ?? 5, fields.lapses ?? 1, id);
}

describe('upstream test_cards', () => {
  test('forgetCards and relearnCards run', async () => {
    assert.equal(await t.call('forgetCards', { cards: setup.cards }), null);
    assert.equal(await t.call('relearnCards', { cards: setup.cards }), null);
  });
});

describe('forgetCards', () => {
  test('a review card goes back to its remembered position; counts are kept; a manual entry is logged', async () => {
    const [id] = setup.cards as [number];
    review(id, { ivl: 12, due: today() + 3, data: '{"pos":2,"s":12.116,"d":5.61,"dr":0.9,"x":1}' });
    await t.call('forgetCards', { cards: [id] });
    const after = card(id);
    assert.deepEqual(
      { due: after.due, type: after.type, queue: after.queue, ivl: after.ivl, factor: after.factor, reps: after.reps, lapses: after.lapses, data: after.data },
      { due: 2, type: 0, queue: 0, ivl: 0, factor: 0, reps: 5, lapses: 1, data: '{"dr":0.9}' },
    );
    assert.deepEqual([after.mod, after.usn], [nowSecs, -1]);
    assert.deepEqual(revlog(id), [{ ease: 0, ivl: 0, lastIvl: 12, factor: 0, time: 0, type: 4, usn: -1 }]);
  });

  test('cards with no known position take the next ones, in the order given; new cards keep theirs', async () => {
    const [a, b, c] = setup.cards as [number, number, number];
    review(a, { ivl: 3, due: today() });
    review(b, { ivl: 4, due: today() });
    const newDue = card(c).due;
    const nextPos = t.col.config.getNumber('nextPos', 0);
    await t.call('forgetCards', { cards: [b, a, c, b, 404] });
    assert.equal(card(b).due, nextPos);
    assert.equal(card(a).due, nextPos + 1);
    assert.equal(card(c).due, newDue);
    assert.equal(t.col.config.getNumber('nextPos', 0), nextPos + 2);
    assert.equal(revlog(c).length, 1);
  });

  test('a card in a filtered deck returns to its home deck first', async () => {
    const [id] = setup.cards as [number];
    const homeDue = card(id).due;
    addFilteredDeck(t.col, 'Filtered', [id]);
    assert.notEqual(card(id).odid, 0);
    await t.call('forgetCards', { cards: [id] });
    const after = card(id);
    assert.deepEqual([after.did, after.odid, after.odue, after.due, after.queue], [setup.deckId, 0, 0, homeDue, 0]);
  });
});

describe('setDueDate', () => {
  test('a new card becomes a review card due on the day, with its preset\'s starting ease and its position kept', async () => {
    const [id] = setup.cards as [number];
    const position = card(id).due;
    assert.equal(await t.call('setDueDate', { cards: [id], days: '0' }), true);
    const after = card(id);
    assert.deepEqual(
      { due: after.due, type: after.type, queue: after.queue, ivl: after.ivl, factor: after.factor, data: after.data },
      { due: today(), type: 2, queue: 2, ivl: 1, factor: 2500, data: `{"pos":${position}}` },
    );
    assert.deepEqual(revlog(id), [{ ease: 0, ivl: 1, lastIvl: 0, factor: 2500, time: 0, type: 4, usn: -1 }]);
  });

  test('a review card keeps its interval and ease unless "!" resets the interval', async () => {
    const [a, b] = setup.cards as [number, number];
    review(a, { ivl: 10, due: today() + 2, factor: 2300 });
    review(b, { ivl: 10, due: today() + 2, factor: 2300 });
    await t.call('setDueDate', { cards: [a], days: '5' });
    await t.call('setDueDate', { cards: [b], days: '5!' });
    assert.deepEqual([card(a).due, card(a).ivl, card(a).factor], [today() + 5, 10, 2300]);
    assert.deepEqual([card(b).due, card(b).ivl, card(b).factor], [today() + 5, 5, 2300]);
    assert.deepEqual(revlog(b), [{ ease: 0, ivl: 5, lastIvl: 10, factor: 2300, time: 0, type: 4, usn: -1 }]);
  });

  test('a range picks a day in it, both ends included, in either order', async () => {
    const [a, b, c] = setup.cards as [number, number, number];
    t.col.transact(() => {
      setDueDate(t.col, [a], '3-7', () => 0);
      setDueDate(t.col, [b], '7-3', () => 0.999999);
    });
    assert.deepEqual([card(a).due, card(b).due], [today() + 3, today() + 7]);
    await t.call('setDueDate', { cards: [c], days: '3-7!' });
    const due = card(c).due - today();
    assert.ok(due >= 3 && due <= 7, String(due));
    assert.equal(card(c).ivl, due);
  });

  test('suspended and filtered cards become plain review cards in their home deck', async () => {
    const [a, b] = setup.cards as [number, number];
    await t.call('suspend', { cards: [a] });
    addFilteredDeck(t.col, 'Filtered', [b]);
    await t.call('setDueDate', { cards: [a, b], days: '1' });
    for (const id of [a, b]) {
      const after = card(id);
      assert.deepEqual([after.did, after.odid, after.queue, after.type, after.due], [setup.deckId, 0, 2, 2, today() + 1]);
    }
  });

  test('with FSRS on, the interval counts from the last review; a new card gets none', async () => {
    const [a, b] = setup.cards as [number, number];
    t.col.transact(() => t.col.config.set('fsrs', true));
    const { nextDayAt } = collectionTiming(t.col);
    review(a, { ivl: 10, due: today() + 6, data: `{"s":10.0,"d":5.5,"lrt":${nextDayAt - 4 * 86_400}}` });
    await t.call('setDueDate', { cards: [a, b], days: '2' });
    assert.deepEqual([card(a).ivl, card(a).due], [6, today() + 2]);
    assert.deepEqual([card(b).ivl, card(b).type], [0, 2]);
    assert.equal((revlog(a)[0] as { factor: number }).factor, Math.round(((5.5 - 1) / 9 + 0.1) * 1000));
  });

  test('days in another form is an error, and nothing changes', async () => {
    const [id] = setup.cards as [number];
    const before = card(id);
    for (const days of ['', 'x', '-5', '3-', '1.5', ' 1', '1!!', '99999999999']) {
      await assert.rejects(t.call('setDueDate', { cards: [id], days }), /^Error: invalid days: /, days);
    }
    assert.deepEqual(card(id), before);
    assert.deepEqual(revlog(id), []);
  });
});

describe('relearnCards', () => {
  test('type relearning, learning queue, due untouched, stamped modified', async () => {
    const [id] = setup.cards as [number];
    review(id, { ivl: 10, due: today() });
    await t.call('relearnCards', { cards: [id, 404] });
    const after = card(id);
    assert.deepEqual([after.type, after.queue, after.due, after.ivl, after.mod], [3, 1, today(), 10, nowSecs]);
  });
});

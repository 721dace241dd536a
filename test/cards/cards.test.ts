import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useTestDispatcher } from '../support/dispatch.js';
import { cardsOf } from '../notes-edit/setup.js';

const t = useTestDispatcher({ scope: 'each' });
let n = 0;

interface CardRow {
  id: number;
  did: number;
  type: number;
  queue: number;
  due: number;
  factor: number;
  flags: number;
  mod: number;
  usn: number;
  data: string;
}
const card = (id: number | undefined) => t.col.db.prepare('select id, did, type, queue, due, factor, flags, mod, usn, data from cards where id = ?').get(id) as CardRow;
const setCard = (id: number | undefined, sql: string) => t.col.transact(() => t.col.db.prepare(`update cards set ${sql} where id = ?`).run(id));

async function twoCards(): Promise<number[]> {
  const id = (await t.call('addNote', {
    note: { deckName: 'Default', modelName: 'Basic (and reversed card)', fields: { Front: `f${++n}`, Back: 'b' } },
  })) as number;
  return cardsOf(t.col, id);
}

describe('suspend and unsuspend', () => {
  test('true only when a card changes; only changed cards are stamped', async () => {
    const [a, b] = await twoCards();
    assert.equal(await t.call('suspend', { cards: [a] }), true);
    const stamped = card(a).mod;
    t.clock.advance(10_000);
    assert.equal(await t.call('suspend', { cards: [a] }), false, 'already suspended');
    assert.equal(card(a).mod, stamped);
    assert.equal(await t.call('suspend', { cards: [a, b] }), true);
    assert.equal(card(a).mod, stamped);
    assert.equal(card(b).mod, stamped + 10);
    assert.equal(card(b).queue, -1);
    assert.equal(card(b).usn, -1);
    assert.equal(await t.call('suspend', { cards: [] }), false);
  });

  test('unsuspend answers a boolean and queues each card by its type', async () => {
    const [newCard, review] = await twoCards();
    const [learning, dayLearning] = await twoCards();
    setCard(review, 'type = 2, queue = 2, due = 30, ivl = 10, factor = 2500');
    setCard(learning, 'type = 1, queue = 1, due = 1795773700, left = 1');
    setCard(dayLearning, 'type = 3, queue = 3, due = 31, ivl = 1, factor = 2500, left = 1');
    const all = [newCard, review, learning, dayLearning];
    assert.equal(await t.call('unsuspend', { cards: all }), false, 'nothing was suspended');
    await t.call('suspend', { cards: all });
    assert.deepEqual(all.map((id) => card(id).queue), [-1, -1, -1, -1]);
    assert.equal(await t.call('unsuspend', { cards: all }), true);
    assert.deepEqual(all.map((id) => card(id).queue), [0, 2, 1, 3]);
  });

  test('an unknown id fails the whole request before anything changes', async () => {
    const [a] = await twoCards();
    await assert.rejects(t.call('suspend', { cards: [a, 404] }), /^Error: Card was not found: 404$/);
    assert.equal(card(a).queue, 0);
    await assert.rejects(t.call('unsuspend', { cards: [404] }), /^Error: Card was not found: 404$/);
  });

  test('suspended and areSuspended', async () => {
    const [a, b] = await twoCards();
    await t.call('suspend', { cards: [b] });
    assert.equal(await t.call('suspended', { card: a }), false);
    assert.equal(await t.call('suspended', { card: b }), true);
    await assert.rejects(t.call('suspended', { card: 1 }), /^Error: Card was not found: 1$/);
    assert.deepEqual(await t.call('areSuspended', { cards: [a, b, 1] }), [false, true, null]);
  });
});

describe('modification times and ease factors', () => {
  test('cardsModTime', async () => {
    const [a, b] = await twoCards();
    t.clock.advance(5000);
    await t.call('setEaseFactors', { cards: [b], easeFactors: [2300] });
    assert.deepEqual(await t.call('cardsModTime', { cards: [a, 7, b] }), [
      { cardId: a, mod: card(a).mod },
      {},
      { cardId: b, mod: card(a).mod + 5 },
    ]);
  });

  test('setEaseFactors stamps the cards; a short or out-of-range list is refused', async () => {
    const [a, b] = await twoCards();
    assert.deepEqual(await t.call('setEaseFactors', { cards: [a, 1, b], easeFactors: [2100, 0, 2900] }), [true, false, true]);
    assert.deepEqual([card(a).factor, card(b).factor], [2100, 2900]);
    await assert.rejects(t.call('setEaseFactors', { cards: [a, b], easeFactors: [2500] }), /easeFactors has 1 values for 2 cards/);
    await assert.rejects(t.call('setEaseFactors', { cards: [a], easeFactors: [70_000] }), /invalid parameter 'easeFactors\.0'/);
    assert.equal(card(a).factor, 2100);
  });
});

describe('setSpecificValueOfCard', () => {
  test("the README's sample sets odue without warning_check, which Anki-Connect refuses with a bare false", async () => {
    const [a] = await twoCards();
    assert.equal(await t.call('setSpecificValueOfCard', { card: a, keys: ['flags', 'odue'], newValues: ['1', '-100'] }), false);
    assert.equal(card(a).flags, 0);
  });

  test('one true per key; integer strings are accepted; the card is stamped modified', async () => {
    const [a] = await twoCards();
    t.clock.advance(2000);
    assert.deepEqual(await t.call('setSpecificValueOfCard', { card: a, keys: ['flags', 'factor', 'data'], newValues: ['3', 2200, '{"cd":"x"}'] }), [true, true, true]);
    const row = card(a);
    assert.deepEqual([row.flags, row.factor, row.data, row.usn], [3, 2200, '{"cd":"x"}', -1]);
    assert.equal(row.mod, t.col.nowSecs());
  });

  test('protected keys need warning_check (null counts as given, as `is False` does upstream)', async () => {
    const [a] = await twoCards();
    const other = (await t.call('createDeck', { deck: 'Other' })) as number;
    assert.equal(await t.call('setSpecificValueOfCard', { card: a, keys: ['did'], newValues: [other], warning_check: false }), false);
    assert.deepEqual(await t.call('setSpecificValueOfCard', { card: a, keys: ['did'], newValues: [other], warning_check: true }), [true]);
    assert.equal(card(a).did, other);
    assert.deepEqual(await t.call('setSpecificValueOfCard', { card: a, keys: ['reps'], newValues: [3], warning_check: null }), [true]);
  });

  test('values that would break the card are refused with a reason, and nothing is written', async () => {
    const [a, b] = await twoCards();
    const before = card(a);
    const refuse = async (keys: string[], values: unknown[], reason: RegExp) => {
      const result = (await t.call('setSpecificValueOfCard', { card: a, keys, newValues: values, warning_check: true })) as [[boolean, string]];
      assert.equal(result.length, 1);
      assert.equal(result[0][0], false);
      assert.match(result[0][1], reason);
    };
    await refuse(['queue'], [9], /queue must be from -3 to 4/);
    await refuse(['flags'], ['red'], /flags must be an integer/);
    await refuse(['did'], [12345], /deck was not found: 12345/);
    await refuse(['ord'], [1], /already has card/);
    await refuse(['ord'], [5], /ord must be from 0 to 1/);
    await refuse(['id'], [b], /cannot be changed/);
    await refuse(['nid'], [99], /Note was not found: 99/);
    await refuse(['odid'], [1], /odid may only be set while the card is in a filtered deck/);
    await refuse(['due'], [1_000_000], /position must be below 1000000/);
    await refuse(['colour'], [1], /unknown card property: colour/);
    assert.deepEqual(card(a), before);
  });

  test('malformed arguments give a bare false; an unknown card a reason', async () => {
    const [a] = await twoCards();
    assert.equal(await t.call('setSpecificValueOfCard', { card: [a], keys: ['flags'], newValues: [1] }), false);
    assert.equal(await t.call('setSpecificValueOfCard', { card: a, keys: 'flags', newValues: [1] }), false);
    assert.equal(await t.call('setSpecificValueOfCard', { card: a, keys: ['flags'], newValues: [1, 2] }), false);
    assert.deepEqual(await t.call('setSpecificValueOfCard', { card: 5, keys: ['flags'], newValues: [1] }), [[false, 'Card was not found: 5']]);
  });
});

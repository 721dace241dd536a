// getDeckStats (anki-semantics.md §4.2): due counts of the deck tree under the v3 scheduler,
// with subdecks, daily limits, today's studied counters and the hidden empty Default deck, and
// upstream test_decks' case.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { create } from '@bufbuild/protobuf';
import { collectionTiming } from '../../src/collection/search-context.js';
import type { DeckStatsEntry } from '../../src/decks/stats.js';
import { DayLimitSchema } from '../../src/storage/proto/gen/anki_storage/decks_pb.js';
import { TEST_NOW_MS } from '../support/collections.js';
import { useTestDispatcher } from '../support/dispatch.js';

const t = useTestDispatcher({ scope: 'each' });

const stats = async (...decks: string[]) => (await t.call('getDeckStats', { decks })) as Record<string, DeckStatsEntry>;
const today = (): number => collectionTiming(t.col).daysElapsed;
const nowSecs = TEST_NOW_MS / 1000;

/** Adds `n` Basic notes to `deck` and returns their card ids. */
async function addCards(deck: string, n: number): Promise<number[]> {
  const ids: number[] = [];
  await t.call('createDeck', { deck });
  for (let i = 0; i < n; i++) {
    const note = (await t.call('addNote', { note: { deckName: deck, modelName: 'Basic', fields: { Front: `${deck} ${i}`, Back: 'b' } } })) as number;
    ids.push(...(t.col.db.prepare('select id from cards where nid = ?').pluck().all(note) as number[]));
  }
  return ids;
}

function setQueue(id: number, type: number, queue: number, due: number): void {
  t.col.db.prepare('update cards set type = ?, queue = ?, due = ?, ivl = 1 where id = ?').run(type, queue, due, id);
}

/** A preset with these per-day limits, given to the decks. */
async function limit(name: string, newPerDay: number, reviewsPerDay: number, decks: string[]): Promise<void> {
  const id = (await t.call('cloneDeckConfigId', { name, cloneFrom: 1 })) as number;
  const config = (await t.call('getDeckConfig', { deck: 'Default' })) as Record<string, Record<string, unknown>>;
  await t.call('saveDeckConfig', {
    config: { ...config, id, name, new: { ...config.new, perDay: newPerDay }, rev: { ...config.rev, perDay: reviewsPerDay } },
  });
  await t.call('setDeckConfigId', { decks, configId: id });
}

function studied(deckName: string, newStudied: number, reviewStudied: number, day = today()): void {
  const deck = t.col.decks.byName(deckName);
  assert.ok(deck !== undefined);
  t.col.transact(() => t.col.decks.update({ ...deck, common: { ...deck.common, lastDayStudied: day, newStudied, reviewStudied } }));
}

describe('upstream test_decks', () => {
  test('getDeckStats of Default names it Default', async () => {
    const result = await stats('Default');
    assert.deepEqual(Object.values(result).map((entry) => entry.name), ['Default']);
    assert.deepEqual(result['1'], { deck_id: 1, name: 'Default', new_count: 0, learn_count: 0, review_count: 0, total_in_deck: 0 });
  });
});

describe('getDeckStats', () => {
  test('each state counted by its rule; subdecks add to their parents; names are the last component', async () => {
    const own = await addCards('Japanese', 7);
    const sub = await addCards('Japanese::JLPT N5', 2);
    const [, review, tomorrow, interday, intraday, later, suspended] = own as [number, number, number, number, number, number, number];
    t.col.transact(() => {
      setQueue(review, 2, 2, today());
      setQueue(tomorrow, 2, 2, today() + 1);
      setQueue(interday, 3, 3, today());
      setQueue(intraday, 1, 1, nowSecs + 600);
      setQueue(later, 1, 1, nowSecs + 3600);
      setQueue(suspended, 2, -1, today());
    });
    const result = await stats('Japanese', 'Japanese::JLPT N5');
    const parent = (await t.call('deckNamesAndIds')) as Record<string, number>;
    assert.deepEqual(result[String(parent.Japanese)], {
      deck_id: parent.Japanese,
      name: 'Japanese',
      new_count: 1 + sub.length,
      learn_count: 2,
      review_count: 1,
      total_in_deck: 7,
    });
    assert.deepEqual(result[String(parent['Japanese::JLPT N5'])], {
      deck_id: parent['Japanese::JLPT N5'],
      name: 'JLPT N5',
      new_count: 2,
      learn_count: 0,
      review_count: 0,
      total_in_deck: 2,
    });
  });

  test('Anki\'s nested limits: every deck capped by its own limit, parents sum their capped subdecks', async () => {
    await addCards('Default', 2);
    await addCards('Default::child', 2);
    await addCards('Default::child::grandchild_1', 2);
    await addCards('Default::child::grandchild_2', 2);
    await limit('eight', 8, 200, ['Default']);
    await limit('four', 4, 200, ['Default::child']);
    await limit('two', 2, 200, ['Default::child::grandchild_1']);
    await limit('one', 1, 200, ['Default::child::grandchild_2']);
    const ids = (await t.call('deckNamesAndIds')) as Record<string, number>;
    const result = await stats('Default', 'Default::child', 'Default::child::grandchild_1', 'Default::child::grandchild_2');
    const newCount = (name: string): number | undefined => result[String(ids[name])]?.new_count;
    assert.equal(newCount('Default::child::grandchild_1'), 2);
    assert.equal(newCount('Default::child::grandchild_2'), 1);
    assert.equal(newCount('Default::child'), 4);
    assert.equal(newCount('Default'), 6);
    assert.equal(result['1']?.total_in_deck, 2);
  });

  test('today\'s studied cards use up the limits; new cards also use up reviews unless they are told not to', async () => {
    const cards = await addCards('Deck', 6);
    t.col.transact(() => {
      for (const id of cards.slice(0, 3)) setQueue(id, 2, 2, today());
    });
    await limit('small', 3, 4, ['Deck']);
    const id = String((await t.call('deckNamesAndIds') as Record<string, number>).Deck);
    assert.deepEqual([(await stats('Deck'))[id]?.new_count, (await stats('Deck'))[id]?.review_count], [1, 3]);
    studied('Deck', 1, 1);
    // review limit 4 - 1 reviewed - 1 new = 2: two reviews, and no room left for new cards
    assert.deepEqual([(await stats('Deck'))[id]?.new_count, (await stats('Deck'))[id]?.review_count], [0, 2]);
    t.col.transact(() => t.col.config.set('newCardsIgnoreReviewLimit', true));
    // reviews 4 - 1 = 3; new 3 - 1 = 2, no longer capped by the reviews
    assert.deepEqual([(await stats('Deck'))[id]?.new_count, (await stats('Deck'))[id]?.review_count], [2, 3]);
    // counters from another day do not count
    studied('Deck', 3, 4, today() + 1);
    assert.deepEqual([(await stats('Deck'))[id]?.new_count, (await stats('Deck'))[id]?.review_count], [3, 3]);
  });

  test('a deck\'s own limits, and today-only limits, override its preset\'s', async () => {
    await addCards('Deck', 5);
    const deck = t.col.decks.byName('Deck');
    assert.ok(deck !== undefined && deck.kind.kind.case === 'normal');
    const normal = deck.kind.kind.value;
    normal.newLimit = 3;
    t.col.transact(() => t.col.decks.update(deck));
    const id = String(deck.id);
    assert.equal((await stats('Deck'))[id]?.new_count, 3);
    normal.newLimitToday = create(DayLimitSchema, { limit: 1, today: today() });
    t.col.transact(() => t.col.decks.update(deck));
    assert.equal((await stats('Deck'))[id]?.new_count, 1);
    // A today-only limit set on another day no longer applies.
    normal.newLimitToday = create(DayLimitSchema, { limit: 1, today: today() + 1 });
    t.col.transact(() => t.col.decks.update(deck));
    assert.equal((await stats('Deck'))[id]?.new_count, 3);
  });

  test('with applyAllParentLimits, a subdeck is also held to its parents\' limits', async () => {
    await addCards('Parent::Child', 5);
    await limit('two', 2, 200, ['Parent']);
    const ids = (await t.call('deckNamesAndIds')) as Record<string, number>;
    const child = String(ids['Parent::Child']);
    assert.equal((await stats('Parent::Child'))[child]?.new_count, 5);
    t.col.transact(() => t.col.config.set('applyAllParentLimits', true));
    assert.equal((await stats('Parent::Child'))[child]?.new_count, 2);
  });

  test('an empty Default deck without subdecks is left out when other decks exist; unknown decks are created', async () => {
    await addCards('Other', 1);
    const result = await stats('Default', 'Made Up');
    assert.equal(result['1'], undefined);
    const ids = (await t.call('deckNamesAndIds')) as Record<string, number>;
    assert.ok(ids['Made Up'] !== undefined);
    assert.deepEqual(result[String(ids['Made Up'])], {
      deck_id: ids['Made Up'],
      name: 'Made Up',
      new_count: 0,
      learn_count: 0,
      review_count: 0,
      total_in_deck: 0,
    });
  });

  test('cards buried on an earlier day are unburied first, once a day', async () => {
    const [a, b] = (await addCards('Deck', 2)) as [number, number];
    t.col.transact(() => {
      t.col.db.prepare('update cards set queue = -3 where id = ?').run(a);
      setQueue(b, 2, -2, today());
      t.col.config.set('lastUnburied', today() - 1);
    });
    const id = String((await t.call('deckNamesAndIds') as Record<string, number>).Deck);
    assert.deepEqual([(await stats('Deck'))[id]?.new_count, (await stats('Deck'))[id]?.review_count], [1, 1]);
    assert.equal(t.col.config.getNumber('lastUnburied', 0), today());
    // Buried today: stays buried.
    t.col.transact(() => t.col.db.prepare('update cards set queue = -2 where id = ?').run(a));
    assert.equal((await stats('Deck'))[id]?.new_count, 0);
  });
});

// Anki-Connect's own test cases for the deck actions (tests/test_decks.py, ankiconnect-spec.md
// §4.1), plus the steps of the older HTTP suite (2022) for the options presets and
// updateCompleteDeck, run through the dispatcher. Card ids are read from the collection instead
// of findCards, so the cases do not depend on search.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { useTestDispatcher } from '../support/dispatch.js';
import { upstreamSetup, type UpstreamSetup } from '../notes-edit/setup.js';

const t = useTestDispatcher({ scope: 'each' });
let setup: UpstreamSetup;
beforeEach(async () => {
  setup = await upstreamSetup(t);
});

const deckNames = async () => new Set((await t.call('deckNames')) as string[]);
const cardsInDeck = (name: string) =>
  (t.col.db.prepare('select id from cards where did = ? order by id').all(t.col.decks.idByName(name)) as { id: number }[]).map((row) => row.id);

test('changeDeck creates the deck it moves cards to', async () => {
  await t.call('changeDeck', { cards: setup.cards, deck: 'bar' });
  assert.ok((await deckNames()).has('bar'));
  assert.deepEqual(cardsInDeck('bar'), [...setup.cards].sort((a, b) => a - b));
});

test('deleteDecks removes exactly that deck', async () => {
  const before = await deckNames();
  await t.call('deleteDecks', { decks: ['test_deck'], cardsToo: true });
  const after = await deckNames();
  assert.deepEqual([...before].filter((name) => !after.has(name)), ['test_deck']);
});

test('deleteDecks must be called with cardsToo set to true', async () => {
  const message = /^Error: Since Anki 2\.1\.28 it's not possible to delete decks without deleting cards as well$/;
  await assert.rejects(t.call('deleteDecks', { decks: ['test_deck'] }), message);
  await assert.rejects(t.call('deleteDecks', { decks: ['test_deck'], cardsToo: false }), message);
  assert.ok((await deckNames()).has('test_deck'));
});

test('getDeckConfig', async () => {
  const config = (await t.call('getDeckConfig', { deck: 'Default' })) as { name: string };
  assert.equal(config.name, 'Default');
});

test('saveDeckConfig of what getDeckConfig gave', async () => {
  const config = await t.call('getDeckConfig', { deck: 'Default' });
  assert.equal(await t.call('saveDeckConfig', { config }), true);
});

test('setDeckConfigId', async () => {
  assert.equal(await t.call('setDeckConfigId', { decks: ['Default'], configId: 1 }), true);
});

test('cloneDeckConfigId', async () => {
  assert.equal(typeof (await t.call('cloneDeckConfigId', { cloneFrom: 1, name: 'test' })), 'number');
});

test('removeDeckConfigId', async () => {
  const id = await t.call('cloneDeckConfigId', { cloneFrom: 1, name: 'test' });
  assert.equal(await t.call('removeDeckConfigId', { configId: id }), true);
});

test('removeDeckConfigId fails with an invalid id; cloning from it fails too (2022 suite)', async () => {
  const id = await t.call('cloneDeckConfigId', { cloneFrom: 1, name: 'test' });
  assert.equal(await t.call('removeDeckConfigId', { configId: id }), true);
  assert.equal(await t.call('removeDeckConfigId', { configId: id }), false);
  assert.equal(await t.call('cloneDeckConfigId', { cloneFrom: id, name: 'test' }), false);
});

test('updateCompleteDeck (2022 suite): deck test3 then holds card 12', async () => {
  await t.call('updateCompleteDeck', {
    data: {
      deck: 'test3',
      cards: { '12': { id: 12, nid: 23, ord: 0, type: 0, queue: 0, due: 1186031, factor: 0, ivl: 0, reps: 0, lapses: 0, left: 0 } },
      notes: { '23': { id: 23, mid: 34, fields: ['frontValue', 'backValue'], tags: ['aTag'] } },
      models: { '34': { id: 34, fields: ['Front', 'Back'], templateNames: ['Card 1'], name: 'anotherModel' } },
    },
  });
  assert.ok((await deckNames()).has('test3'));
  assert.deepEqual(cardsInDeck('test3'), [12]);
});

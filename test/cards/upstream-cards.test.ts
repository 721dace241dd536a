// Anki-Connect's own test cases for these card actions (tests/test_cards.py, ankiconnect-spec.md
// §4.1), on the same fixture: test_model, test_deck and two notes, four cards. The card ids come
// from the collection rather than from findCards, so the cases do not depend on search.
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { useTestDispatcher } from '../support/dispatch.js';
import { upstreamSetup, type UpstreamSetup } from '../notes-edit/setup.js';

const t = useTestDispatcher({ scope: 'each' });
let setup: UpstreamSetup;
beforeEach(async () => {
  setup = await upstreamSetup(t);
});

test('the fixture has four cards in test_deck', () => {
  assert.equal(setup.cards.length, 4);
});

describe('TestEaseFactors', () => {
  test('setEaseFactors', async () => {
    assert.deepEqual(await t.call('setEaseFactors', { cards: setup.cards, easeFactors: [4200, 4200, 4200, 4200] }), [true, true, true, true]);
  });

  test('setEaseFactors with invalid card id', async () => {
    assert.deepEqual(await t.call('setEaseFactors', { cards: [123], easeFactors: [4200] }), [false]);
  });

  test('getEaseFactors', async () => {
    await t.call('setEaseFactors', { cards: setup.cards, easeFactors: [4200, 4200, 4200, 4200] });
    assert.deepEqual(await t.call('getEaseFactors', { cards: setup.cards }), [4200, 4200, 4200, 4200]);
  });

  test('getEaseFactors with invalid card id', async () => {
    assert.deepEqual(await t.call('getEaseFactors', { cards: [123] }), [null]);
  });
});

describe('TestSuspending', () => {
  test('suspend', async () => {
    assert.equal(await t.call('suspend', { cards: setup.cards }), true);
  });

  test('suspend fails with incorrect id', async () => {
    await assert.rejects(t.call('suspend', { cards: [123] }), /^Error: Card was not found: 123$/);
  });

  test('areSuspended returns false for regular cards', async () => {
    assert.deepEqual(await t.call('areSuspended', { cards: setup.cards }), [false, false, false, false]);
  });

  test('areSuspended returns true for suspended cards', async () => {
    await t.call('suspend', { cards: setup.cards });
    assert.deepEqual(await t.call('areSuspended', { cards: setup.cards }), [true, true, true, true]);
  });
});

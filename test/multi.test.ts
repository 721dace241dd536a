import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { createRegistry } from '../src/api/actions/index.js';
import { Dispatcher } from '../src/api/dispatcher.js';
import { Registry } from '../src/api/registry.js';
import { useTestDispatcher } from './support/dispatch.js';
import { writeThenFail } from './support/write-then-fail.js';

const t = useTestDispatcher();
let dispatcher: Dispatcher;
before(() => {
  dispatcher = new Dispatcher(new Registry([...createRegistry().all(), writeThenFail]), t.state);
});

const run = (actions: unknown[]) =>
  dispatcher.handle({ action: 'multi', version: 6, params: { actions } }, { origin: '', allowed: true, local: true });
const decks = () => t.col.decks.namesAndIds().map((deck) => deck.name);

test('items that fail before writing give their error; the others keep their effects', async () => {
  const reply = (await run([
    { action: 'createDeck', params: { deck: 'A' } },
    { action: 'addNote', params: { note: { deckName: 'Missing', modelName: 'Basic', fields: { Front: 'x' } } } },
    { action: 'createDeck', version: 6, params: { deck: 'B' } },
  ])) as { result: unknown[] };
  assert.equal(typeof reply.result[0], 'number');
  assert.deepEqual(reply.result[1], { result: null, error: 'deck was not found: Missing' });
  assert.equal(typeof (reply.result[2] as { result: unknown }).result, 'number');
  assert.deepEqual(decks(), ['A', 'B', 'Default']);
});

test('an item that fails after writing is undone alone, and the items around it keep their effects', async () => {
  const reply = (await run([
    { action: 'createDeck', params: { deck: 'C' } },
    { action: 'testWriteThenFail', params: { deck: 'Ghost' } },
    { action: 'createDeck', params: { deck: 'D' } },
    { action: 'multi', params: { actions: [{ action: 'testWriteThenFail', params: { deck: 'Ghost2' } }, { action: 'createDeck', params: { deck: 'E' } }] } },
  ])) as { result: unknown[] };
  assert.deepEqual(reply.result[1], { result: null, error: 'failed after creating Ghost' });
  const nested = reply.result[3] as unknown[];
  assert.deepEqual(nested[0], { result: null, error: 'failed after creating Ghost2' });
  assert.deepEqual(decks(), ['A', 'B', 'C', 'D', 'Default', 'E']);
});

test('the items of a multi see each other’s writes', async () => {
  const reply = (await run([
    { action: 'createDeck', params: { deck: 'F::G' } },
    { action: 'addNote', params: { note: { deckName: 'F::G', modelName: 'Basic', fields: { Front: 'in G' } } } },
    { action: 'canAddNote', params: { note: { deckName: 'F::G', modelName: 'Basic', fields: { Front: 'in G' } } } },
  ])) as { result: unknown[] };
  assert.equal(typeof reply.result[1], 'number');
  assert.equal(reply.result[2], false, 'the note added by the previous item is a duplicate now');
});

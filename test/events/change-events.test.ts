/**
 * The change events as the dispatcher makes them: one per committed write, with the ids it
 * changed; none for writes that are undone (a failing multi item, a savepoint retry).
 */
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { createRegistry } from '../../src/api/actions/index.js';
import { Dispatcher } from '../../src/api/dispatcher.js';
import { Registry } from '../../src/api/registry.js';
import type { ChangeEvent } from '../../src/events/hub.js';
import { useTestDispatcher } from '../support/dispatch.js';
import { writeThenFail } from '../support/write-then-fail.js';

const t = useTestDispatcher({ scope: 'each' });
let dispatcher: Dispatcher;
let events: ChangeEvent[];

beforeEach(() => {
  dispatcher = new Dispatcher(new Registry([...createRegistry().all(), writeThenFail]), t.state);
  events = [];
  t.state.events.listen((event) => events.push(event), undefined);
});

const call = async (action: string, params?: Record<string, unknown>): Promise<unknown> => {
  const reply = (await dispatcher.handle({ action, version: 6, ...(params ? { params } : {}) }, { origin: '', allowed: true, local: true })) as {
    result: unknown;
    error: string | null;
  };
  if (reply.error !== null) throw new Error(reply.error);
  return reply.result;
};
const changes = (): Record<string, unknown>[] => events.map((event) => ({ type: event.type, ...(JSON.parse(event.data) as Record<string, unknown>) }));
const note = (front: string, deckName = 'Default', tags: string[] = []) => ({ deckName, modelName: 'Basic', fields: { Front: front, Back: 'b' }, tags });
const deckId = (name: string): number => t.col.decks.namesAndIds().find((deck) => deck.name === name)?.id ?? -1;

test('addNote: one event with the note, its card and its new tag', async () => {
  const nid = (await call('addNote', { note: note('one', 'Default', ['fresh']) })) as number;
  const cids = (await call('findCards', { query: `nid:${nid}` })) as number[];
  assert.deepEqual(changes(), [{ type: 'change', action: 'addNote', notes: { added: [nid] }, cards: { added: cids }, tags: { added: ['fresh'] } }]);
});

test('reads and writes that change nothing announce nothing', async () => {
  await call('addNote', { note: note('one') });
  events.length = 0;
  await call('deckNames');
  await call('findNotes', { query: 'one' });
  await call('createDeck', { deck: 'Default' });
  await assert.rejects(call('addNote', { note: note('one') }), /duplicate/);
  assert.deepEqual(changes(), []);
});

test('updates and removals are told apart from additions', async () => {
  const nid = (await call('addNote', { note: note('one') })) as number;
  const [cid] = (await call('findCards', { query: `nid:${nid}` })) as number[];
  events.length = 0;
  await call('updateNoteFields', { note: { id: nid, fields: { Back: 'changed' } } });
  await call('changeDeck', { cards: [cid], deck: 'Other' });
  await call('deleteNotes', { notes: [nid] });
  assert.deepEqual(changes(), [
    { type: 'change', action: 'updateNoteFields', notes: { updated: [nid] } },
    { type: 'change', action: 'changeDeck', cards: { updated: [cid] }, decks: { added: [deckId('Other')] } },
    { type: 'change', action: 'deleteNotes', notes: { removed: [nid] }, cards: { removed: [cid] } },
  ]);
});

test('a multi announces each item that wrote, in order, and none that failed or was undone', async () => {
  const reply = (await call('multi', {
    actions: [
      { action: 'createDeck', version: 6, params: { deck: 'A' } },
      { action: 'testWriteThenFail', version: 6, params: { deck: 'Ghost' } },
      { action: 'addNote', version: 6, params: { note: note('in A', 'A') } },
      { action: 'addNote', version: 6, params: { note: note('in A', 'A') } },
      { action: 'deckNames', version: 6 },
      { action: 'multi', version: 6, params: { actions: [{ action: 'testWriteThenFail', params: { deck: 'Ghost2' } }, { action: 'createDeck', params: { deck: 'B' } }] } },
    ],
  })) as { result: unknown; error: string | null }[];
  assert.equal(reply[1]?.error, 'failed after creating Ghost');
  assert.match(reply[3]?.error ?? '', /duplicate/);
  const nid = reply[2]?.result as number;
  const cids = (await call('findCards', { query: `nid:${nid}` })) as number[];
  assert.deepEqual(changes(), [
    { type: 'change', action: 'createDeck', decks: { added: [deckId('A')] } },
    { type: 'change', action: 'addNote', notes: { added: [nid] }, cards: { added: cids } },
    { type: 'change', action: 'createDeck', decks: { added: [deckId('B')] } },
  ]);
  assert.equal(deckId('Ghost'), -1);
});

test('a note type change announces the note type once, whatever rows it rewrote', async () => {
  await call('createModel', { modelName: 'Mine', inOrderFields: ['F1', 'F2'], cardTemplates: [{ Front: '{{F1}}', Back: '{{F2}}' }] });
  const [created] = changes();
  const id = (created?.['noteTypes'] as { added: number[] }).added[0];
  assert.equal(typeof id, 'number');
  events.length = 0;
  await call('modelFieldRename', { modelName: 'Mine', oldFieldName: 'F2', newFieldName: 'Second' });
  assert.deepEqual(changes(), [{ type: 'change', action: 'modelFieldRename', noteTypes: { updated: [id] } }]);
});

test('media files written and removed are announced by name', async () => {
  await call('storeMediaFile', { filename: 'a.txt', data: Buffer.from('one').toString('base64') });
  await call('storeMediaFile', { filename: 'a.txt', data: Buffer.from('two').toString('base64') });
  await call('deleteMediaFile', { filename: 'a.txt' });
  assert.deepEqual(changes(), [
    { type: 'change', action: 'storeMediaFile', media: { added: ['a.txt'] } },
    { type: 'change', action: 'storeMediaFile', media: { updated: ['a.txt'] } },
    { type: 'change', action: 'deleteMediaFile', media: { removed: ['a.txt'] } },
  ]);
});

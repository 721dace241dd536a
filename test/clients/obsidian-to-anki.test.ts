// Obsidian_to_Anki's sync (ObsidianToAnki/Obsidian_to_Anki, src/anki.ts and src/files-manager.ts;
// ecosystem.md §1.2), transcribed: two nested multis per sync, every level a version-6 request
// whose reply must be an envelope of exactly two properties. A first sync adds a file's notes;
// a second one edits one note, deletes the other, moves the cards to the file's new target deck
// and rewrites the tags the way the plugin does (remove every tag of the collection, add back).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Collection } from '../../src/collection/collection.js';
import { assertIntegrity } from '../support/collections.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { graves } from '../notes-edit/setup.js';

interface Request {
  action: string;
  version: 6;
  params: Record<string, unknown>;
}
interface Envelope<T = unknown> {
  result: T;
  error: string | null;
}

let server: TestServer;
let col: Collection;
before(async () => {
  server = await startTestServer();
  col = server.app.state.collection();
});
after(async () => {
  assertIntegrity(col);
  await server.stop();
});

const request = (action: string, params: Record<string, unknown> = {}): Request => ({ action, version: 6, params });
const multi = (actions: Request[]) => request('multi', { actions });

/** The plugin's `parse`: exactly two own properties, error and result; a truthy error throws. */
function parse(response: unknown): unknown {
  assert.equal(typeof response, 'object');
  assert.deepEqual(Object.getOwnPropertyNames(response).sort(), ['error', 'result']);
  const { result, error } = response as Envelope;
  if (error) throw new Error(error);
  return result;
}

/** The replies of a multi, each parsed. */
const parseAll = (response: unknown): unknown[] => (parse(response) as unknown[]).map(parse);

async function invoke(action: string, params: Record<string, unknown>): Promise<unknown> {
  const reply = await server.post({ action, version: 6, params });
  assert.equal(reply.status, 200);
  return parse(reply.json);
}

const basic = (front: string, back: string, tags: string[]) => ({
  deckName: 'Obsidian',
  modelName: 'Basic',
  fields: { Front: front, Back: back },
  options: { allowDuplicate: false, duplicateScope: 'deck' },
  tags,
});

test('two syncs of one file: nested multis add, edit, delete, move and retag', async () => {
  await invoke('multi', { actions: [multi([request('createDeck', { deck: 'Obsidian' })])] });

  // First sync: two new notes, nothing to edit or delete, no media.
  const first = (await invoke('multi', {
    actions: [
      multi([multi([request('addNote', { note: basic('What is 2+2?', '4', ['obsidian']) }), request('addNote', { note: basic('Capital of France?', 'Paris', ['obsidian', 'geo']) })])]),
      multi([request('notesInfo', { notes: [] })]),
      request('getTags'),
      multi([multi([])]),
      multi([request('deleteNotes', { notes: [] })]),
      multi([]),
    ],
  })) as unknown[];
  const added = (parseAll(first[0])[0] as unknown[]).map(parse) as number[];
  assert.equal(added.length, 2);
  const [math, geo] = added as [number, number];
  assert.deepEqual(parse(first[2]), ['geo', 'obsidian']);
  await invoke('multi', {
    actions: [multi([request('changeDeck', { cards: [], deck: 'Obsidian' })]), multi([request('removeTags', { notes: [], tags: 'geo obsidian' })]), multi([multi([])])],
  });

  // Second sync: the first note was edited, the second removed, the file's target deck changed.
  const second = (await invoke('multi', {
    actions: [
      multi([multi([])]),
      multi([request('notesInfo', { notes: [math] })]),
      request('getTags'),
      multi([multi([request('updateNoteFields', { note: { id: math, fields: { Front: 'What is 2+3?', Back: '5' } } })])]),
      multi([request('deleteNotes', { notes: [geo] })]),
      multi([]),
    ],
  })) as unknown[];
  const infos = parseAll(second[1]) as { cards: number[] }[][];
  const cardIds = infos.flatMap((list) => list.flatMap((info) => info.cards));
  const tagList = parse(second[2]) as string[];
  assert.deepEqual((parseAll(second[3])[0] as unknown[]).map(parse), [null]);
  assert.deepEqual(parseAll(second[4]), [null]);
  const requests2 = (await invoke('multi', {
    actions: [
      multi([request('changeDeck', { cards: cardIds, deck: 'Obsidian::Math' })]),
      multi([request('removeTags', { notes: [math], tags: tagList.join(' ') })]),
      multi([multi([request('addTags', { notes: [math], tags: ['obsidian', 'arithmetic'].join(' ') + ' ' + 'global' })])]),
    ],
  })) as unknown[];
  assert.deepEqual(requests2.map(parseAll), [[null], [null], [[{ result: null, error: null }]]]);

  const [info] = (await invoke('notesInfo', { notes: [math] })) as { fields: Record<string, { value: string }>; tags: string[]; cards: number[] }[];
  assert.ok(info);
  assert.equal(info.fields['Front']?.value, 'What is 2+3?');
  assert.equal(info.fields['Back']?.value, '5');
  assert.deepEqual(info.tags, ['arithmetic', 'global', 'obsidian']);
  assert.deepEqual(await invoke('getDecks', { cards: info.cards }), { 'Obsidian::Math': info.cards });
  assert.deepEqual(await invoke('notesInfo', { notes: [geo] }), [{}]);
  assert.deepEqual(graves(col, 1), [geo]);
});

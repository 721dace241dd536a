import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openCollection } from '../src/collection/open.js';
import { startApp } from '../src/server/app.js';
import { loadSettings } from '../src/config/load.js';
import { startTestServer, type TestServer } from './support/server.js';

// Searches and info reads run on reader threads, on connections of their own. Tests order
// events rather than time them.

let server: TestServer;
let longFields = 0;

/** Text of `a` and `b` on which `a[ab]{80}c` leaves the DFA and costs the most per character. */
function abText(length: number, seed: number): string {
  let x = seed;
  let out = '';
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += x % 2 === 0 ? 'a' : 'b';
  }
  return out;
}

before(async () => {
  server = await startTestServer({ readerThreads: 2 });
  await server.app.state.readersReady();
  // About 5 MB of text for a search to read through.
  const notes = Array.from({ length: 500 }, (_, i) => ({ deckName: 'Default', modelName: 'Basic', fields: { Front: `long ${i}`, Back: abText(10_000, i + 1) } }));
  const added = await server.invoke('addNotes', { notes });
  longFields = (added.result as number[]).length;
  await server.invoke('addNote', { note: { deckName: 'Default', modelName: 'Basic', fields: { Front: 'short', Back: 'a' + 'b'.repeat(80) + 'c' } } });
});
after(() => server.stop());

test('a long search on a reader thread holds up no other client', async () => {
  assert.equal(longFields, 500);
  const order: string[] = [];
  const slow = server.invoke('findNotes', { query: 're:a[ab]{80}c' }).then((reply) => {
    order.push('slow search');
    return reply;
  });
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.deepEqual(await server.invoke('version'), { result: 6, error: null });
  order.push('version');
  const deck = await server.invoke('createDeck', { deck: 'While searching' });
  order.push('createDeck');
  const small = await server.invoke('findNotes', { query: 'front:short' });
  order.push('small search');
  const found = await slow;
  assert.deepEqual(order, ['version', 'createDeck', 'small search', 'slow search']);
  assert.equal(typeof deck.result, 'number');
  assert.equal((small.result as number[]).length, 1);
  assert.deepEqual(found, small);
});

test('a quick search (narrowed by an id index) is answered on the main thread even while every reader is busy', async () => {
  const short = ((await server.invoke('findNotes', { query: 'front:short' })).result as number[])[0];
  const order: string[] = [];
  const slow = [1, 2].map((n) =>
    server.invoke('findNotes', { query: 're:a[ab]{80}c' }).then(() => {
      order.push(`slow ${n}`);
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
  const quick = await server.invoke('findNotes', { query: `nid:${String(short)}` });
  order.push('nid:');
  await Promise.all(slow);
  assert.deepEqual(quick, { result: [short], error: null });
  // Both readers were busy: a search sent to them would have come after both slow ones.
  assert.equal(order[0], 'nid:', order.join(', '));
});

test('reads on a reader thread answer as on the main thread: results, errors, rendering', async () => {
  const queries = ['front:short', 'deck:Default', 're:(', 'is:new', 'prop:due>1', 'added:1', '"deck:While searching"', 'tag:none', 'front:long*'];
  for (const query of queries) {
    // A multi's items run on the main thread; a request alone goes to a reader.
    const alone = await server.invoke('findCards', { query });
    const inMulti = (await server.invoke('multi', { actions: [{ action: 'findCards', version: 6, params: { query } }] })).result as unknown[];
    assert.deepEqual(alone, inMulti[0], query);
  }
  const cards = ((await server.invoke('findCards', { query: 'front:short' })).result as number[]).slice(0, 1);
  const notes = ((await server.invoke('findNotes', { query: 'front:short' })).result as number[]).slice(0, 1);
  for (const [action, params] of [
    ['cardsInfo', { cards }],
    ['notesInfo', { notes }],
    ['notesInfo', { query: 'front:short' }],
    ['notesInfo', {}],
    ['cardsInfo', { cards: [1] }],
  ] as const) {
    const alone = await server.invoke(action, params);
    const inMulti = (await server.invoke('multi', { actions: [{ action, version: 6, params }] })).result as unknown[];
    assert.deepEqual(alone, inMulti[0], action);
  }
});

test('a read on a reader thread sees what the main thread committed before it: a renamed field, a new note type', async () => {
  const query = { query: 'front:short' };
  const before = (await server.invoke('notesInfo', query)).result as { fields: Record<string, unknown>; modelName: string }[];
  assert.deepEqual(Object.keys(before[0]?.fields ?? {}), ['Front', 'Back']);
  await server.invoke('modelFieldRename', { modelName: 'Basic', oldFieldName: 'Back', newFieldName: 'Answer' });
  await server.invoke('createModel', { modelName: 'Added later', inOrderFields: ['A'], cardTemplates: [{ Front: '{{A}}', Back: '{{A}}' }] });
  const after = (await server.invoke('notesInfo', query)).result as { fields: Record<string, unknown> }[];
  assert.deepEqual(Object.keys(after[0]?.fields ?? {}), ['Front', 'Answer']);
  assert.deepEqual(await server.invoke('findNotes', { query: 'note:"Added later"' }), { result: [], error: null });
  await server.invoke('modelFieldRename', { modelName: 'Basic', oldFieldName: 'Answer', newFieldName: 'Back' });
});

test('a profile switch asked for during a read on a reader thread waits for it', async () => {
  const second = join(server.base, 'Second');
  mkdirSync(second);
  openCollection(join(second, 'collection.anki2'), { mediaDir: join(second, 'collection.media') }).close();
  const slow = server.invoke('findNotes', { query: 're:a[ab]{80}c' });
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.deepEqual(await server.invoke('loadProfile', { name: 'Second' }), { result: true, error: null });
  // Asked while the search still runs: the answer waits for the switch, which waits for it.
  const active = server.invoke('getActiveProfile');
  assert.equal(((await slow).result as number[]).length, 1);
  assert.deepEqual(await active, { result: 'Second', error: null });
  assert.deepEqual(await server.invoke('findNotes', { query: '' }), { result: [], error: null });
  await server.invoke('loadProfile', { name: 'User 1' });
});

test('a second server on the same profile is refused with the reason', async () => {
  const settings = loadSettings({ env: {}, cli: { base: server.base, port: 0, bind: ['127.0.0.1'] } });
  await assert.rejects(startApp(settings), /another program has the collection open \(Anki, or another server\); close it there first/);
  assert.deepEqual(await server.invoke('version'), { result: 6, error: null });
});

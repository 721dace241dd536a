import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openCollection } from '../src/collection/open.js';
import { startTestServer, type TestServer } from './support/server.js';

// A multi runs in slices of a few milliseconds, one transaction each; between them the server
// answers other clients. Each test orders events rather than timing them.

let server: TestServer;
before(async () => {
  server = await startTestServer({ webMaxMultiItems: 200_000 });
});
after(() => server.stop());

const multi = (actions: unknown[]) => server.post({ action: 'multi', version: 6, params: { actions } });

test('another client is answered while a 100,000-item multi runs', async () => {
  const order: string[] = [];
  const long = multi(Array.from({ length: 100_000 }, (_, i) => ({ action: i % 2 === 0 ? 'deckNames' : 'findNotes', version: 6, params: i % 2 === 0 ? {} : { query: 'deck:*' } }))).then(
    (reply) => {
      order.push('multi');
      return reply;
    },
  );
  // Sent once the multi's body is on its way; answered long before the multi is done.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const version = await server.invoke('version');
  order.push('version');
  const added = await server.invoke('createDeck', { deck: 'During the multi' });
  order.push('createDeck');
  const reply = (await long).json as { result: unknown[]; error: null };
  assert.deepEqual(version, { result: 6, error: null });
  assert.equal(typeof added.result, 'number');
  assert.deepEqual(order, ['version', 'createDeck', 'multi']);
  assert.equal(reply.result.length, 100_000);
  // Items after the other client's write see it, as separate requests would.
  const last = reply.result.at(-2) as { result: string[] };
  assert.ok(last.result.includes('During the multi'));
});

test('a profile switch asked for during a multi waits for its end', async () => {
  mkdirSync(join(server.base, 'Second'));
  openCollection(join(server.base, 'Second', 'collection.anki2'), { mediaDir: join(server.base, 'Second', 'collection.media') }).close();
  const items = [
    { action: 'createDeck', version: 6, params: { deck: 'First item' } },
    ...Array.from({ length: 60_000 }, () => ({ action: 'deckNames' })),
    { action: 'createDeck', version: 6, params: { deck: 'Last item' } },
  ];
  const long = multi(items);
  // Asked for once the items run (a switch asked for while a multi is still being planned
  // happens first, and the multi then runs on the new profile).
  while (!((await server.invoke('deckNames')).result as string[]).includes('First item')) await new Promise((resolve) => setTimeout(resolve, 10));
  const switched = await server.invoke('loadProfile', { name: 'Second' });
  const reply = (await long).json as { result: unknown[] };
  assert.deepEqual(switched, { result: true, error: null });
  assert.equal(typeof (reply.result.at(-1) as { result: unknown }).result, 'number');
  // The last item went to the collection the multi began on, not to the new profile's.
  assert.ok(!((await server.invoke('deckNames')).result as string[]).includes('Last item'));
  await server.invoke('loadProfile', { name: 'User 1' });
  assert.ok(((await server.invoke('deckNames')).result as string[]).includes('Last item'));
});

test('a request holding more multi items than webMaxMultiItems is refused before anything runs', async () => {
  const few = await startTestServer({ webMaxMultiItems: 5 });
  try {
    const nested = { action: 'multi', params: { actions: [{ action: 'createDeck', params: { deck: 'Nested' } }, { action: 'version' }] } };
    const refused = (await few.post({ action: 'multi', version: 6, params: { actions: [nested, nested, { action: 'version' }] } })).json;
    assert.deepEqual(refused, {
      result: null,
      error: 'this request holds more than 5 actions in multi (setting webMaxMultiItems); send fewer at a time',
    });
    assert.ok(!((await few.invoke('deckNames')).result as string[]).includes('Nested'));
    const fits = (await few.post({ action: 'multi', version: 6, params: { actions: [nested, { action: 'version' }] } })).json as { result: unknown[] };
    assert.equal(fits.result.length, 2);
  } finally {
    await few.stop();
  }
});

test('a multi in progress when the server stops answers at once: what ran is kept, the rest says it was not run', async () => {
  const stopped = await startTestServer({ webMaxMultiItems: 200_000 });
  const items = Array.from({ length: 100_000 }, (_, i) => ({ action: 'createDeck', version: 6, params: { deck: `D${i}` } }));
  const long = stopped.post({ action: 'multi', version: 6, params: { actions: items } });
  // Stopped once items are running (other clients are answered between slices).
  for (;;) {
    if (((await stopped.invoke('deckNames')).result as string[]).length > 10) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const stopping = stopped.stop();
  const reply = (await long).json as { result: { result: unknown; error: string | null }[] };
  await stopping;
  const ran = reply.result.filter((item) => item.error === null).length;
  assert.equal(reply.result.length, 100_000);
  assert.ok(ran > 0 && ran < 100_000, `${ran} ran`);
  for (const item of reply.result.slice(ran)) assert.deepEqual(item, { result: null, error: 'the server is stopping; this action was not run' });
});

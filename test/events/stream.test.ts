/**
 * GET /events over HTTP: one event per committed write, through the API and multi, none for a
 * write that was undone; resuming with Last-Event-ID; resets; the API's access rules.
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { describe, test } from 'node:test';
import { openCollection } from '../../src/collection/open.js';
import { profilePaths } from '../../src/server/state.js';
import { openEventStream, type EventStreamClient, type StreamEvent } from '../support/event-stream.js';
import { httpRequest, useTestServer, type TestServer } from '../support/server.js';

type Change = Record<string, unknown>;

/** The events before the one announcing the deck `markerDeck` (a createDeck made last). */
async function eventsUntil(stream: EventStreamClient, markerDeck: number): Promise<StreamEvent[]> {
  const seen: StreamEvent[] = [];
  for (;;) {
    const event = await stream.next();
    const decks = (JSON.parse(event.data) as { decks?: { added?: number[] } }).decks;
    if (decks?.added?.[0] === markerDeck) return seen;
    seen.push(event);
  }
}

/** Sends `action` (version 6) to `server`; returns the result, or throws the error text. */
const callOn = async (server: TestServer, action: string, params?: Record<string, unknown>): Promise<unknown> => {
  const reply = await server.invoke(action, params);
  if (reply.error !== null) throw new Error(reply.error);
  return reply.result;
};
const note = (front: string, deckName = 'Default') => ({ deckName, modelName: 'Basic', fields: { Front: front, Back: 'b' } });
const data = (event: StreamEvent | undefined): Change => JSON.parse(event?.data ?? '{}') as Change;

describe('GET /events', () => {
  const server = useTestServer();
  const call = (action: string, params?: Record<string, unknown>) => callOn(server, action, params);

  test('one event per committed write, through the API and multi, with the ids it changed', async () => {
    const stream = await openEventStream(server.port);
    assert.equal(stream.status, 200);
    const nid = (await call('addNote', { note: note('first') })) as number;
    const added = (await call('addNotes', { notes: [note('second'), note('first'), note('third')] })) as (number | null)[];
    const replies = (await call('multi', {
      actions: [
        { action: 'createDeck', version: 6, params: { deck: 'From multi' } },
        { action: 'addNote', version: 6, params: { note: note('first') } },
        { action: 'addTags', version: 6, params: { notes: [nid], tags: 'tagged' } },
        { action: 'deckNames', version: 6 },
      ],
    })) as { result: unknown; error: string | null }[];
    assert.match(replies[1]?.error ?? '', /duplicate/);
    const events = await eventsUntil(stream, (await call('createDeck', { deck: 'Marker' })) as number);
    const cardsOf = async (ids: number[]) => (await call('findCards', { query: `nid:${ids.join(',')}` })) as number[];
    const decks = (await call('deckNamesAndIds')) as Record<string, number>;
    const kept = added.filter((id): id is number => id !== null);
    assert.deepEqual(
      events.map((event) => ({ event: event.event, ...data(event) })),
      [
        { event: 'change', action: 'addNote', notes: { added: [nid] }, cards: { added: await cardsOf([nid]) } },
        { event: 'change', action: 'addNotes', notes: { added: kept }, cards: { added: await cardsOf(kept) } },
        { event: 'change', action: 'createDeck', decks: { added: [decks['From multi']] } },
        { event: 'change', action: 'addTags', notes: { updated: [nid] }, tags: { added: ['tagged'] } },
      ],
    );
    // Ids count up within the run.
    const numbers = events.map((event) => Number(event.id.split('-')[1]));
    assert.deepEqual(numbers, [...numbers].sort((a, b) => a - b));
    stream.close();
  });

  test('reconnecting with Last-Event-ID resumes without loss, then goes on live', async () => {
    const first = await openEventStream(server.port);
    await call('createDeck', { deck: 'Seen' });
    const seen = await first.next();
    assert.equal(data(seen)['action'], 'createDeck');
    first.close();
    // Missed while disconnected.
    await call('createDeck', { deck: 'Missed 1' });
    const nid = (await call('addNote', { note: note('missed') })) as number;
    const again = await openEventStream(server.port, { headers: { 'Last-Event-ID': seen.id } });
    const replayed = [await again.next(), await again.next()];
    assert.deepEqual(
      replayed.map((event) => data(event)['action']),
      ['createDeck', 'addNote'],
    );
    assert.deepEqual((data(replayed[1])['notes'] as { added: number[] }).added, [nid]);
    await call('createDeck', { deck: 'Live' });
    const live = await again.next();
    assert.equal(data(live)['action'], 'createDeck');
    assert.ok(Number(live.id.split('-')[1]) > Number(replayed[1]?.id.split('-')[1]));
    again.close();
    // The query parameter does the same for a first connection.
    const fromQuery = await openEventStream(server.port, { path: `/events?lastEventId=${encodeURIComponent(seen.id)}` });
    assert.deepEqual([await fromQuery.next(), await fromQuery.next(), await fromQuery.next()].map((event) => event.id), [...replayed, live].map((event) => event.id));
    fromQuery.close();
  });

  test('an id the server cannot resume from (another run, unknown) gets a reset', async () => {
    for (const id of ['00000000-3', 'nonsense']) {
      const stream = await openEventStream(server.port, { headers: { 'Last-Event-ID': id } });
      const first = await stream.next();
      assert.equal(first.event, 'reset');
      assert.deepEqual(data(first), { reason: 'missed' });
      stream.close();
    }
  });

  test('a profile switch is announced as a reset, and the new profile announces its writes', async () => {
    const paths = profilePaths(server.base, 'Second');
    openCollection(paths.collection, { mediaDir: paths.media }).close();
    const stream = await openEventStream(server.port);
    assert.equal(await call('loadProfile', { name: 'Second' }), true);
    await call('deckNames');
    assert.deepEqual(data(await stream.next()), { reason: 'profile' });
    await call('createDeck', { deck: 'On second' });
    assert.equal(data(await stream.next())['action'], 'createDeck');
    assert.equal(await call('loadProfile', { name: 'User 1' }), true);
    await call('deckNames');
    assert.equal((await stream.next()).event, 'reset');
    stream.close();
  });
});

describe('GET /events: a client that stops reading', () => {
  const quiet = useTestServer();

  test('a client that stops reading is cut off once 16 MiB wait for it, not held in memory', async () => {
    const hub = quiet.app.state.events;
    const before = 0;
    const socket = connect(quiet.port, '127.0.0.1');
    socket.pause();
    socket.write('GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    while (hub.listenerCount === before) await new Promise((resolve) => setTimeout(resolve, 5));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    // Events of 1 MiB each (the data is whatever a change set holds) until the stream gives up.
    for (let i = 0; i < 200 && hub.listenerCount > before; i++) {
      hub.changed('test', { tags: { added: [`${i}`.padEnd(1 << 20, 'x')] } });
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.equal(hub.listenerCount, before, 'the stalled stream stopped listening');
    socket.resume();
    await closed;
  });
});

describe('GET /events: a write undone is not announced', () => {
  const small = useTestServer({ webMaxReplyBytes: 20_000 });

  test('a createDeck whose reply is refused is undone, and no event tells of it', async () => {
    const call = (action: string, params?: Record<string, unknown>) => callOn(small, action, params);
    await call('createDeck', { deck: 'x'.repeat(19_950) });
    const stream = await openEventStream(small.port);
    // deckNames takes all but a few of the 20,000 bytes: the first createDeck's id fits, the second's does not.
    const replies = (await call('multi', {
      actions: [
        { action: 'deckNames', version: 6 },
        { action: 'createDeck', version: 6, params: { deck: 'Kept' } },
        { action: 'createDeck', version: 6, params: { deck: 'Undone' } },
      ],
    })) as { result: unknown; error: string | null }[];
    assert.match(replies[2]?.error ?? '', /^the reply would be larger than 20000 bytes/);
    await call('deleteDecks', { decks: ['x'.repeat(19_950)], cardsToo: true });
    const kept = await stream.next();
    assert.deepEqual(data(kept), { action: 'createDeck', decks: { added: [replies[1]?.result] } });
    const deleted = await stream.next();
    assert.equal(data(deleted)['action'], 'deleteDecks', 'the next event is the next write: nothing for the undone deck');
    stream.close();
  });
});

describe('GET /events: access', () => {
  const keyed = useTestServer({ apiKey: 'secret', webCorsOriginList: ['http://allowed.example'] });

  test('the API key is required, as a bearer token or ?key=', async () => {
    const refused = await httpRequest(keyed.port, 'GET', undefined, {}, '127.0.0.1', '/events');
    assert.equal(refused.status, 403);
    assert.deepEqual(refused.json, { result: null, error: 'valid api key must be provided' });
    const wrong = await httpRequest(keyed.port, 'GET', undefined, { Authorization: 'Bearer nope' }, '127.0.0.1', '/events');
    assert.equal(wrong.status, 403);
    for (const options of [{ headers: { Authorization: 'Bearer secret' } }, { path: '/events?key=secret' }]) {
      const stream = await openEventStream(keyed.port, options);
      assert.equal(stream.status, 200);
      await keyed.post({ action: 'createDeck', version: 6, key: 'secret', params: { deck: `By ${JSON.stringify(options).length}` } });
      assert.equal(data(await stream.next())['action'], 'createDeck');
      stream.close();
    }
  });

  test('an origin the API refuses is refused here too', async () => {
    const refused = await httpRequest(keyed.port, 'GET', undefined, { Origin: 'http://evil.example', Authorization: 'Bearer secret' }, '127.0.0.1', '/events');
    assert.equal(refused.status, 403);
    const stream = await openEventStream(keyed.port, { headers: { Origin: 'http://allowed.example', Authorization: 'Bearer secret' } });
    assert.equal(stream.status, 200);
    stream.close();
  });
});

import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';
import { assertIntegrity } from './support/collections.js';
import { httpRequest, startTestServer, type TestServer } from './support/server.js';
import { seededRandom } from './support/rng.js';

// Bad input of every kind, then proof that the server still answers correctly and the
// collection is intact. Each reply must be HTTP 200 (or 403/OPTIONS where the protocol says so)
// with a JSON body in Anki-Connect's format.

let server: TestServer;
before(async () => {
  server = await startTestServer({ webMaxRequestBytes: 1024 * 1024 });
});
after(() => server.stop());

async function expectAnkiConnectReply(body: unknown): Promise<unknown> {
  const reply = await server.post(body);
  assert.equal(reply.status, 200, String(body).slice(0, 80));
  assert.ok(reply.json !== undefined, `a JSON reply to ${String(body).slice(0, 80)}`);
  return reply.json;
}

async function stillHealthy(): Promise<void> {
  assert.equal((await server.post({ action: 'version' })).text, '6');
  assert.ok(((await server.invoke('deckNames')).result as string[]).includes('Default'));
  assertIntegrity(server.app.state.collection());
}

test('random bytes', async () => {
  const next = seededRandom(1);
  for (let i = 0; i < 300; i++) {
    const bytes = Buffer.from(Array.from({ length: 1 + Math.floor(next() * 200) }, () => Math.floor(next() * 256)));
    const reply = (await expectAnkiConnectReply(bytes)) as { result: unknown; error: unknown };
    assert.equal(reply.result, null);
    assert.equal(typeof reply.error, 'string');
  }
  await stillHealthy();
});

test('every truncation of a valid addNote request', async () => {
  const body = JSON.stringify({
    action: 'addNote',
    version: 6,
    params: { note: { deckName: 'Default', modelName: 'Basic', fields: { Front: 'früh', Back: '後' }, tags: ['a'] } },
  });
  for (let cut = 1; cut < body.length; cut++) {
    const reply = (await expectAnkiConnectReply(body.slice(0, cut))) as { error: unknown };
    assert.equal(typeof reply.error, 'string', body.slice(0, cut));
  }
  await stillHealthy();
});

test('invalid UTF-8 inside an otherwise valid request', async () => {
  const parts = [Buffer.from('{"action": "createDeck", "version": 6, "params": {"deck": "'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}}')];
  const reply = (await expectAnkiConnectReply(Buffer.concat(parts))) as { error: string };
  assert.match(reply.error, /can't decode byte 0xff in position 59: invalid start byte/);
  await stillHealthy();
});

test('deep nesting: of JSON, and of multi', async () => {
  const deepJson = '['.repeat(100_000) + ']'.repeat(100_000);
  assert.match(((await expectAnkiConnectReply(deepJson)) as { error: string }).error, /is not of type 'object'/);
  const multis = (levels: number): Record<string, unknown> => {
    let nested: Record<string, unknown> = { action: 'version' };
    for (let i = 0; i < levels; i++) nested = { action: 'multi', params: { actions: [nested] } };
    return nested;
  };
  // 40 levels: within the params depth limit (4 levels of JSON a multi), refused by multi's own.
  assert.match(JSON.stringify(await expectAnkiConnectReply(multis(40))), /multi is nested more than 32 levels deep/);
  // 200 levels: the params of the outer multi are refused before anything walks them.
  assert.match(JSON.stringify(await expectAnkiConnectReply(multis(200))), /nested more than 200 levels deep/);
  let fine: Record<string, unknown> = { action: 'version' };
  for (let i = 0; i < 10; i++) fine = { action: 'multi', params: { actions: [fine] } };
  assert.equal(JSON.stringify(await expectAnkiConnectReply(fine)), '[[[[[[[[[[6]]]]]]]]]]');
  await stillHealthy();
});

test('huge and odd numbers', async () => {
  for (const raw of ['1e400', '-1e400', '123456789012345678901234567890', '1.5', '-0', 'NaN', 'Infinity']) {
    const reply = (await expectAnkiConnectReply(`{"action": "notesInfo", "version": 6, "params": {"notes": [${raw}]}}`)) as {
      result: unknown;
      error: unknown;
    };
    if (raw === '-0') assert.deepEqual(reply, { result: [{}], error: null });
    else assert.equal(typeof reply.error, 'string', raw);
  }
  const version = await server.post('{"action": "version", "version": 1e300}');
  assert.deepEqual(version.json, { result: 6, error: null });
  await stillHealthy();
});

test('wrong types for every parameter of every action', async () => {
  const doc = (await httpRequest(server.port, 'GET', undefined, {}, '127.0.0.1', '/_/api.json')).json as {
    actions: Record<string, { params: { properties?: Record<string, unknown> } }>;
  };
  const wrongValues: unknown[] = [null, 0, -1, 1e308, 'x', '', [], [null], [{}], {}, { a: [1] }, true];
  for (const [action, { params }] of Object.entries(doc.actions)) {
    if (action === 'multi') continue; // covered by its own cases
    const names = Object.keys(params.properties ?? {});
    for (const name of names) {
      for (const value of wrongValues) {
        const reply = await expectAnkiConnectReply({ action, version: 6, params: { [name]: value } });
        assert.equal(typeof reply, 'object', `${action}.${name}`);
        assert.ok(typeof reply === 'object' && reply !== null && 'error' in reply, `${action}.${name}`);
      }
    }
    await expectAnkiConnectReply({ action, version: 6, params: [] });
    await expectAnkiConnectReply({ action, version: 6, params: { unexpected: 1 } });
  }
  await stillHealthy();
});

test('bodies over the limit, many at once, alongside good requests', async () => {
  const big = 'x'.repeat(2 * 1024 * 1024);
  const replies = await Promise.all(
    Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? server.post(big) : server.post({ action: 'version' }))),
  );
  replies.forEach((reply, i) => {
    assert.equal(reply.status, 200);
    if (i % 2 === 0) assert.match((reply.json as { error: string }).error, /request body too large/);
    else assert.equal(reply.text, '6');
  });
  await stillHealthy();
});

test('clients that hang up mid-request, and broken HTTP', async () => {
  for (let i = 0; i < 20; i++) {
    await new Promise<void>((resolve) => {
      const socket = connect(server.port, '127.0.0.1', () => {
        socket.write(i % 2 === 0 ? 'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n{"action":' : 'GARBAGE\r\n\r\n');
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 5);
      });
      socket.on('error', () => resolve());
    });
  }
  await stillHealthy();
});

import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { httpRequest, startTestServer, type TestServer } from './support/server.js';

describe('Anki-Connect protocol over HTTP', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.stop());

  test('a missing version means 4: bare result on success, envelope on error', async () => {
    assert.equal((await server.post({ action: 'version' })).text, '6');
    assert.deepEqual((await server.post({ action: 'deckNames', version: 4 })).json, ['Default']);
    assert.deepEqual((await server.post({ action: 'deckNames', version: 2 })).json, ['Default']);
    assert.deepEqual((await server.post({ action: 'nope' })).json, { result: null, error: 'unsupported action' });
    assert.deepEqual((await server.post({ action: 'deckNames', version: 5 })).json, { result: ['Default'], error: null });
    assert.deepEqual((await server.post({ action: 'nope', version: 6 })).json, { result: null, error: 'unsupported action' });
  });

  test('any path and any method but OPTIONS reach the API; an empty body gets the banner', async () => {
    for (const method of ['POST', 'GET', 'PUT']) {
      const reply = await httpRequest(server.port, method, undefined, {}, '127.0.0.1', '/anything?key=ignored');
      assert.equal(reply.status, 200);
      assert.deepEqual(reply.json, { apiVersion: 'AnkiConnect v.6' });
      assert.equal(reply.headers['content-type'], 'application/json');
    }
    const reply = await httpRequest(server.port, 'PUT', { action: 'version', version: 6 }, {}, '127.0.0.1', '/x/y');
    assert.deepEqual(reply.json, { result: 6, error: null });
  });

  test('malformed requests get the add-on’s error texts, always with HTTP 200', async () => {
    const cases: [Buffer | string, RegExp][] = [
      [Buffer.from([0xe7, 0x8c]), /^'utf-8' codec can't decode bytes in position 0-1: unexpected end of data$/],
      ['{1: 2}', /^Expecting property name enclosed in double quotes: line 1 column 2 \(char 1\)$/],
      ['1.2', /^1\.2 is not of type 'object'$/],
      ['{}', /^'action' is a required property$/],
      ['{"action": 1}', /^1 is not of type 'string'$/],
      ['{"action": "version", "version": "6"}', /^'6' is not of type 'integer'$/],
      ['{"action": "version", "params": []}', /^\[\] is not of type 'object'$/],
      ['{"action": "version"', /^Expecting ',' delimiter: line 1 column 21 \(char 20\)$/],
    ];
    for (const [body, pattern] of cases) {
      const reply = await server.post(body);
      assert.equal(reply.status, 200);
      const { result, error } = reply.json as { result: unknown; error: string };
      assert.equal(result, null);
      assert.match(error, pattern, String(body));
    }
  });

  test('unknown and missing params are named as Python names them; wrong types are named too', async () => {
    const err = async (body: unknown) => ((await server.post(body)).json as { error: string }).error;
    assert.equal(await err({ action: 'addNote', version: 6, params: { foobar: 1 } }), "addNote() got an unexpected keyword argument 'foobar'");
    assert.equal(await err({ action: 'addNote', version: 6, params: {} }), "addNote() missing 1 required positional argument: 'note'");
    assert.equal(await err({ action: 'createDeck', version: 6, params: { deck: 7 } }), "createDeck(): invalid parameter 'deck': expected string");
    assert.match(await err({ action: 'notesInfo', version: 6, params: { notes: 'x' } }), /^notesInfo\(\): invalid parameter 'notes'/);
  });

  test('CORS: the default list allows localhost, 127.0.0.1 pages and extensions; others get 403', async () => {
    const post = (origin?: string) => server.post({ action: 'version', version: 6 }, origin === undefined ? {} : { Origin: origin });
    const none = await post();
    assert.equal(none.status, 200);
    assert.equal(none.headers['access-control-allow-origin'], 'http://localhost');
    assert.equal(none.headers['access-control-allow-headers'], '*');
    for (const origin of ['http://localhost', 'http://127.0.0.1', 'https://127.0.0.1', 'http://127.0.0.1:5173', 'chrome-extension://abc', 'moz-extension://x', 'safari-web-extension://y']) {
      const reply = await post(origin);
      assert.equal(reply.status, 200, origin);
      assert.equal(reply.headers['access-control-allow-origin'], origin);
    }
    for (const origin of ['http://localhost:3000', 'null', 'https://evil.example', 'app://obsidian.md']) {
      const reply = await post(origin);
      assert.equal(reply.status, 403, origin);
      assert.equal(reply.text, '');
      assert.equal(reply.headers['access-control-allow-origin'], 'http://localhost');
    }
    const badJson = await server.post('{nope', { Origin: 'https://evil.example' });
    assert.equal(badJson.status, 403, 'a refused origin gets 403 even for a malformed body');
  });

  test('requestPermission answers any origin: granted when allowed, denied otherwise', async () => {
    const denied = await server.post({ action: 'requestPermission', version: 6 }, { Origin: 'https://evil.example' });
    assert.equal(denied.status, 200);
    assert.deepEqual(denied.json, { result: { permission: 'denied' }, error: null });
    assert.equal(denied.headers['access-control-allow-origin'], 'https://evil.example', 'the page may read the answer');
    const spoofed = await server.post(
      { action: 'requestPermission', version: 6, params: { allowed: true, origin: 'http://localhost' } },
      { Origin: 'https://evil.example' },
    );
    assert.deepEqual(spoofed.json, { result: { permission: 'denied' }, error: null }, 'client-sent origin/allowed are ignored');
    const granted = await server.post({ action: 'requestPermission', version: 6 }, { Origin: 'chrome-extension://abc' });
    assert.deepEqual(granted.json, {
      result: { permission: 'granted', requireApikey: false, requireApiKey: false, version: 6 },
      error: null,
    });
  });

  test('OPTIONS preflight: 200, empty, allow-headers *, private network when asked', async () => {
    const plain = await httpRequest(server.port, 'OPTIONS', undefined, { Origin: 'chrome-extension://abc', 'Access-Control-Request-Method': 'POST' });
    assert.equal(plain.status, 200);
    assert.equal(plain.text, '');
    assert.equal(plain.headers['access-control-allow-origin'], 'chrome-extension://abc');
    assert.equal(plain.headers['access-control-allow-headers'], '*');
    assert.equal(plain.headers['access-control-allow-private-network'], undefined);
    const pna = await httpRequest(server.port, 'OPTIONS', undefined, { Origin: 'https://evil.example', 'Access-Control-Request-Private-Network': 'true' });
    assert.equal(pna.status, 200);
    assert.equal(pna.headers['access-control-allow-private-network'], 'true');
    assert.equal(pna.headers['access-control-allow-origin'], 'http://localhost', 'a refused origin still is not echoed');
  });

  test('the Host header must be a loopback name while listening on loopback (DNS rebinding)', async () => {
    const evil = await httpRequest(server.port, 'POST', { action: 'version' }, { Host: 'evil.example:8765' });
    assert.equal(evil.status, 403);
    for (const host of [`localhost:${server.port}`, `127.0.0.1:${server.port}`, `[::1]:${server.port}`, 'LOCALHOST']) {
      const reply = await httpRequest(server.port, 'POST', { action: 'version' }, { Host: host });
      assert.equal(reply.text, '6', host);
    }
  });

  test('keep-alive: several requests on one connection', async () => {
    const replies = await new Promise<string>((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1');
      const body = JSON.stringify({ action: 'version' });
      const one = `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
      let data = '';
      socket.on('data', (chunk) => {
        data += chunk.toString();
        if ((data.match(/\r\n\r\n6/g) ?? []).length === 3) {
          socket.end();
          resolve(data);
        }
      });
      socket.on('error', reject);
      socket.write(one + one + one);
    });
    assert.equal((replies.match(/HTTP\/1\.1 200 OK/g) ?? []).length, 3);
    assert.doesNotMatch(replies, /Connection: close/i);
  });

  test('chunked request bodies are read', async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, method: 'POST', headers: { 'Transfer-Encoding': 'chunked' } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.write('{"action": "ver');
      req.end('sion", "version": 6}');
    });
    assert.deepEqual(JSON.parse(reply), { result: 6, error: null });
  });

  test('64-bit field and template ids reach the client with every digit', async () => {
    const reply = await server.post({ action: 'findModelsByName', version: 6, params: { modelNames: ['Basic'] } });
    const basic = server.app.state.collection().notetypes.byName('Basic');
    assert.ok(basic !== undefined);
    const ids = [...basic.fields.map((f) => f.config.id), ...basic.templates.map((t) => t.config.id)];
    assert.equal(ids.length, 3);
    for (const id of ids) {
      assert.ok(id !== undefined);
      assert.ok(reply.text.includes(`"id":${id.toString()}`), `${id.toString()} in ${reply.text.slice(0, 200)}`);
    }
  });

  test('the API description and health endpoints', async () => {
    const description = await httpRequest(server.port, 'GET', undefined, {}, '127.0.0.1', '/_/api.json');
    const doc = description.json as { apiVersion: number; actions: Record<string, { params: { type: string }; result: unknown; summary: string }> };
    assert.equal(doc.apiVersion, 6);
    const names = Object.keys(doc.actions);
    const reflected = (await server.invoke('apiReflect', { scopes: ['actions'] })).result as { actions: string[] };
    assert.deepEqual(names, reflected.actions, 'the description lists exactly the supported actions');
    for (const [name, action] of Object.entries(doc.actions)) {
      assert.equal(action.params.type, 'object', name);
      assert.ok(action.result !== undefined && action.summary.length > 0, name);
    }
    const health = await httpRequest(server.port, 'GET', undefined, {}, '127.0.0.1', '/_/health');
    assert.deepEqual(health.json, { ok: true, collectionOpen: true });
  });
});

describe('API key', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ apiKey: 'secret' });
  });
  after(() => server.stop());

  test('every action but requestPermission needs the key', async () => {
    assert.deepEqual((await server.post({ action: 'version' })).json, { result: null, error: 'valid api key must be provided' });
    assert.deepEqual((await server.post({ action: 'version', key: 'wrong' })).json, { result: null, error: 'valid api key must be provided' });
    assert.equal((await server.post({ action: 'version', key: 'secret' })).text, '6');
    assert.deepEqual((await server.post({ action: 'requestPermission', version: 6 })).json, {
      result: { permission: 'granted', requireApikey: true, requireApiKey: true, version: 6 },
      error: null,
    });
  });

  test('inside multi every item needs its own key', async () => {
    const reply = await server.post({
      action: 'multi',
      key: 'secret',
      version: 6,
      params: { actions: [{ action: 'version' }, { action: 'version', key: 'secret' }] },
    });
    assert.deepEqual(reply.json, { result: [{ result: null, error: 'valid api key must be provided' }, 6], error: null });
  });
});

describe('without an API key configured', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.stop());

  test('a client that sends a key anyway is refused, as upstream compares with !=', async () => {
    assert.deepEqual((await server.post({ action: 'version', key: '' })).json, { result: null, error: 'valid api key must be provided' });
    assert.equal((await server.post({ action: 'version', key: null })).text, '6');
  });
});

describe('limits and listening', () => {
  test('a body over the limit gets a clear error and the server goes on answering', async () => {
    const server = await startTestServer({ webMaxRequestBytes: 2048 });
    try {
      const big = JSON.stringify({ action: 'storeMediaFile', params: { filename: 'a', data: 'A'.repeat(5000) } });
      const reply = await server.post(big);
      assert.equal(reply.status, 200);
      assert.deepEqual(reply.json, { result: null, error: 'request body too large: the limit is 2048 bytes (setting webMaxRequestBytes)' });
      assert.equal(reply.headers['connection'], 'close');
      assert.equal((await server.post({ action: 'version' })).text, '6');
    } finally {
      await server.stop();
    }
  });

  test('by default the server listens on IPv4 and IPv6 loopback, on one port', async () => {
    const server = await startTestServer({ webBindAddress: ['127.0.0.1', '::1'] });
    try {
      assert.equal(server.app.urls.length, 2);
      assert.deepEqual(server.app.urls, [`http://127.0.0.1:${server.port}`, `http://[::1]:${server.port}`]);
      const v6 = await httpRequest(server.port, 'POST', { action: 'version' }, {}, '::1');
      assert.equal(v6.text, '6');
    } finally {
      await server.stop();
    }
  });
});

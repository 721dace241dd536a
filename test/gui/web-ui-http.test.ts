// The web UI's routes over HTTP, with no browser: the same access rules as the API (origin,
// Host, key), media confined to the media folder, the event stream, and requestPermission
// asking an open page (and denying at once when none is open). The browser tests are in test-ui/.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { get, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { httpRequest, startTestServer, type TestServer } from '../support/server.js';

const DOT = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';

/** An open event stream, and the events it has received so far. */
function openEvents(port: number, query = ''): Promise<{ res: IncomingMessage; text: () => string; close: () => void }> {
  return new Promise((resolve, reject) => {
    const req = get({ host: '127.0.0.1', port, path: `/_/ui/events${query}` }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      resolve({ res, text: () => text, close: () => req.destroy() });
    });
    req.on('error', reject);
  });
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(check(), 'timed out');
}

describe('web UI routes without a key', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
    await server.invoke('storeMediaFile', { filename: 'dot.png', data: DOT });
  });
  after(() => server.stop());
  const getPath = (path: string, headers: Record<string, string> = {}) => httpRequest(server.port, 'GET', undefined, headers, '127.0.0.1', path);

  test('the page is served, framed by nobody; the banner at / stays', async () => {
    const page = await getPath('/_/ui/');
    assert.equal(page.status, 200);
    assert.match(page.text, /<script type="module" src="app.js">/);
    assert.equal(page.headers['x-frame-options'], 'DENY');
    assert.equal((await getPath('/_/ui')).status, 301);
    assert.equal((await getPath('/_/ui/app.js')).headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal((await getPath('/_/ui/%2e%2e%2fpackage.json')).status, 404);
    assert.deepEqual((await server.post('')).json, { apiVersion: 'AnkiConnect v.6' });
  });

  test('media are read from the media folder only', async () => {
    const dot = await getPath('/_/ui/media/-/dot.png');
    assert.equal(dot.status, 200);
    assert.equal(dot.headers['content-type'], 'image/png');
    assert.equal(dot.headers['content-security-policy'], 'sandbox');
    for (const path of ['/_/ui/media/-/..%2Fcollection.anki2', '/_/ui/media/-/%2E%2E', '/_/ui/media/-/..%5Ccollection.anki2', '/_/ui/media/x/dot.png', '/_/ui/media/-/missing.png']) {
      assert.equal((await getPath(path)).status, 404, path);
    }
  });

  test("the page's own origin may call the API; another origin may not call the UI", async () => {
    const own = await server.post({ action: 'version', version: 6 }, { Origin: server.url, Host: `127.0.0.1:${server.port}` });
    assert.deepEqual(own.json, { result: 6, error: null });
    const ownUi = await httpRequest(server.port, 'POST', {}, { Origin: `http://localhost:${server.port}`, Host: `localhost:${server.port}` }, '127.0.0.1', '/_/ui/state');
    assert.equal(ownUi.status, 200);
    const other = await httpRequest(server.port, 'POST', {}, { Origin: 'https://evil.example' }, '127.0.0.1', '/_/ui/state');
    assert.equal(other.status, 403);
    const rebound = await httpRequest(server.port, 'POST', {}, { Origin: `http://evil.example:${server.port}`, Host: `evil.example:${server.port}` }, '127.0.0.1', '/_/ui/state');
    assert.equal(rebound.status, 403, 'the Host check still refuses a foreign name');
  });

  test('requestPermission is denied at once with no page open', async () => {
    const reply = await server.post({ action: 'requestPermission', version: 6 }, { Origin: 'https://site.example' });
    assert.deepEqual(reply.json, { result: { permission: 'denied' }, error: null });
  });

  test('with a page open it waits for the answer; Ignore denies and remembers the origin', async () => {
    const events = await openEvents(server.port);
    try {
      const origin = 'https://ignored.example';
      const asking = server.post({ action: 'requestPermission', version: 6 }, { Origin: origin });
      await until(() => events.text().includes('event: permissions'));
      const state = (await httpRequest(server.port, 'POST', {}, {}, '127.0.0.1', '/_/ui/state')).json as { result: { permissions: { id: number; origin: string }[] } };
      const question = state.result.permissions.find((entry) => entry.origin === origin);
      assert.ok(question !== undefined);
      await httpRequest(server.port, 'POST', { id: question.id, answer: 'ignore' }, {}, '127.0.0.1', '/_/ui/permission');
      assert.deepEqual((await asking).json, { result: { permission: 'denied' }, error: null });
      assert.ok(server.app.state.settings.ignoreOriginList.includes(origin));
      // Ignored from now on: no question is asked.
      assert.deepEqual((await server.post({ action: 'requestPermission', version: 6 }, { Origin: origin })).json, { result: { permission: 'denied' }, error: null });
    } finally {
      events.close();
    }
  });

  test('the event stream announces window changes and writes', async () => {
    const events = await openEvents(server.port);
    try {
      await server.invoke('guiDeckBrowser');
      await until(() => events.text().includes('event: gui\ndata: main'));
      await server.invoke('addNote', { note: { deckName: 'Default', modelName: 'Basic', fields: { Front: 'x', Back: 'y' } } });
      await until(() => events.text().includes('event: collection'));
    } finally {
      events.close();
    }
  });

  test('the browser selection set by the page is what guiSelectedNotes returns', async () => {
    const cards = (await server.invoke('guiBrowse', { query: 'deck:Default' })).result as number[];
    const ui = (name: string, params: Record<string, unknown>) => httpRequest(server.port, 'POST', params, {}, '127.0.0.1', `/_/ui/${name}`);
    const rows = (await ui('rows', { offset: 0, limit: 10 })).json as { result: { cardId: number; noteId: number }[] };
    assert.equal(rows.result.length, cards.length);
    await ui('select', { cards: [cards[0], 12345] });
    assert.deepEqual((await server.invoke('guiSelectedNotes')).result, [rows.result.find((row) => row.cardId === cards[0])?.noteId]);
  });
});

describe('web UI routes with an API key', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ apiKey: 's3cret/key' });
  });
  after(() => server.stop());

  test('every route but the static files needs the key', async () => {
    assert.equal((await httpRequest(server.port, 'GET', undefined, {}, '127.0.0.1', '/_/ui/')).status, 200);
    const without = await httpRequest(server.port, 'POST', {}, {}, '127.0.0.1', '/_/ui/state');
    assert.deepEqual([without.status, (without.json as { error: string }).error], [403, 'valid api key must be provided']);
    assert.equal((await httpRequest(server.port, 'POST', { key: 's3cret/key' }, {}, '127.0.0.1', '/_/ui/state')).status, 200);
    assert.equal((await httpRequest(server.port, 'GET', undefined, {}, '127.0.0.1', '/_/ui/events')).status, 403);
    await server.post({ action: 'storeMediaFile', version: 6, key: 's3cret/key', params: { filename: 'dot.png', data: DOT } });
    assert.equal((await httpRequest(server.port, 'GET', undefined, {}, '127.0.0.1', '/_/ui/media/-/dot.png')).status, 404);
    assert.equal((await httpRequest(server.port, 'GET', undefined, {}, '127.0.0.1', '/_/ui/media/s3cret%2Fkey/dot.png')).status, 200);
    const events = await openEvents(server.port, '?key=s3cret%2Fkey');
    assert.equal(events.res.statusCode, 200);
    events.close();
  });

  test('a package upload passes the checks every API request passes (key, origin, Host), then imports', async () => {
    const key = 's3cret/key';
    await server.post({ action: 'createDeck', version: 6, key, params: { deck: 'Uploaded' } });
    await server.post({ action: 'addNote', version: 6, key, params: { note: { deckName: 'Uploaded', modelName: 'Basic', fields: { Front: 'up', Back: 'load' } } } });
    const path = join(server.base, 'up.apkg');
    assert.deepEqual((await server.post({ action: 'exportPackage', version: 6, key, params: { deck: 'Uploaded', path } })).json, { result: true, error: null });
    const data = readFileSync(path);
    const upload = (query: string, headers: Record<string, string> = {}) =>
      httpRequest(server.port, 'POST', data, { 'Content-Type': 'application/octet-stream', ...headers }, '127.0.0.1', `/_/ui/upload?name=up.apkg${query}`);
    assert.equal((await upload('')).status, 403, 'no key');
    assert.equal((await upload(`&key=${encodeURIComponent(key)}`, { Origin: 'https://evil.example' })).status, 403, 'a foreign origin');
    assert.equal((await upload(`&key=${encodeURIComponent(key)}`, { Host: 'evil.example' })).status, 403, 'a foreign Host');
    const done = await upload(`&key=${encodeURIComponent(key)}`);
    assert.deepEqual([done.status, done.json], [200, { result: true, error: null }]);
  });
});

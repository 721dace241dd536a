// The sync transport against a fake server (status codes, the moved reply, the size header, a
// stall), and how the server lets a sync own the collection: requests wait for it.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { zstdCompress, zstdDecompress } from '../../src/packages/zstd.js';
import { SyncError } from '../../src/sync/errors.js';
import { SyncHttp } from '../../src/sync/http.js';
import { fetchMeta } from '../../src/sync/sync.js';
import { useTestDispatcher } from '../support/dispatch.js';

type Handler = (req: IncomingMessage, body: Buffer, res: ServerResponse) => void;

describe('transport', () => {
  let handler: Handler = () => undefined;
  let base = '';
  const seen: { path: string; header: string; body: string }[] = [];
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (chunk: Buffer) => parts.push(chunk));
    req.on('end', () => {
      const body = zstdDecompress(Buffer.concat(parts));
      seen.push({ path: req.url ?? '', header: String(req.headers['anki-sync']), body: body.toString() });
      handler(req, body, res);
    });
  });
  const reply = (res: ServerResponse, value: unknown): void => {
    const text = Buffer.from(JSON.stringify(value));
    res.writeHead(200, { 'anki-original-size': String(text.length) }).end(zstdCompress(text));
  };

  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  test('a call is a zstd POST with the anki-sync header; the reply is expanded', async () => {
    handler = (_req, _body, res) => reply(res, { ok: 1 });
    const http = new SyncHttp({ endpoint: `${base}/prefix`, hkey: 'key' });
    assert.deepEqual(await http.json('sync/meta', { v: 11 }), { ok: 1 });
    const last = seen.at(-1)!;
    assert.equal(last.path, '/prefix/sync/meta', 'a missing trailing slash is added, so the prefix stays');
    assert.equal(last.body, '{"v":11}');
    const header = JSON.parse(last.header) as Record<string, unknown>;
    assert.equal(header['v'], 11);
    assert.equal(header['k'], 'key');
    assert.match(String(header['s']), /^[0-9A-Za-z]+$/);
  });

  test("status codes become Anki's errors, with Anki's texts", async () => {
    const http = new SyncHttp({ endpoint: base, hkey: 'k' });
    const cases: [number, string][] = [
      [403, 'Email or password was incorrect; please try again.'],
      [409, 'Only one copy of Anki can sync to your account at once. Please wait a few minutes, then try again.'],
      [400, 'Please use the Check Database function, then sync again. If problems persist, please force a one-way sync in the preferences screen.'],
      [500, 'AnkiWeb encountered a problem. Please try again in a few minutes.'],
      [501, 'Your Anki version is too old. Please update to the latest version to continue syncing.'],
    ];
    for (const [status, message] of cases) {
      handler = (_req, _body, res) => res.writeHead(status).end(String(status));
      await assert.rejects(http.json('sync/start', {}), (err: unknown) => err instanceof SyncError && err.message === message);
    }
    handler = (_req, _body, res) => res.writeHead(200).end(zstdCompress(Buffer.from('{}')));
    await assert.rejects(http.json('sync/start', {}), /A network error occurred\./, 'no original-size header');
  });

  test('a moved reply to meta is followed once and its endpoint reported; elsewhere it is an error', async () => {
    handler = (req, _body, res) => {
      if (req.url === '/sync/meta') res.writeHead(308, { location: `${base}/new/` }).end();
      else reply(res, { mod: 1, scm: 1, usn: 0, ts: 0, msg: '', cont: true, hostNum: 0, media_usn: 0 });
    };
    const http = new SyncHttp({ endpoint: base, hkey: 'k' });
    const { remote, newEndpoint } = await fetchMeta(http);
    assert.equal(newEndpoint, `${base}/new/`);
    assert.equal(http.endpoint, `${base}/new/`);
    assert.equal(remote.mod, 1);
    assert.equal(seen.at(-1)?.path, '/new/sync/meta');
    await assert.rejects(new SyncHttp({ endpoint: base, hkey: 'k' }).json('sync/meta', {}), /A network error occurred\./);
  });

  test('a server that stops sending fails the call after the stall time', async () => {
    handler = () => undefined;
    const http = new SyncHttp({ endpoint: base, hkey: 'k', stallSecs: 1 });
    await assert.rejects(http.json('sync/chunk', {}), /^Error: Connection timed out\.|Connection timed out\./);
  });

  test('an unreachable server is a network error', async () => {
    const http = new SyncHttp({ endpoint: 'http://127.0.0.1:9/', hkey: 'k' });
    await assert.rejects(http.json('sync/meta', {}), (err: unknown) => err instanceof SyncError && err.kind === 'network');
  });
});

describe('the sync action and the gate', () => {
  const t = useTestDispatcher({ scope: 'each' });

  test("without credentials, sync gives Anki-Connect's error and the status says so", async () => {
    await assert.rejects(t.call('sync'), /^Error: sync: auth not configured$/);
    const status = (await t.call('getSyncStatus')) as Record<string, unknown>;
    assert.equal(status['loggedIn'], false);
    assert.equal(status['syncing'], false);
    assert.equal(await t.call('syncLogout'), false);
  });

  test('a remote caller cannot name a sync endpoint (the server would post wherever it was told)', async () => {
    const reply = (await t.request(
      { action: 'syncLogin', version: 6, params: { username: 'u', password: 'p', endpoint: 'http://127.0.0.1:9/' } },
      { local: false },
    )) as { result: unknown; error: string };
    assert.deepEqual(reply, {
      result: null,
      error: 'syncLogin: only clients on this machine can name an endpoint; set syncEndpoint in the config file instead',
    });
  });

  test('requests wait while a task owns the collection, then run in order', async () => {
    let release = (): void => undefined;
    const owner = t.state.gate.exclusive(() => new Promise<void>((resolve) => (release = resolve)));
    const order: string[] = [];
    const note = (label: string): void => {
      order.push(label);
    };
    const added = t.call('addNote', { note: { deckName: 'Default', modelName: 'Basic', fields: { Front: 'waits', Back: 'b' } } }).then(() => note('add'));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(order, [], 'the request has not run');
    note('released');
    release();
    await owner;
    await added;
    assert.deepEqual(order, ['released', 'add']);
  });
});

// The real npm client yanki-connect (4.0.5) driving the server over HTTP. Every action the
// server supports is called through the client's typed methods, or through its `invoke` for the
// two undocumented ones it has no method for (canAddNote, canAddNoteWithErrorDetail); each
// reply is checked, and then the collection itself.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { YankiConnect } from 'yanki-connect';
import type { Collection } from '../src/collection/collection.js';
import { assertIntegrity, tempDir } from './support/collections.js';
import { startTestServer, type TestServer } from './support/server.js';

const DUPLICATE = 'cannot create note because it is a duplicate';

/** Every byte value twice, so any text decoding or base64 slip shows up. */
const BLOB = Buffer.from([...Array.from({ length: 256 }, (_, i) => i), ...Array.from({ length: 256 }, (_, i) => 255 - i)]);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const MP3 = Buffer.from([0x49, 0x44, 0x33, 0x04, 0x00, 0x00, 0xff, 0xfb, 0x90, 0x00, 0x80, 0x7f]);

/** The envelope yanki-connect's `invoke` resolves with. */
interface Envelope {
  result: unknown;
  error: string | null;
}

/**
 * yanki-connect types `invoke` for the documented actions only; canAddNote and
 * canAddNoteWithErrorDetail are real Anki-Connect actions it does not list, so they go through
 * the same method with the action name widened to a string.
 */
function invokeUndocumented(client: YankiConnect, action: string, params: Record<string, unknown>): Promise<Envelope> {
  const invoke = client.invoke.bind(client) as unknown as (name: string, args: Record<string, unknown>) => Promise<Envelope>;
  return invoke(action, params);
}

function basic(front: string, back: string, extra: { deckName?: string; tags?: string[] } = {}) {
  return { deckName: extra.deckName ?? 'Default', modelName: 'Basic', fields: { Front: front, Back: back }, tags: extra.tags ?? [] };
}

function noteCount(col: Collection): number {
  return (col.db.prepare('select count(*) as n from notes').get() as { n: number }).n;
}

function noteRow(col: Collection, id: number): { flds: string; tags: string; mid: number } | undefined {
  return col.db.prepare('select flds, tags, mid from notes where id = ?').get(id) as
    | { flds: string; tags: string; mid: number }
    | undefined;
}

describe('yanki-connect 4.0.5 against the server', () => {
  let server: TestServer;
  let client: YankiConnect;
  let col: Collection;

  before(async () => {
    server = await startTestServer();
    // yanki-connect POSTs to `${host}:${port}` with no path.
    client = new YankiConnect({ host: 'http://127.0.0.1', port: server.port });
    col = server.app.state.collection();
  });
  after(() => server.stop());

  test('miscellaneous: version, requestPermission, apiReflect', async () => {
    assert.equal(await client.miscellaneous.version(), 6);

    const permission = await client.miscellaneous.requestPermission();
    // Anki-Connect's code spells it requireApikey; yanki-connect's types (like the README) read
    // requireApiKey, so the server sends both.
    assert.deepEqual(permission, { permission: 'granted', requireApikey: false, requireApiKey: false, version: 6 });

    const all = await client.miscellaneous.apiReflect({ scopes: ['actions'], actions: null });
    assert.deepEqual(all.scopes, ['actions']);
    const expected = [
      'addNote', 'addNotes', 'apiReflect', 'canAddNote', 'canAddNoteWithErrorDetail', 'canAddNotes',
      'canAddNotesWithErrorDetail', 'createDeck', 'deckNames', 'deckNamesAndIds', 'deleteMediaFile',
      'getMediaDirPath', 'getMediaFilesNames', 'getTags', 'modelFieldNames', 'modelNames', 'modelNamesAndIds',
      'multi', 'notesInfo', 'requestPermission', 'retrieveMediaFile', 'storeMediaFile', 'version',
    ];
    for (const name of expected) assert.ok(all.actions.includes(name), `apiReflect lists ${name}`);
    assert.deepEqual(all.actions, [...all.actions].sort(), 'listed in alphabetical order');

    // A filter keeps the listed order and drops what the server lacks.
    const some = await client.miscellaneous.apiReflect({ scopes: ['actions'], actions: ['version', 'noSuchAction', 'addNote'] });
    assert.deepEqual(some, { scopes: ['actions'], actions: ['version', 'addNote'] });
  });

  test('multi: each item has its own version and its own reply shape', async () => {
    const replies = await client.miscellaneous.multi({
      actions: [
        { action: 'deckNames', version: 6 },
        { action: 'version' },
        { action: 'modelFieldNames', params: { modelName: 'Basic' } },
        { action: 'modelFieldNames', version: 6, params: { modelName: 'No Such Model' } },
      ],
    });
    assert.deepEqual(replies, [
      { result: ['Default'], error: null },
      6,
      ['Front', 'Back'],
      { result: null, error: 'model was not found: No Such Model' },
    ]);
  });

  test('decks: deckNames, createDeck, deckNamesAndIds', async () => {
    assert.deepEqual(await client.deck.deckNames(), ['Default']);

    const id = await client.deck.createDeck({ deck: 'Languages::Japanese' });
    assert.equal(typeof id, 'number');
    assert.ok(Number.isSafeInteger(id) && id > 1);
    assert.equal(await client.deck.createDeck({ deck: 'Languages::Japanese' }), id, 'an existing deck keeps its id');

    assert.deepEqual(await client.deck.deckNames(), ['Default', 'Languages', 'Languages::Japanese']);
    const byName = await client.deck.deckNamesAndIds();
    assert.deepEqual(Object.keys(byName).sort(), ['Default', 'Languages', 'Languages::Japanese']);
    assert.equal(byName['Default'], 1);
    assert.equal(byName['Languages::Japanese'], id);
    for (const value of Object.values(byName)) assert.equal(typeof value, 'number');

    // In the collection: the child under its native name (U+001F separator), the parent created too.
    const rows = col.db.prepare('select id, name from decks order by name').all() as { id: number; name: string }[];
    assert.deepEqual(
      rows.map((row) => row.name),
      ['Default', 'Languages', 'Languages\x1fJapanese'],
    );
    assert.equal(rows.find((row) => row.name === 'Languages\x1fJapanese')?.id, id);
    assert.equal(rows.find((row) => row.name === 'Languages')?.id, byName['Languages']);
    assertIntegrity(col);
  });

  test('models: modelNames, modelNamesAndIds, modelFieldNames', async () => {
    const names = await client.model.modelNames();
    for (const stock of ['Basic', 'Basic (and reversed card)', 'Basic (optional reversed card)', 'Basic (type in the answer)', 'Cloze']) {
      assert.ok(names.includes(stock), `stock note type ${stock}`);
    }

    const byName = await client.model.modelNamesAndIds();
    assert.deepEqual(Object.keys(byName).sort(), [...names].sort());
    const rows = col.db.prepare('select id, name from notetypes').all() as { id: number; name: string }[];
    assert.deepEqual(
      Object.fromEntries(rows.map((row) => [row.name, row.id])),
      byName,
      'the same ids as the notetypes table',
    );
    for (const value of Object.values(byName)) assert.equal(typeof value, 'number');

    assert.deepEqual(await client.model.modelFieldNames({ modelName: 'Basic' }), ['Front', 'Back']);
    assert.deepEqual(await client.model.modelFieldNames({ modelName: 'Cloze' }), ['Text', 'Back Extra']);
    await assert.rejects(client.model.modelFieldNames({ modelName: 'No Such Model' }), {
      message: 'model was not found: No Such Model',
    });
  });

  test('notes: addNote, duplicates refused, notesInfo, getTags', async () => {
    const before = noteCount(col);
    const id = await client.note.addNote({
      note: {
        ...basic('犬', 'dog', { tags: ['yanki', 'Animals::Mammals'] }),
        picture: [{ filename: 'yanki-dog.png', data: PNG.toString('base64'), fields: ['Back'] }],
      },
    });
    assert.equal(typeof id, 'number');
    assert.ok(id !== null && Number.isSafeInteger(id));
    assert.equal(noteCount(col), before + 1);

    const row = noteRow(col, id);
    assert.equal(row?.flds, '犬\x1fdog<img src="yanki-dog.png">');
    assert.equal(row.tags, ' Animals::Mammals yanki ');
    assert.deepEqual(readFileSync(join(col.media.path, 'yanki-dog.png')), PNG);

    await assert.rejects(client.note.addNote({ note: basic('犬', 'another dog') }), { message: DUPLICATE });
    await assert.rejects(client.note.addNote({ note: basic('<b>犬</b>', 'bold dog') }), { message: DUPLICATE });
    assert.equal(noteCount(col), before + 1, 'a refused note leaves nothing behind');
    const allowed = await client.note.addNote({ note: { ...basic('犬', 'allowed twice'), options: { allowDuplicate: true } } });
    assert.equal(typeof allowed, 'number');
    assert.equal(noteCount(col), before + 2);

    const info = await client.note.notesInfo({ notes: [id, 1] });
    assert.equal(info.length, 2);
    const cards = (col.db.prepare('select id from cards where nid = ?').all(id) as { id: number }[]).map((card) => card.id);
    assert.equal(cards.length, 1);
    assert.deepEqual(info[0], {
      noteId: id,
      profile: 'User 1',
      modelName: 'Basic',
      tags: ['Animals::Mammals', 'yanki'],
      fields: { Front: { value: '犬', order: 0 }, Back: { value: 'dog<img src="yanki-dog.png">', order: 1 } },
      mod: Math.floor(col.nowMs() / 1000),
      cards,
    });
    assert.deepEqual(info[1], {}, 'an unknown note id gives {}');

    const tags = await client.note.getTags();
    assert.ok(tags.includes('yanki'));
    assert.ok(tags.includes('Animals::Mammals'));
    assert.deepEqual(
      tags,
      (col.db.prepare('select tag from tags order by tag').all() as { tag: string }[]).map((r) => r.tag),
    );
    assertIntegrity(col);
  });

  test('addNotes: a failing note gives null and the others are kept', async () => {
    await client.note.addNote({ note: basic('existing', 'already here') });
    const before = noteCount(col);
    const ids = await client.note.addNotes({
      notes: [
        basic('first of batch', '1', { tags: ['batch'] }),
        basic('existing', 'duplicate of an earlier note'),
        basic('second of batch', '2', { tags: ['batch'] }),
        { deckName: 'Default', modelName: 'No Such Model', fields: { Front: 'x' } },
        basic('third of batch', '3', { deckName: 'No Such Deck' }),
      ],
    });
    assert.ok(ids !== null);
    assert.equal(ids.length, 5);
    assert.equal(typeof ids[0], 'number');
    assert.equal(ids[1], null);
    assert.equal(typeof ids[2], 'number');
    assert.equal(ids[3], null);
    assert.equal(ids[4], null);
    assert.equal(noteCount(col), before + 2);

    const first = Number(ids[0]);
    const second = Number(ids[2]);
    assert.equal(noteRow(col, first)?.flds, 'first of batch\x1f1');
    assert.equal(noteRow(col, second)?.flds, 'second of batch\x1f2');
    assert.equal(noteRow(col, second)?.tags, ' batch ');
    const dupes = col.db.prepare("select count(*) as n from notes where sfld = 'existing'").get() as { n: number };
    assert.equal(dupes.n, 1, 'the duplicate was not added');
    const orphans = col.db.prepare('select count(*) as n from cards where nid not in (select id from notes)').get() as { n: number };
    assert.equal(orphans.n, 0);
    assertIntegrity(col);
  });

  test('canAddNote, canAddNotes and their error-detail forms check without writing', async () => {
    await client.note.addNote({ note: basic('taken', 'x') });
    const before = noteCount(col);
    const fresh = basic('never added', 'y');
    const duplicate = basic('taken', 'z');
    const empty = basic('', 'no front');
    const noDeck = basic('somewhere', 'else', { deckName: 'No Such Deck' });

    assert.deepEqual(await client.note.canAddNotes({ notes: [fresh, duplicate, empty, noDeck] }), [true, false, false, false]);
    assert.deepEqual(await client.note.canAddNotesWithErrorDetail({ notes: [fresh, duplicate, empty, noDeck] }), [
      { canAdd: true },
      { canAdd: false, error: DUPLICATE },
      { canAdd: false, error: 'cannot create note because it is empty' },
      { canAdd: false, error: 'deck was not found: No Such Deck' },
    ]);
    assert.deepEqual(
      await client.note.canAddNotesWithErrorDetail({ notes: [{ ...duplicate, options: { allowDuplicate: true } }] }),
      [{ canAdd: true }],
    );

    assert.deepEqual(await invokeUndocumented(client, 'canAddNote', { note: fresh }), { result: true, error: null });
    assert.deepEqual(await invokeUndocumented(client, 'canAddNote', { note: duplicate }), { result: false, error: null });
    assert.deepEqual(await invokeUndocumented(client, 'canAddNoteWithErrorDetail', { note: fresh }), {
      result: { canAdd: true },
      error: null,
    });
    assert.deepEqual(await invokeUndocumented(client, 'canAddNoteWithErrorDetail', { note: duplicate }), {
      result: { canAdd: false, error: DUPLICATE },
      error: null,
    });

    assert.equal(noteCount(col), before, 'the checks added nothing');
  });
});

describe('yanki-connect media actions', () => {
  let server: TestServer;
  let client: YankiConnect;
  let col: Collection;
  let web: Server;
  let webPort: number;
  let scratch: { dir: string; remove: () => void };
  const served: string[] = [];

  before(async () => {
    server = await startTestServer();
    client = new YankiConnect({ host: 'http://127.0.0.1', port: server.port });
    col = server.app.state.collection();
    scratch = tempDir('acs-yanki-media-');
    // A small web server for storeMediaFile's `url`: the server downloads from it.
    web = createServer((req, res) => {
      served.push(req.url ?? '');
      if (req.url === '/media/kitten.png') {
        res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': PNG.length });
        res.end(PNG);
      } else if (req.url === '/media/blob.bin') {
        res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
        res.end(BLOB);
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    webPort = (web.address() as AddressInfo).port;
  });
  after(async () => {
    await new Promise<void>((resolve) => web.close(() => resolve()));
    scratch.remove();
    await server.stop();
  });

  test('getMediaDirPath is the collection media folder', async () => {
    const dir = await client.media.getMediaDirPath();
    assert.equal(dir, col.media.path);
    assert.ok(dir.endsWith('collection.media'));
  });

  test('storeMediaFile from data, url and path; each round-trips byte for byte', async () => {
    const dir = await client.media.getMediaDirPath();

    assert.equal(await client.media.storeMediaFile({ filename: 'yanki_data.bin', data: BLOB.toString('base64') }), 'yanki_data.bin');
    assert.deepEqual(readFileSync(join(dir, 'yanki_data.bin')), BLOB);

    const url = `http://127.0.0.1:${webPort}/media/kitten.png`;
    assert.equal(await client.media.storeMediaFile({ filename: 'yanki_url.png', url }), 'yanki_url.png');
    assert.ok(served.includes('/media/kitten.png'), 'the server fetched the url');
    assert.deepEqual(readFileSync(join(dir, 'yanki_url.png')), PNG);
    assert.equal(
      await client.media.storeMediaFile({ filename: 'yanki_url.bin', url: `http://127.0.0.1:${webPort}/media/blob.bin` }),
      'yanki_url.bin',
    );
    assert.deepEqual(readFileSync(join(dir, 'yanki_url.bin')), BLOB);
    await assert.rejects(
      client.media.storeMediaFile({ filename: 'missing.png', url: `http://127.0.0.1:${webPort}/media/missing.png` }),
      (err: unknown) => err instanceof Error && err.message.includes('404'),
    );
    assert.equal(existsSync(join(dir, 'missing.png')), false);

    const source = join(scratch.dir, 'local ねこ.mp3');
    writeFileSync(source, MP3);
    assert.equal(await client.media.storeMediaFile({ filename: 'yanki_path_ねこ.mp3', path: source }), 'yanki_path_ねこ.mp3');
    assert.deepEqual(readFileSync(join(dir, 'yanki_path_ねこ.mp3')), MP3);

    for (const [name, bytes] of [
      ['yanki_data.bin', BLOB],
      ['yanki_url.png', PNG],
      ['yanki_url.bin', BLOB],
      ['yanki_path_ねこ.mp3', MP3],
    ] as const) {
      const base64 = await client.media.retrieveMediaFile({ filename: name });
      assert.equal(typeof base64, 'string', name);
      assert.deepEqual(Buffer.from(String(base64), 'base64'), bytes, name);
    }
    assert.equal(await client.media.retrieveMediaFile({ filename: 'no-such-file.png' }), false);

    // deleteExisting (the default) replaces a file of the same name instead of renaming.
    assert.equal(await client.media.storeMediaFile({ filename: 'yanki_data.bin', data: PNG.toString('base64') }), 'yanki_data.bin');
    assert.deepEqual(readFileSync(join(dir, 'yanki_data.bin')), PNG);
  });

  test('getMediaFilesNames and deleteMediaFile', async () => {
    await client.media.storeMediaFile({ filename: 'list_a.txt', data: Buffer.from('a').toString('base64') });
    await client.media.storeMediaFile({ filename: 'list_b.txt', data: Buffer.from('b').toString('base64') });
    await client.media.storeMediaFile({ filename: 'other.dat', data: Buffer.from('c').toString('base64') });

    assert.deepEqual((await client.media.getMediaFilesNames({ pattern: 'list_*.txt' })).sort(), ['list_a.txt', 'list_b.txt']);
    const all = await client.media.getMediaFilesNames({ pattern: '*' });
    for (const name of ['list_a.txt', 'list_b.txt', 'other.dat']) assert.ok(all.includes(name), name);

    assert.equal(await client.media.deleteMediaFile({ filename: 'list_a.txt' }), null);
    assert.deepEqual(await client.media.getMediaFilesNames({ pattern: 'list_*.txt' }), ['list_b.txt']);
    assert.equal(await client.media.retrieveMediaFile({ filename: 'list_a.txt' }), false);
    assert.equal(existsSync(join(col.media.path, 'list_a.txt')), false);
    assert.equal(existsSync(join(col.media.trashPath, 'list_a.txt')), true, 'moved to the media trash');
    assert.equal(await client.media.deleteMediaFile({ filename: 'list_a.txt' }), null, 'deleting a missing file is not an error');
    assertIntegrity(col);
  });
});

describe('yanki-connect with an API key', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer({ apiKey: 'secret' });
  });
  after(() => server.stop());

  test('the client with key "secret" works', async () => {
    const client = new YankiConnect({ host: 'http://127.0.0.1', port: server.port, key: 'secret' });
    assert.equal(await client.miscellaneous.version(), 6);
    assert.deepEqual(await client.miscellaneous.requestPermission(), {
      permission: 'granted',
      requireApikey: true,
      requireApiKey: true,
      version: 6,
    });
    const id = await client.deck.createDeck({ deck: 'Keyed' });
    assert.deepEqual(await client.deck.deckNamesAndIds(), { Default: 1, Keyed: id });
    assert.deepEqual(
      await client.miscellaneous.multi({ actions: [{ action: 'deckNames', version: 6 }] }),
      [{ result: null, error: 'valid api key must be provided' }],
      'items of multi need their own key, as in Anki-Connect',
    );
    assertIntegrity(server.app.state.collection());
  });

  test('without the key (or with a wrong one) every action but requestPermission is refused', async () => {
    const anonymous = new YankiConnect({ host: 'http://127.0.0.1', port: server.port });
    await assert.rejects(anonymous.miscellaneous.version(), { message: 'valid api key must be provided' });
    await assert.rejects(anonymous.deck.createDeck({ deck: 'Sneaky' }), { message: 'valid api key must be provided' });
    assert.deepEqual(await anonymous.invoke('deckNames'), { result: null, error: 'valid api key must be provided' });
    const wrong = new YankiConnect({ host: 'http://127.0.0.1', port: server.port, key: 'wrong' });
    await assert.rejects(wrong.deck.deckNames(), { message: 'valid api key must be provided' });

    // requestPermission needs no key: it is how a client learns that one is required.
    assert.deepEqual(await anonymous.miscellaneous.requestPermission(), {
      permission: 'granted',
      requireApikey: true,
      requireApiKey: true,
      version: 6,
    });
    const decks = server.app.state.collection().db.prepare("select count(*) as n from decks where name = 'Sneaky'").get() as {
      n: number;
    };
    assert.equal(decks.n, 0);
  });
});

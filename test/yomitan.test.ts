// Yomitan's add flow replayed over HTTP with the bodies it sends (ecosystem.md §1.1; the addNote
// body follows Yomitan's own golden fixture getExpectedAddNoteBody in
// test/playwright/playwright-util.js): `version: 2` everywhere, so successful replies are the
// bare values while errors keep the envelope; every request comes from an extension origin and
// every reply must carry the CORS header that lets the extension read it.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Collection } from '../src/collection/collection.js';
import { assertIntegrity } from './support/collections.js';
import { httpRequest, startTestServer, type HttpReply, type TestServer } from './support/server.js';

/** A Yomitan extension origin (Chrome Web Store id of Yomitan). */
const ORIGIN = 'chrome-extension://likgccmbimhjbgkjambclfkhldnlhbnn';
const HEADERS = { Origin: ORIGIN, 'Content-Type': 'application/json' };
const DUPLICATE = 'cannot create note because it is a duplicate';

const AUDIO = Buffer.from([0x49, 0x44, 0x33, 0x03, 0x00, 0x00, 0x00, 0x00, 0x0f, 0x76, 0xff, 0xfb, 0x90, 0x64]);
const SCREENSHOT = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const AUDIO_NAME = 'yomitan_audio_ねこ_猫.mp3';
const SCREENSHOT_NAME = 'yomitan_browser_screenshot_ねこ_猫.png';

/** Yomitan's duplicate options for its three scope settings. */
type Scope = 'collection' | 'deck' | 'deck-root';

function duplicateOptions(scope: Scope, deckName: string, allowDuplicate: boolean) {
  if (scope === 'deck-root') {
    // Yomitan turns "deck-root" into scope "deck" on the root deck, children included.
    const root = deckName.split('::')[0] ?? deckName;
    return {
      allowDuplicate,
      duplicateScope: 'deck',
      duplicateScopeOptions: { deckName: root, checkChildren: true, checkAllModels: false },
    };
  }
  return {
    allowDuplicate,
    duplicateScope: scope,
    duplicateScopeOptions: { deckName: null, checkChildren: false, checkAllModels: false },
  };
}

/** A note as Yomitan builds it, keys in its order: fields, tags, deckName, modelName, options. */
function yomitanNote(fields: Record<string, string>, deckName: string, scope: Scope, allowDuplicate: boolean) {
  return { fields, tags: ['yomitan'], deckName, modelName: 'Basic', options: duplicateOptions(scope, deckName, allowDuplicate) };
}

/** What Yomitan sends to check for duplicates: only the first field, allowDuplicate false. */
function strippedNote(front: string, deckName: string, scope: Scope) {
  return yomitanNote({ Front: front }, deckName, scope, false);
}

function header(reply: HttpReply, name: string): string | undefined {
  const value = reply.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

describe('Yomitan add flow (version 2, extension origin)', () => {
  let server: TestServer;
  let col: Collection;
  let noteId = 0;

  /** Sends a request exactly as Yomitan's AnkiConnect._invoke does and checks status and CORS. */
  async function yomitan(action: string, params: Record<string, unknown>): Promise<HttpReply> {
    const reply = await server.post({ action, params, version: 2 }, HEADERS);
    assert.equal(reply.status, 200, `${action}: HTTP status`);
    assert.equal(header(reply, 'access-control-allow-origin'), ORIGIN, `${action}: CORS origin echoed`);
    assert.equal(header(reply, 'content-type'), 'application/json', `${action}: content type`);
    return reply;
  }

  before(async () => {
    server = await startTestServer();
    col = server.app.state.collection();
    // The user's decks, made beforehand (Yomitan never creates decks).
    for (const deck of ['Mining', 'Mining::Sub', 'Unrelated']) {
      const reply = await server.invoke('createDeck', { deck });
      assert.equal(reply.error, null);
    }
  });
  after(() => server.stop());

  test('1. version answers the bare number 6', async () => {
    const reply = await yomitan('version', {});
    assert.equal(reply.text, '6');
    assert.equal(reply.json, 6);
  });

  test('2. canAddNotesWithErrorDetail on first-field-only notes answers a bare array', async () => {
    const reply = await yomitan('canAddNotesWithErrorDetail', { notes: [strippedNote('猫', 'Mining', 'collection')] });
    assert.deepEqual(reply.json, [{ canAdd: true }]);

    // Several card formats per entry, one of them unconfigured (empty deck and model): the array
    // keeps the length Yomitan checks, and the broken one says why.
    const formats = await yomitan('canAddNotesWithErrorDetail', {
      notes: [
        strippedNote('猫', 'Mining', 'collection'),
        strippedNote('猫', 'Mining', 'deck'),
        { fields: {}, tags: ['yomitan'], deckName: '', modelName: '', options: duplicateOptions('collection', '', false) },
      ],
    });
    assert.deepEqual(formats.json, [{ canAdd: true }, { canAdd: true }, { canAdd: false, error: 'model was not found: ' }]);
  });

  test('3. storeMediaFile answers the bare file name', async () => {
    const audio = await yomitan('storeMediaFile', { filename: AUDIO_NAME, data: AUDIO.toString('base64') });
    assert.equal(audio.json, AUDIO_NAME);
    const picture = await yomitan('storeMediaFile', { filename: SCREENSHOT_NAME, data: SCREENSHOT.toString('base64') });
    assert.equal(picture.json, SCREENSHOT_NAME);
  });

  test('4. addNote with Yomitan\'s options answers the bare note id', async () => {
    const fields = {
      Front: '猫',
      Back: `ねこ<br>cat; a small domesticated carnivore [sound:${AUDIO_NAME}]<br><img src="${SCREENSHOT_NAME}">`,
    };
    const reply = await yomitan('addNote', { note: yomitanNote(fields, 'Mining', 'collection', true) });
    assert.match(reply.text, /^\d+$/);
    assert.equal(typeof reply.json, 'number');
    noteId = reply.json as number;
    assert.ok(Number.isSafeInteger(noteId) && noteId > 0);
    assert.ok(
      col.db.prepare('select 1 from notes where id = ?').get(noteId) !== undefined,
      'the returned id is the stored note',
    );
  });

  test('5. the lookup now sees a duplicate; findNotes in multi is per-item versioned', async () => {
    const reply = await yomitan('canAddNotesWithErrorDetail', { notes: [strippedNote('猫', 'Mining', 'collection')] });
    assert.deepEqual(reply.json, [{ canAdd: false, error: DUPLICATE }]);

    // Yomitan then looks the duplicates up with multi + findNotes; its inner items carry no
    // version, so they default to 4 (bare results), while the outer multi is version 2 (a bare
    // array): each item is the bare array of the duplicate's note id. The queries lowercase the
    // first field's name and add the deck for the "deck" scopes.
    const multi = await yomitan('multi', {
      actions: [
        { action: 'findNotes', params: { query: '"front:猫"' } },
        { action: 'findNotes', params: { query: '"deck:Mining" "front:猫"' } },
        { action: 'findNotes', params: { query: '"deck:Unrelated" "front:猫"' } },
      ],
    });
    assert.ok(Array.isArray(multi.json), 'the outer reply is a bare array');
    assert.deepEqual(multi.json, [[noteId], [noteId], []]);
  });

  test('6. the "deck-root" scope: a note in a child deck is a duplicate, one in an unrelated deck is not', async () => {
    // Notes already mined into a child of the root deck and into an unrelated deck.
    const sub = await yomitan('addNote', { note: yomitanNote({ Front: '犬', Back: 'dog' }, 'Mining::Sub', 'deck-root', true) });
    assert.equal(typeof sub.json, 'number');
    const other = await yomitan('addNote', { note: yomitanNote({ Front: '鳥', Back: 'bird' }, 'Unrelated', 'deck-root', true) });
    assert.equal(typeof other.json, 'number');
    assert.equal(
      (col.db.prepare('select did from cards where nid = ?').get(sub.json as number) as { did: number }).did,
      col.decks.idByName('Mining::Sub'),
    );

    const check = async (notes: unknown[]) => (await yomitan('canAddNotesWithErrorDetail', { notes })).json;
    assert.deepEqual(
      await check([
        strippedNote('犬', 'Mining', 'deck-root'), // child of the root: duplicate
        strippedNote('犬', 'Mining::Sub', 'deck-root'), // the root is Mining whatever the target deck
        strippedNote('犬', 'Mining', 'deck'), // plain deck scope: Mining itself holds no 犬
        strippedNote('鳥', 'Mining', 'deck-root'), // only in Unrelated: not a duplicate
        strippedNote('鳥', 'Mining', 'collection'), // but it is one collection-wide
      ]),
      [
        { canAdd: false, error: DUPLICATE },
        { canAdd: false, error: DUPLICATE },
        { canAdd: true },
        { canAdd: true },
        { canAdd: false, error: DUPLICATE },
      ],
    );
  });

  test('7. errors keep the envelope at version 2', async () => {
    const unknown = await yomitan('noSuchAction', {});
    assert.deepEqual(unknown.json, { result: null, error: 'unsupported action' });

    // "View note": Yomitan tries guiEditNote (falling back to guiBrowse on "unsupported action");
    // it opens the Edit dialog of the server's windows, a bare null at version 2.
    const edit = await yomitan('guiEditNote', { note: noteId });
    assert.equal(edit.json, null);

    // An implemented action failing: the envelope too, so Yomitan shows "Anki error: …".
    const refused = await yomitan('addNote', {
      note: yomitanNote({ Front: '猫', Back: 'again' }, 'Mining', 'collection', false),
    });
    assert.deepEqual(refused.json, { result: null, error: DUPLICATE });
    const fields = await yomitan('modelFieldNames', { modelName: 'Yomitan Missing Model' });
    assert.deepEqual(fields.json, { result: null, error: 'model was not found: Yomitan Missing Model' });
  });

  test('8. CORS: the preflight from the extension origin is answered; a web page origin is refused', async () => {
    const preflight = await httpRequest(server.port, 'OPTIONS', undefined, {
      Origin: ORIGIN,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'content-type',
      'Access-Control-Request-Private-Network': 'true',
    });
    assert.equal(preflight.status, 200);
    assert.equal(preflight.text, '');
    assert.equal(header(preflight, 'access-control-allow-origin'), ORIGIN);
    assert.equal(header(preflight, 'access-control-allow-headers'), '*');
    assert.equal(header(preflight, 'access-control-allow-private-network'), 'true');

    // The same body from an ordinary web page is refused: the extension origin is what allows it.
    const page = await server.post({ action: 'version', params: {}, version: 2 }, { ...HEADERS, Origin: 'https://example.com' });
    assert.equal(page.status, 403);
    assert.equal(page.text, '');
    assert.equal(header(page, 'access-control-allow-origin'), 'http://localhost');
  });

  test('the collection holds the note, its cards and media, and passes the integrity checker', () => {
    const row = col.db.prepare('select mid, flds, tags from notes where id = ?').get(noteId) as
      | { mid: number; flds: string; tags: string }
      | undefined;
    assert.ok(row !== undefined);
    assert.equal(row.mid, col.notetypes.idByName('Basic'));
    assert.equal(
      row.flds,
      `猫\x1fねこ<br>cat; a small domesticated carnivore [sound:${AUDIO_NAME}]<br><img src="${SCREENSHOT_NAME}">`,
    );
    assert.equal(row.tags, ' yomitan ');
    const cards = col.db.prepare('select did from cards where nid = ?').all(noteId) as { did: number }[];
    assert.deepEqual(cards, [{ did: col.decks.idByName('Mining') }]);
    assert.equal(
      (col.db.prepare("select count(*) as n from notes where sfld = '猫'").get() as { n: number }).n,
      1,
      'the refused duplicate left nothing behind',
    );
    assert.deepEqual(col.tags.all(), ['yomitan']);

    assert.ok(existsSync(join(col.media.path, AUDIO_NAME)));
    assert.deepEqual(readFileSync(join(col.media.path, AUDIO_NAME)), AUDIO);
    assert.deepEqual(readFileSync(join(col.media.path, SCREENSHOT_NAME)), SCREENSHOT);
    assertIntegrity(col);
  });
});

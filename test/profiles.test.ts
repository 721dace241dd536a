// Profiles (getProfiles, getActiveProfile, loadProfile) and reloadCollection, including
// upstream test_misc's cases: one folder of the base folder per profile, switched between
// requests as Anki-Connect switches them.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { openCollection } from '../src/collection/open.js';
import { assertIntegrity, tempDir } from './support/collections.js';
import { newTestDispatcher, type TestDispatcher } from './support/dispatch.js';
import { startTestServer } from './support/server.js';

let t: TestDispatcher;
beforeEach(() => {
  t = newTestDispatcher({ profile: 'test_user' });
});
afterEach(() => {
  assertIntegrity(t.state.collection());
  t.close();
});

/** Makes a second profile the way Anki would have left it: a folder with a collection. */
function addProfile(name: string): void {
  openCollection(join(t.base, name, 'collection.anki2'), { mediaDir: join(t.base, name, 'collection.media') }).close();
}

const note = (front: string) => ({ note: { deckName: 'Default', modelName: 'Basic', fields: { Front: front, Back: 'b' } } });

describe('upstream test_misc', () => {
  test('getProfiles lists the profile; loadProfile of it works', async () => {
    assert.deepEqual(await t.call('getProfiles'), ['test_user']);
    assert.equal(await t.call('loadProfile', { name: 'test_user' }), true);
    assert.equal(await t.call('getActiveProfile'), 'test_user');
  });

  test('reloadCollection runs', async () => {
    assert.equal(await t.call('reloadCollection'), null);
  });
});

describe('profiles', () => {
  test('only folders holding a collection are profiles, in code-point order', async () => {
    addProfile('Zed');
    addProfile('Ärger');
    addProfile('alpha');
    mkdirSync(join(t.base, 'addons21'));
    writeFileSync(join(t.base, 'prefs21.db'), '');
    assert.deepEqual(await t.call('getProfiles'), ['Zed', 'alpha', 'test_user', 'Ärger']);
  });

  test('an unknown name, or one reaching outside the base folder, gives false and changes nothing', async () => {
    addProfile('Other');
    for (const name of ['Nope', '../test_user', 'Other/..', '', 'addons21']) {
      assert.equal(await t.call('loadProfile', { name }), false, name);
    }
    assert.equal(await t.call('getActiveProfile'), 'test_user');
  });

  test('the switch happens when the request is done; each profile keeps its own notes', async () => {
    addProfile('Other');
    const mine = (await t.call('addNote', note('in test_user'))) as number;
    const replies = (await t.call('multi', {
      actions: [
        { action: 'loadProfile', version: 6, params: { name: 'Other' } },
        { action: 'getActiveProfile', version: 6 },
        { action: 'findNotes', version: 6, params: { query: '' } },
      ],
    })) as unknown[];
    assert.deepEqual(replies, [
      { result: true, error: null },
      { result: 'test_user', error: null },
      { result: [mine], error: null },
    ]);
    assert.equal(await t.call('getActiveProfile'), 'Other');
    assert.deepEqual(await t.call('findNotes', { query: '' }), []);
    const theirs = (await t.call('addNote', note('in Other'))) as number;
    assert.equal(((await t.call('notesInfo', { notes: [theirs] })) as { profile: string }[])[0]?.profile, 'Other');

    // The profile left behind is closed: another program may open its file now.
    const db = new Database(join(t.base, 'test_user', 'collection.anki2'), { readonly: true });
    try {
      assert.equal(db.prepare('select count() from notes').pluck().get(), 1);
    } finally {
      db.close();
    }

    assertIntegrity(t.state.collection());
    assert.equal(await t.call('loadProfile', { name: 'test_user' }), true);
    assert.deepEqual(await t.call('findNotes', { query: '' }), [mine]);
  });

  test('a profile whose collection cannot be opened is an error, and the open profile stays', async () => {
    mkdirSync(join(t.base, 'Broken'));
    writeFileSync(join(t.base, 'Broken', 'collection.anki2'), 'not a database, just text long enough to be a page header');
    await assert.rejects(t.call('loadProfile', { name: 'Broken' }));
    assert.equal(await t.call('getActiveProfile'), 'test_user');
    assert.equal(typeof (await t.call('addNote', note('still here'))), 'number');
  });

  test('reloadCollection reads the collection afresh', async () => {
    const id = (await t.call('createDeck', { deck: 'Before' })) as number;
    assert.equal(await t.call('deckNameFromId', { deckId: id }), 'Before');
    // A change the server did not make (as a repair tool would leave one).
    t.state.collection().db.prepare('update decks set name = ? where id = ?').run('After', id);
    assert.equal(await t.call('deckNameFromId', { deckId: id }), 'Before');
    assert.equal(await t.call('reloadCollection'), null);
    assert.equal(await t.call('deckNameFromId', { deckId: id }), 'After');
  });
});

describe('over HTTP', () => {
  test('loadProfile switches the server to the other profile once its reply is sent', async () => {
    const server = await startTestServer();
    try {
      const other = join(server.base, 'Other');
      openCollection(join(other, 'collection.anki2'), { mediaDir: join(other, 'collection.media') }).close();
      assert.deepEqual(await server.invoke('getProfiles'), { result: ['Other', 'User 1'], error: null });
      assert.deepEqual(await server.invoke('loadProfile', { name: 'Other' }), { result: true, error: null });
      assert.deepEqual(await server.invoke('getActiveProfile'), { result: 'Other', error: null });
      assert.equal(((await server.invoke('getMediaDirPath')).result as string).startsWith(other), true);
    } finally {
      await server.stop();
    }
  });

  test('a profile another program holds is refused at once, with the reason; the open one stays', async () => {
    const server = await startTestServer();
    const other = join(server.base, 'Held');
    openCollection(join(other, 'collection.anki2'), { mediaDir: join(other, 'collection.media') }).close();
    // Held as Anki holds a collection: exclusive locking, the lock taken by a write.
    const holder = new Database(join(other, 'collection.anki2'));
    try {
      holder.pragma('locking_mode = exclusive');
      holder.exec('begin exclusive; update col set mod = mod; commit');
      const reply = await server.invoke('loadProfile', { name: 'Held' });
      assert.equal(reply.result, null);
      assert.match(reply.error ?? '', /another program has the collection open \(Anki, or another server\); close it there first$/);
      assert.deepEqual(await server.invoke('getActiveProfile'), { result: 'User 1', error: null });
    } finally {
      holder.close();
      await server.stop();
    }
  });

  test('the temporary files a killed server left in the media folder are cleared when the profile opens', () => {
    const { dir, remove } = tempDir('acs-sweep-');
    try {
      const path = join(dir, 'User 1', 'collection.anki2');
      const media = join(dir, 'User 1', 'collection.media');
      openCollection(path, { mediaDir: media }).close();
      writeFileSync(join(media, '.anki-connect-server-tmp-0123abcd'), 'half a file');
      writeFileSync(join(media, 'kept.txt'), 'a media file');
      // A scratch open (no profile lock) leaves them: another server may be writing there.
      openCollection(path, { mediaDir: media }).close();
      assert.equal(readdirSync(media).length, 2);
      openCollection(path, { mediaDir: media, lock: true }).close();
      assert.deepEqual(readdirSync(media), ['kept.txt']);
    } finally {
      remove();
    }
  });
});

/**
 * importCollectionPackage: the collection is replaced whole (after a backup copy beside it),
 * the package's media join the folder, and the server goes on serving the new collection.
 */
import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { zipSync } from 'fflate';
import { assertIntegrity, tempDir } from '../support/collections.js';
import { newTestDispatcher, type TestDispatcher } from '../support/dispatch.js';
import { fixture } from '../support/fixtures.js';

describe('importCollectionPackage', () => {
  let ac: TestDispatcher;
  let work: { dir: string; remove: () => void };
  beforeEach(() => {
    ac = newTestDispatcher();
    work = tempDir('acs-colpkg-');
  });
  afterEach(() => {
    try {
      // The collection served now, not the one the test began with.
      assertIntegrity(ac.state.collection());
    } finally {
      ac.close();
      work.remove();
    }
  });
  const notes = (): number => ac.state.collection().stmt<[], { n: number }>('select count() as n from notes').get()?.n ?? 0;

  test('replaces the collection, keeps a backup beside it and serves the new one', async () => {
    await ac.call('addNote', { note: { deckName: 'Default', modelName: 'Basic', fields: { Front: 'before', Back: '' } } });
    await ac.call('createDeck', { deck: 'Old deck' });
    const before = ac.state.collection();
    assert.equal(await ac.call('importCollectionPackage', { path: fixture('srs-converter/empty-legacy-2.colpkg') }), true);
    assert.notEqual(ac.state.collection(), before);
    assert.ok(before.isClosed);
    assert.equal(notes(), 0);
    assert.deepEqual(await ac.call('deckNames'), ['Default']);
    const profileDir = dirname(ac.state.collection().path);
    assert.ok(readdirSync(profileDir).some((name) => /^collection\.anki2\.before-import-\d{8}-\d{6}\.bak$/.test(name)));
    // The package's extraction folder is gone.
    assert.ok(!readdirSync(profileDir).some((name) => name.startsWith('package-')));
    // Still serving: a write goes to the new collection.
    await ac.call('addNote', { note: { deckName: 'Default', modelName: 'Basic', fields: { Front: 'after', Back: '' } } });
    assert.equal(notes(), 1);
  });

  test("a collection exported by the server comes back whole, media included", async () => {
    await ac.call('storeMediaFile', { filename: 'kept.txt', data: Buffer.from('media').toString('base64') });
    await ac.call('addNote', { note: { deckName: 'Default', modelName: 'Basic', fields: { Front: '<img src="kept.txt">', Back: '' } } });
    const path = join(work.dir, 'backup.colpkg');
    assert.equal(await ac.call('exportCollectionPackage', { path }), true);
    await ac.call('deleteNotes', { notes: (await ac.call('findNotes', { query: '' })) as number[] });
    await ac.call('deleteMediaFile', { filename: 'kept.txt' });
    assert.equal(notes(), 0);
    assert.equal(await ac.call('importCollectionPackage', { path }), true);
    assert.equal(notes(), 1);
    assert.deepEqual(await ac.call('getMediaFilesNames'), ['kept.txt']);
  });

  test('a package whose collection is damaged is refused and the collection stays', async () => {
    await ac.call('addNote', { note: { deckName: 'Default', modelName: 'Basic', fields: { Front: 'kept', Back: '' } } });
    const path = join(work.dir, 'damaged.colpkg');
    writeFileSync(path, zipSync({ 'collection.anki2': Buffer.from('SQLite format 3\0 and then nothing useful') }));
    const before = ac.state.collection();
    await assert.rejects(ac.call('importCollectionPackage', { path }), /not a valid \.apkg file/);
    assert.equal(ac.state.collection(), before);
    assert.equal(notes(), 1);
  });
});

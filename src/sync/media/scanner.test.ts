import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { sha1Hex } from '../../media/hash.js';
import { MediaDatabase } from './database.js';
import { mtimeMillis } from './file-times.js';
import { isSyncableName, registerChanges } from './scanner.js';

let root = '';
let mediaDir = '';
let db: MediaDatabase;
// Folder and file times are set explicitly, a few seconds apart, so that every step is seen as a
// change however coarse the filesystem's clock is.
let clock = 1_700_000_000;

function bumpFolder(): void {
  clock += 10;
  utimesSync(mediaDir, clock, clock);
}

function writeMedia(name: string, text: string): void {
  writeFileSync(join(mediaDir, name), text);
  clock += 10;
  utimesSync(join(mediaDir, name), clock, clock);
  bumpFolder();
}

const rows = (): [string, string | null, boolean][] =>
  db.pendingUploads(1000).map((e) => [e.fname, e.sha1, e.dirty]);

describe('registerChanges', () => {
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'acs-media-scan-'));
    mediaDir = join(root, 'collection.media');
    mkdirSync(mediaDir);
    db = MediaDatabase.open(join(root, 'collection.media.db2'));
  });
  afterEach(() => {
    db.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('records new files as pending uploads, with their mtime in seconds and dirMod in ms', async () => {
    writeMedia('a.jpg', 'hello');
    const result = await registerChanges(db, mediaDir);
    assert.deepEqual(result, { scanned: true, changed: 1, removed: 0 });
    assert.deepEqual(db.getEntry('a.jpg'), { fname: 'a.jpg', sha1: sha1Hex(Buffer.from('hello')), mtime: clock - 10, dirty: true });
    assert.equal(db.getMeta().dirMod, mtimeMillis(mediaDir));
  });

  it('skips the scan while the folder mtime is unchanged', async () => {
    writeMedia('a.jpg', 'hello');
    await registerChanges(db, mediaDir);
    // A change that does not touch the folder's mtime goes unseen, as in Anki.
    writeFileSync(join(mediaDir, 'a.jpg'), 'changed');
    utimesSync(mediaDir, clock, clock);
    assert.deepEqual(await registerChanges(db, mediaDir), { scanned: false, changed: 0, removed: 0 });
  });

  it('a changed file is pending again; a touched but identical file keeps its mark', async () => {
    writeMedia('a.jpg', 'hello');
    writeMedia('b.jpg', 'same');
    await registerChanges(db, mediaDir);
    db.markClean(['a.jpg', 'b.jpg']);
    writeMedia('a.jpg', 'hello again');
    writeMedia('b.jpg', 'same');
    const result = await registerChanges(db, mediaDir);
    assert.equal(result.changed, 2);
    assert.deepEqual(db.getEntry('a.jpg'), { fname: 'a.jpg', sha1: sha1Hex(Buffer.from('hello again')), mtime: clock - 30, dirty: true });
    assert.deepEqual(db.getEntry('b.jpg'), { fname: 'b.jpg', sha1: sha1Hex(Buffer.from('same')), mtime: clock - 10, dirty: false });
  });

  it('a vanished file becomes a pending deletion; a new file of a deleted name is new again', async () => {
    writeMedia('a.jpg', 'hello');
    await registerChanges(db, mediaDir);
    db.markClean(['a.jpg']);
    unlinkSync(join(mediaDir, 'a.jpg'));
    bumpFolder();
    assert.equal((await registerChanges(db, mediaDir)).removed, 1);
    assert.deepEqual(db.getEntry('a.jpg'), { fname: 'a.jpg', sha1: null, mtime: 0, dirty: true });
    assert.equal(db.countExisting(), 0);
    db.markClean(['a.jpg']);
    writeMedia('a.jpg', 'back');
    await registerChanges(db, mediaDir);
    assert.deepEqual(rows(), [['a.jpg', sha1Hex(Buffer.from('back')), true]]);
  });

  it('skips empty files, thumbs.db, .DS_Store, non-normalised names, folders and symlinks', async () => {
    writeMedia('empty.jpg', '');
    writeMedia('Thumbs.db', 'x');
    writeMedia('.DS_Store', 'x');
    writeMedia('thumbsXdb', 'x'); // Anki's pattern has an unescaped dot
    writeMedia('a:b.jpg', 'x');
    writeMedia('con.jpg', 'x');
    writeMedia('trailing.', 'x');
    writeMedia('e\u0301.jpg', 'x');
    mkdirSync(join(mediaDir, 'sub'));
    writeFileSync(join(root, 'outside.txt'), 'secret');
    symlinkSync(join(root, 'outside.txt'), join(mediaDir, 'link.txt'));
    writeMedia('ok.jpg', 'x');
    await registerChanges(db, mediaDir);
    assert.deepEqual(rows().map((r) => r[0]), ['ok.jpg']);
  });

  it('a recorded file that became empty is recorded as deleted', async () => {
    writeMedia('a.jpg', 'hello');
    await registerChanges(db, mediaDir);
    writeMedia('a.jpg', '');
    await registerChanges(db, mediaDir);
    assert.deepEqual(db.getEntry('a.jpg'), { fname: 'a.jpg', sha1: null, mtime: 0, dirty: true });
  });
});

describe('isSyncableName', () => {
  it('follows Anki\'s rules', () => {
    assert.equal(isSyncableName('dog.jpg'), true);
    assert.equal(isSyncableName('Ünïcödé.mp3'), true);
    assert.equal(isSyncableName('THUMBS.DB'), false);
    assert.equal(isSyncableName('xds_store'), false);
    assert.equal(isSyncableName('x.ds_store'), true);
    assert.equal(isSyncableName('a?.jpg'), false);
    assert.equal(isSyncableName('..'), false);
    assert.equal(isSyncableName(''), false);
    assert.equal(isSyncableName(`${'x'.repeat(121)}.jpg`), false);
  });
});

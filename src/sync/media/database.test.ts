import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { MediaDatabase } from './database.js';

const dir = mkdtempSync(join(tmpdir(), 'acs-media-db-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;
const freshPath = (): string => join(dir, `m${++counter}.db2`);

test('a new database has exactly Anki\'s schema, meta row and settings', () => {
  const path = freshPath();
  MediaDatabase.open(path).close();
  const raw = new Database(path, { readonly: true });
  try {
    const objects = raw.prepare("SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all();
    assert.deepEqual(objects, [
      { type: 'index', name: 'idx_media_dirty', tbl_name: 'media' },
      { type: 'table', name: 'media', tbl_name: 'media' },
      { type: 'table', name: 'meta', tbl_name: 'meta' },
    ]);
    const sql = (name: string): string => (raw.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(name) as { sql: string }).sql;
    assert.match(sql('media'), /\) without rowid$/);
    assert.match(sql('idx_media_dirty'), /ON media \(dirty\)\s+WHERE dirty = 1$/);
    assert.deepEqual(
      raw.prepare('PRAGMA table_info(media)').all().map((c) => {
        const col = c as { name: string; type: string; notnull: number; pk: number };
        return [col.name, col.type, col.notnull, col.pk];
      }),
      [
        ['fname', 'TEXT', 1, 1],
        ['csum', 'TEXT', 0, 0],
        ['mtime', 'INT', 1, 0],
        ['dirty', 'INT', 1, 0],
      ],
    );
    assert.deepEqual(raw.prepare('SELECT dirMod, lastUsn FROM meta').all(), [{ dirMod: 0, lastUsn: 0 }]);
    assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(raw.pragma('page_size', { simple: true }), 4096);
    assert.equal(raw.pragma('user_version', { simple: true }), 0);
    // ANALYZE ran after creation, as Anki does it.
    assert.ok(raw.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").get());
  } finally {
    raw.close();
  }
});

test('entries, meta, the upload queue and the sanity count', () => {
  const path = freshPath();
  const db = MediaDatabase.open(path);
  try {
    assert.equal(db.getEntry('a.jpg'), undefined);
    db.transact(() => {
      db.setEntry({ fname: 'a.jpg', sha1: 'aa', mtime: 5, dirty: true });
      db.setEntry({ fname: 'b.jpg', sha1: 'bb', mtime: 6, dirty: false });
      db.setEntry({ fname: 'gone.jpg', sha1: null, mtime: 0, dirty: true });
      db.setMeta({ dirMod: 123, lastUsn: 7 });
    });
    assert.deepEqual(db.getEntry('a.jpg'), { fname: 'a.jpg', sha1: 'aa', mtime: 5, dirty: true });
    assert.deepEqual(
      db.pendingUploads(25).map((e) => e.fname),
      ['a.jpg', 'gone.jpg'],
    );
    assert.equal(db.pendingUploads(1).length, 1);
    assert.equal(db.countExisting(), 2);
    assert.deepEqual([...db.existingMtimes()], [['a.jpg', 5], ['b.jpg', 6]]);
    db.markClean(['a.jpg', 'missing.jpg']);
    assert.equal(db.getEntry('a.jpg')?.dirty, false);
    db.removeEntry('b.jpg');
    assert.equal(db.getEntry('b.jpg'), undefined);
  } finally {
    db.close();
  }
  // Reopening keeps everything and does not recreate the tables.
  const again = MediaDatabase.open(path);
  try {
    assert.deepEqual(again.getMeta(), { dirMod: 123, lastUsn: 7 });
    assert.equal(again.getEntry('gone.jpg')?.sha1, null);
    again.transact(() => again.forceResync());
    assert.deepEqual(again.getMeta(), { dirMod: 0, lastUsn: 0 });
    assert.equal(again.pendingUploads(25).length, 0);
  } finally {
    again.close();
  }
});

test('a failing transaction leaves nothing behind', () => {
  const db = MediaDatabase.open(freshPath());
  try {
    assert.throws(() =>
      db.transact(() => {
        db.setEntry({ fname: 'a.jpg', sha1: 'aa', mtime: 1, dirty: true });
        db.setMeta({ dirMod: 9, lastUsn: 9 });
        throw new Error('boom');
      }),
    );
    assert.equal(db.getEntry('a.jpg'), undefined);
    assert.deepEqual(db.getMeta(), { dirMod: 0, lastUsn: 0 });
  } finally {
    db.close();
  }
});

// The `check` command: SQLite's integrity check with the unicase collation plus the project's
// integrity checker, on a file opened read-only that is left exactly as it was found.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, openSync, readdirSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import type { Collection } from '../src/collection/collection.js';
import { openCollection } from '../src/collection/open.js';
import { addNoteInner } from '../src/notes/add.js';
import { tempDir } from './support/collections.js';

const MAIN = join(import.meta.dirname, '..', 'src', 'cli', 'main.ts');

function check(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'check', ...args], { encoding: 'utf8', timeout: 60_000 });
}

/** Name, size, digest and mtime of every file in `dir`: what must not change. */
function folderState(dir: string): Record<string, string> {
  const state: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const stat = statSync(path);
    state[name] = stat.isFile() ? `${stat.size} ${stat.mtimeMs} ${createHash('sha256').update(readFileSync(path)).digest('hex')}` : 'folder';
  }
  return state;
}

function addNotes(col: Collection, count: number): number[] {
  const notetype = col.notetypes.byName('Basic (and reversed card)');
  assert.ok(notetype !== undefined);
  return col.transact(() =>
    Array.from({ length: count }, (_, i) => addNoteInner(col, { notetype, deckId: 1, fields: [`front ${i}`, `back ${i}`], tags: ['t'] }).noteId),
  );
}

/** A collection with a few notes, closed cleanly (no write-ahead log beside it). */
function cleanCollection(dir: string): string {
  const path = join(dir, 'collection.anki2');
  const col = openCollection(path);
  addNotes(col, 20);
  col.close();
  return path;
}

const noStackTrace = (stderr: string) => assert.doesNotMatch(stderr, /^\s+at /m, 'no stack trace');

test('check: a clean collection prints "ok", exits 0, and the folder is left exactly as it was', () => {
  const { dir, remove } = tempDir('acs-check-');
  try {
    const path = cleanCollection(dir);
    assert.equal(existsSync(`${path}-wal`), false);
    const before = folderState(dir);
    const result = check(path);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, 'ok\n');
    // A read-only connection would create -wal and -shm beside it: the file is checked in memory.
    assert.deepEqual(folderState(dir), before);
  } finally {
    remove();
  }
});

test('check: a card whose note is missing is printed, exit 1; the file is unchanged', () => {
  const { dir, remove } = tempDir('acs-check-');
  try {
    const path = join(dir, 'collection.anki2');
    const col = openCollection(path);
    const [nid] = addNotes(col, 3);
    col.db.prepare('delete from notes where id = ?').run(nid);
    const cards = (col.db.prepare('select id from cards where nid = ? order by id').all(nid) as { id: number }[]).map((row) => row.id);
    col.close();
    const before = folderState(dir);
    const result = check(path);
    assert.equal(result.status, 1, result.stderr);
    assert.deepEqual(
      result.stdout.trimEnd().split('\n'),
      cards.map((id) => `orphaned-card: card ${id} belongs to no note`),
    );
    assert.match(result.stderr, /2 problems; Anki's Check Database/);
    assert.deepEqual(folderState(dir), before);
  } finally {
    remove();
  }
});

test("check: a damaged index page is reported, one line per finding of SQLite's check, exit 1", () => {
  const { dir, remove } = tempDir('acs-check-');
  try {
    const path = cleanCollection(dir);
    const col = openCollection(path);
    const root = (col.db.prepare("select rootpage from sqlite_master where name = 'ix_notes_csum'").get() as { rootpage: number }).rootpage;
    col.close();
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, (root - 1) * 4096);
    closeSync(fd);
    const before = folderState(dir);
    const result = check(path);
    assert.equal(result.status, 1, result.stderr);
    const lines = result.stdout.trimEnd().split('\n');
    assert.ok(lines.length >= 1 && lines.every((line) => line.startsWith('sqlite: ')), result.stdout);
    assert.match(result.stderr, /SQLite finds the file damaged/);
    assert.deepEqual(folderState(dir), before);
  } finally {
    remove();
  }
});

test('check: a write-ahead log left by a crash is read, not checkpointed, and left as it was', () => {
  const { dir, remove } = tempDir('acs-check-');
  const { dir: crashed, remove: removeCrashed } = tempDir('acs-check-');
  try {
    const path = join(dir, 'collection.anki2');
    const col = openCollection(path);
    const [nid] = addNotes(col, 5);
    // Committed in the log only: a note whose cards stay behind.
    col.transact(() => col.db.prepare('delete from notes where id = ?').run(nid));
    // The files as a kill -9 leaves them: the main file as of the last checkpoint and the log.
    const copy = join(crashed, 'collection.anki2');
    copyFileSync(path, copy);
    copyFileSync(`${path}-wal`, `${copy}-wal`);
    col.close();
    assert.ok(statSync(`${copy}-wal`).size > 0);
    const before = folderState(crashed);
    const result = check(copy);
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, /^orphaned-card: card \d+ belongs to no note$/m, 'the deletion committed in the log was seen');
    // SQLite adds the log's index (-shm) beside a log that has none, as any reader of the log does.
    const after = folderState(crashed);
    delete after['collection.anki2-shm'];
    assert.deepEqual(after, before, 'the file and its log are unchanged: the log was not checkpointed or removed');
  } finally {
    remove();
    removeCrashed();
  }
});

test('check: a file the server has open is checked as last committed; one Anki holds is refused as locked, exit 2', () => {
  const { dir, remove } = tempDir('acs-check-');
  try {
    const path = cleanCollection(dir);
    const col = openCollection(path, { lock: true });
    try {
      addNotes(col, 1);
      const result = check(path);
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /ok/);
    } finally {
      col.close();
    }
    // Held as Anki holds a collection: exclusive locking, the lock taken by a write.
    const anki = new Database(path);
    try {
      anki.pragma('locking_mode = exclusive');
      anki.exec('begin exclusive; update col set mod = mod; commit');
      const result = check(path);
      assert.equal(result.status, 2, result.stderr);
      assert.match(result.stderr, /cannot check .*: the file is locked by a program that has it open/);
      noStackTrace(result.stderr);
    } finally {
      anki.close();
    }
  } finally {
    remove();
  }
});

test('check: a hot rollback journal is not rolled back; the command says why it cannot check, exit 2', () => {
  const { dir, remove } = tempDir('acs-check-');
  const { dir: crashed, remove: removeCrashed } = tempDir('acs-check-');
  try {
    const path = join(dir, 'plain.db');
    const db = new Database(path);
    db.pragma('journal_mode = delete');
    db.exec('create table t (x)');
    db.pragma('cache_size = 1');
    db.exec('begin');
    const insert = db.prepare('insert into t values (?)');
    for (let i = 0; i < 1000; i++) insert.run('x'.repeat(500));
    db.exec('update t set x = 1');
    // Mid-transaction, as a crash leaves it: pages spilled into the file, the journal beside it.
    const copy = join(crashed, 'plain.db');
    copyFileSync(path, copy);
    copyFileSync(`${path}-journal`, `${copy}-journal`);
    db.exec('rollback');
    db.close();
    const before = folderState(crashed);
    const result = check(copy);
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stderr, /plain\.db-journal holds a transaction that was cut short/);
    noStackTrace(result.stderr);
    assert.deepEqual(folderState(crashed), before);
  } finally {
    remove();
    removeCrashed();
  }
});

test('check: a missing file, a file that is not a database, and bad usage exit 2 with a message', () => {
  const { dir, remove } = tempDir('acs-check-');
  try {
    const missing = check(join(dir, 'missing.anki2'));
    assert.equal(missing.status, 2);
    assert.equal(missing.stdout, '');
    assert.equal(missing.stderr, `anki-connect-server: cannot check ${join(dir, 'missing.anki2')}: no such file\n`);
    assert.deepEqual(readdirSync(dir), [], 'nothing was created');

    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'not a database, just some text that is long enough to have a header\n'.repeat(20));
    const notDb = check(text);
    assert.equal(notDb.status, 2);
    assert.match(notDb.stderr, /it is not a SQLite database/);
    noStackTrace(notDb.stderr);

    const empty = new Database(join(dir, 'other.db'));
    empty.exec('create table t (x)');
    empty.close();
    const other = check(join(dir, 'other.db'));
    assert.equal(other.status, 2);
    assert.match(other.stderr, /it is not an Anki collection \(it has no col table\)/);

    const none = check();
    assert.equal(none.status, 2);
    assert.match(none.stderr, /check needs exactly one collection file/);
    const flags = check('--base', dir, join(dir, 'x.anki2'));
    assert.equal(flags.status, 2);
    assert.match(flags.stderr, /check takes no options \(got --base\)/);
  } finally {
    remove();
  }
});

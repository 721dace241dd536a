// Check Database with repairs (src/dbcheck/repair.ts) on small collections: a few repairs, their
// report lines and rows. The comparison with real Anki is test-anki/check-database-repair.test.ts.
import assert from 'node:assert/strict';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import type { Collection } from '../../src/collection/collection.js';
import { openCollection } from '../../src/collection/open.js';
import { checkIntegrity } from '../../src/dbcheck/check.js';
import { checkDatabase } from '../../src/dbcheck/repair.js';
import { addNoteInner } from '../../src/notes/add.js';
import { newTestCollection, TEST_NOW_MS } from '../support/collections.js';

/** Anki's Fluent output isolates each number: U+2068 before, U+2069 after. */
const n = (count: number) => `\u2068${count}\u2069`;

function addBasic(col: Collection, fields: string[], tags: string[] = []): { noteId: number; cardIds: number[] } {
  const notetype = col.notetypes.byName('Basic');
  assert.ok(notetype !== undefined);
  return col.transact(() => addNoteInner(col, { notetype, deckId: 1, fields, tags }));
}

describe('checkDatabase', () => {
  let setup: ReturnType<typeof newTestCollection>;
  let col: Collection;
  beforeEach(() => {
    setup = newTestCollection();
    col = setup.col;
  });
  afterEach(() => setup.close());

  test('a healthy collection: no problem, the collection stamped modified, the schema not', () => {
    addBasic(col, ['front', 'back'], ['tag']);
    col.db.prepare('update col set mod = 1, scm = 2').run();
    const outcome = checkDatabase(col);
    assert.deepEqual(outcome, { problems: [], changed: false, message: 'Database rebuilt and optimized.' });
    assert.deepEqual(col.db.prepare('select mod, scm from col').get(), { mod: TEST_NOW_MS, scm: 2 });
    assert.deepEqual(checkIntegrity(col), []);
  });

  test('card properties: positions, intervals and fractional values', () => {
    const { cardIds } = addBasic(col, ['front', 'back']);
    col.db.prepare('update cards set ivl = 1.5, due = 2000000, odue = 1.5 where id = ?').run(cardIds[0]);
    const outcome = checkDatabase(col);
    assert.deepEqual(outcome.problems, [
      `Found ${n(1)} new card with a due number >= 1,000,000 - consider repositioning it in the Browse screen.`,
      `Fixed ${n(2)} invalid card properties.`,
    ]);
    assert.equal(outcome.changed, true);
    assert.deepEqual(col.db.prepare('select due, ivl, odue from cards').get(), { due: 1000000, ivl: 2, odue: 2 });
    // Idempotent: a second run finds nothing.
    assert.deepEqual(checkDatabase(col).problems, []);
  });

  test('a missing deck is recovered under its id; a card without note is deleted', () => {
    const { noteId, cardIds } = addBasic(col, ['front', 'back']);
    col.db.prepare('update cards set did = 123 where id = ?').run(cardIds[0]);
    assert.deepEqual(checkDatabase(col).problems, [`Fixed ${n(1)} missing deck.`]);
    assert.equal(col.decks.get(123)?.name, 'recovered123');

    col.db.prepare('delete from notes where id = ?').run(noteId);
    col.db.prepare('update col set scm = 0').run();
    assert.deepEqual(checkDatabase(col).problems, [`Deleted ${n(1)} card with missing note.`]);
    assert.equal((col.db.prepare('select count() as n from cards').get() as { n: number }).n, 0);
    // Deleting cards is a schema change: the next sync must be a full one.
    assert.equal((col.db.prepare('select scm from col').get() as { scm: number }).scm, TEST_NOW_MS);
  });

  test('field counts: extra fields joined into the last, missing ones added, note tagged db-check', () => {
    const { noteId } = addBasic(col, ['a', 'b']);
    col.db.prepare('update notes set flds = ? where id = ?').run('a\x1fb\x1fc\x1fd', noteId);
    assert.deepEqual(checkDatabase(col).problems, [`Fixed ${n(1)} note with wrong field count.`]);
    assert.deepEqual(col.db.prepare('select flds, tags from notes').get(), { flds: 'a\x1fb; c; d', tags: ' db-check ' });

    col.db.prepare('update notes set flds = ? where id = ?').run('a', noteId);
    assert.deepEqual(checkDatabase(col).problems, [`Fixed ${n(1)} note with wrong field count.`]);
    assert.equal((col.db.prepare('select flds from notes').get() as { flds: string }).flds, 'a\x1f');
  });

  test('duplicate and template-less cards deleted; a note without cards gets card 1', () => {
    const { noteId, cardIds } = addBasic(col, ['front', 'back']);
    const copy = 'insert into cards select id + ?, nid, did, ?, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data from cards where id = ?';
    col.db.prepare(copy).run(1, 0, cardIds[0]);
    col.db.prepare(copy).run(2, 10, cardIds[0]);
    assert.deepEqual(checkDatabase(col).problems, [
      `Deleted ${n(1)} card with duplicate template.`,
      `Deleted ${n(1)} card with missing template.`,
    ]);
    assert.deepEqual(col.db.prepare('select id, ord from cards').all(), [{ id: cardIds[0], ord: 0 }]);

    // A note whose front is empty qualifies for no card, and still gets card 1, silently.
    col.db.prepare('delete from cards').run();
    col.db.prepare('update notes set flds = ? where id = ?').run('\x1fback', noteId);
    assert.deepEqual(checkDatabase(col).problems, []);
    assert.deepEqual(col.db.prepare('select nid, ord, type from cards').all(), [{ nid: noteId, ord: 0, type: 0 }]);
  });

  test('tags: the registry is rebuilt from the notes, keeping which tags were expanded', () => {
    const { noteId } = addBasic(col, ['front', 'back'], ['one', 'two']);
    col.db.prepare("update notes set tags = ' two One   Two ' where id = ?").run(noteId);
    col.db.prepare("update tags set collapsed = 0 where tag = 'one'").run();
    col.db.prepare("insert into tags (tag, usn, collapsed, config) values ('unused', 0, 1, null)").run();
    assert.deepEqual(checkDatabase(col).problems, []);
    assert.equal((col.db.prepare('select tags from notes').get() as { tags: string }).tags, ' One two ');
    assert.deepEqual(col.db.prepare('select tag, usn, collapsed from tags order by tag').all(), [
      { tag: 'One', usn: -1, collapsed: 0 },
      { tag: 'two', usn: -1, collapsed: 1 },
    ]);
  });

  test('review log values, missing parent decks and the next position', () => {
    col.db.prepare('insert into revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) values (1, 1, 0, 0, 1.5, 1.5, 0, 0, 0)').run();
    col.transact(() => col.decks.getOrCreate('foo::bar::baz'));
    col.db.prepare("delete from decks where name in ('foo', ?)").run('foo\x1fbar');
    col.db.prepare("update config set val = cast('7' as blob) where KEY = 'nextPos'").run();
    col.resetCaches();
    assert.deepEqual(checkDatabase(col).problems, [
      `Fixed ${n(1)} missing deck.`,
      `Fixed ${n(1)} review entry with invalid properties.`,
    ]);
    assert.deepEqual(col.db.prepare('select ivl, lastIvl, type from revlog').get(), { ivl: 2, lastIvl: 2, type: 5 });
    assert.deepEqual(
      col.decks.namesAndIds().map((deck) => deck.name),
      ['Default', 'foo', 'foo::bar', 'foo::bar::baz'],
    );
    // No new card: Anki's "one past the highest position" has nothing to read and falls back to 0.
    assert.equal(col.config.get('nextPos'), 0);
  });

  test('a missing note type is recovered as a db-check copy of Basic', () => {
    const { noteId } = addBasic(col, ['front', 'back']);
    const basic = col.notetypes.byName('Basic');
    assert.ok(basic !== undefined);
    for (const table of ['fields', 'templates']) col.db.prepare(`delete from ${table} where ntid = ?`).run(basic.id);
    col.db.prepare('delete from notetypes where id = ?').run(basic.id);
    col.resetCaches();
    const outcome = checkDatabase(col);
    assert.equal(outcome.problems.length, 1);
    assert.match(outcome.problems[0] ?? '', /^One or more note types were missing\./);
    const mid = (col.db.prepare('select mid from notes where id = ?').get(noteId) as { mid: number }).mid;
    assert.equal(col.notetypes.get(mid)?.name, `db-check-${TEST_NOW_MS}-2`);
    assert.deepEqual(checkIntegrity(col), []);
  });

  test('a damaged file is refused with Anki\'s text and left unchanged', () => {
    addBasic(col, ['front', 'back']);
    const path = join(setup.dir, 'collection.anki2');
    col.close();
    const probe = openCollection(path);
    const root = (probe.db.prepare("select rootpage from sqlite_master where name = 'ix_cards_nid'").get() as { rootpage: number }).rootpage;
    const pageSize = probe.db.pragma('page_size', { simple: true }) as number;
    probe.close();
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.from([0xff, 0xff, 0xff, 0xff]), 0, 4, (root - 1) * pageSize + 1);
    closeSync(fd);
    const before = readFileSync(path);
    const damaged = openCollection(path);
    try {
      assert.throws(() => checkDatabase(damaged), {
        name: 'DatabaseCorruptError',
        message: 'Collection file is corrupt. Please restore from an automatic backup.',
      });
    } finally {
      damaged.close();
    }
    assert.ok(readFileSync(path).equals(before));
  });
});

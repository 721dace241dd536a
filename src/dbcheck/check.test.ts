import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { fixture } from '../../test/support/fixtures.js';
import { newTestCollection, openFixtureCopy, TEST_NOW_MS } from '../../test/support/collections.js';
import { closeSync, openSync, writeSync } from 'node:fs';
import { FixedClock } from '../collection/clock.js';
import { openCollection } from '../collection/open.js';
import type { Collection } from '../collection/collection.js';
import { addNoteInner } from '../notes/add.js';
import { checkIntegrity } from './check.js';

const rules = (col: Collection) => checkIntegrity(col).map((problem) => problem.rule);

describe('the integrity checker', () => {
  let col: Collection;
  let close: () => void;
  let nid: number;
  beforeEach(() => {
    ({ col, close } = newTestCollection());
    const notetype = col.notetypes.byName('Basic (and reversed card)');
    assert.ok(notetype !== undefined);
    nid = col.transact(() => addNoteInner(col, { notetype, deckId: 1, fields: ['front', 'back'], tags: ['t'] })).noteId;
  });
  afterEach(() => close());

  test('finds nothing in a collection written by this server', () => {
    assert.deepEqual(checkIntegrity(col), []);
  });

  // Each case breaks one thing the way a careless writer would, and expects its rule.
  const cases: [string, string, (col: Collection, nid: number) => void][] = [
    ['checksum', 'stale checksum', (c, n) => c.db.prepare('update notes set csum = 1 where id = ?').run(n)],
    ['sort-field', 'stale sort field', (c, n) => c.db.prepare("update notes set sfld = 'other' where id = ?").run(n)],
    ['missing-card', 'a card Anki would generate is missing', (c, n) => c.db.prepare('delete from cards where nid = ? and ord = 1').run(n)],
    ['orphaned-card', 'a card without a note', (c) => c.db.prepare("insert into cards select id + 1000, 42, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data from cards limit 1").run()],
    ['missing-deck', 'a card in a missing deck', (c, n) => c.db.prepare('update cards set did = 99 where nid = ?').run(n)],
    ['storage-class', 'config value stored as text', (c) => c.db.prepare("update config set val = cast(val as text) where KEY = 'nextPos'").run()],
    ['storage-class', 'a REAL interval', (c, n) => c.db.prepare('update cards set ivl = 1.5 where nid = ?').run(n)],
    ['next-position', 'nextPos not past the new cards', (c) => c.db.prepare("update config set val = cast('0' as blob) where KEY = 'nextPos'").run()],
    ['tags', 'a tag missing from the tag list', (c) => c.db.prepare('delete from tags').run()],
    ['tags', 'tags without the surrounding spaces', (c, n) => c.db.prepare("update notes set tags = 't' where id = ?").run(n)],
    ['future-id', 'an id more than a day ahead', (c, n) => c.db.prepare('update notes set id = id + 2 * 86400000 where id = ?').run(n)],
    ['field-count', 'a missing field', (c, n) => c.db.prepare("update notes set flds = 'front' where id = ?").run(n)],
    ['note-text', 'a control character in a field', (c, n) => c.db.prepare("update notes set flds = 'fr' || char(1) || 'ont' || char(31) || 'back' where id = ?").run(n)],
    ['duplicate-card', 'two cards with the same ord', (c, n) => c.db.prepare('update cards set ord = 0 where nid = ?').run(n)],
    ['card-queue', 'a queue out of range', (c, n) => c.db.prepare('update cards set queue = 7 where nid = ?').run(n)],
    ['deck-parent', 'a child deck without its parent', (c) => c.db.prepare("insert into decks select id + 5, 'a' || char(31) || 'b', mtime_secs, usn, common, kind from decks where id = 1").run()],
    ['filtered', 'odid outside a filtered deck', (c, n) => c.db.prepare('update cards set odid = 1, odue = 3 where nid = ?').run(n)],
  ];
  for (const [rule, what, damage] of cases) {
    test(`reports ${what} (${rule})`, () => {
      damage(col, nid);
      col.resetCaches();
      assert.ok(rules(col).includes(rule), `${rule} not in ${JSON.stringify(checkIntegrity(col))}`);
    });
  }
});

test('a damaged index page is reported (pragma integrity_check)', () => {
  const { col, close } = newTestCollection();
  const notetype = col.notetypes.byName('Basic');
  assert.ok(notetype !== undefined);
  col.transact(() => {
    for (let i = 0; i < 50; i++) addNoteInner(col, { notetype, deckId: 1, fields: [`front ${i}`, ''], tags: [] });
  });
  const root = (col.db.prepare("select rootpage from sqlite_master where name = 'ix_notes_csum'").get() as { rootpage: number }).rootpage;
  const path = col.path;
  col.close();
  // Overwrite the index's root page with garbage; the table itself stays readable.
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, (root - 1) * 4096);
  closeSync(fd);
  const reopened = openCollection(path, { clock: new FixedClock(TEST_NOW_MS) });
  try {
    assert.ok(rules(reopened).includes('sqlite'));
  } finally {
    reopened.close();
    close();
  }
});

test('the reference collection from Anki has exactly the one problem its README warns about', () => {
  const { col, close } = openFixtureCopy(fixture('transformerman/empty_collection.anki2'));
  try {
    assert.deepEqual(rules(col), ['orphaned-card']);
  } finally {
    close();
  }
});

import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { newTestCollection, TEST_NOW_MS } from '../../test/support/collections.js';
import type { Collection } from './collection.js';
import type { FixedClock } from './clock.js';

describe('transactions', () => {
  let col: Collection;
  let clock: FixedClock;
  let close: () => void;
  beforeEach(() => {
    ({ col, clock, close } = newTestCollection());
  });
  afterEach(() => close());

  const colMod = () => (col.db.prepare('select mod from col').get() as { mod: number }).mod;

  test('a transaction that writes stamps col.mod; one that only reads does not', () => {
    const before = colMod();
    clock.advance(5_000);
    col.transact(() => col.db.prepare('select count() from notes').get());
    assert.equal(colMod(), before);
    col.transact(() => col.decks.getOrCreate('Stamped'));
    assert.equal(colMod(), TEST_NOW_MS + 5_000);
  });

  test('a failure rolls everything back, including what the caches saw', () => {
    assert.throws(() =>
      col.transact(() => {
        const id = col.decks.getOrCreate('Doomed');
        assert.equal(col.decks.get(id)?.name, 'Doomed');
        col.config.set('nextPos', 99);
        throw new Error('boom');
      }),
    /boom/);
    assert.equal(col.decks.idByName('Doomed'), undefined);
    assert.equal(col.config.getNumber('nextPos', 0), 1, 'the config cache was reset');
  });

  test('a failing nested step is undone alone (a savepoint); the outer work stays', () => {
    col.transact(() => {
      col.decks.getOrCreate('Kept');
      assert.throws(() =>
        col.transact(() => {
          col.decks.getOrCreate('Undone');
          throw new Error('inner');
        }),
      );
      col.decks.getOrCreate('Also kept');
    });
    assert.deepEqual(
      col.decks.namesAndIds().map((d) => d.name),
      ['Also kept', 'Default', 'Kept'],
    );
  });

  test('an asynchronous body is refused: writes must never span an await', () => {
    assert.throws(() => col.transact(() => Promise.resolve(1)), /must be synchronous/);
    assert.equal(col.inTransaction, false);
  });
});

describe('id allocation', () => {
  test('now in ms, or max + 1 when now is taken, per table', () => {
    const { col, clock, close } = newTestCollection();
    try {
      col.transact(() => {
        const insert = col.db.prepare("insert into revlog values (?, 1, -1, 3, 1, 0, 2500, 1000, 1)");
        const a = col.nextId('revlog');
        insert.run(a);
        const b = col.nextId('revlog');
        insert.run(b);
        assert.deepEqual([a, b], [TEST_NOW_MS, TEST_NOW_MS + 1]);
        clock.advance(10);
        const c = col.nextId('revlog');
        assert.equal(c, TEST_NOW_MS + 10, 'a free "now" is used again');
        assert.equal(col.nextId('notes'), TEST_NOW_MS + 10, 'tables are independent');
      });
    } finally {
      close();
    }
  });

  test('never below an id handed out before, nor below a deleted one (its grave)', () => {
    const { col, clock, close } = newTestCollection();
    try {
      col.transact(() => {
        const insert = col.db.prepare("insert into notes values (?, 'g', 1, 0, -1, '', 'a', 'a', 0, 0, '')");
        insert.run(TEST_NOW_MS + 500);
        col.forgetMaxId('notes');
        assert.equal(col.nextId('notes'), TEST_NOW_MS + 501, 'now is below an id the table holds');
        col.db.prepare('delete from notes').run();
        clock.advance(10);
        assert.equal(col.nextId('notes'), TEST_NOW_MS + 502, 'nor below one it handed out, deleted since');
        // A review's id is its time: a free "now" is used even below later reviews, as in Anki.
        col.db.prepare('insert into revlog values (?, 1, -1, 3, 1, 0, 2500, 1000, 1)').run(TEST_NOW_MS + 500);
        col.forgetMaxId('revlog');
        assert.equal(col.nextId('revlog'), TEST_NOW_MS + 10);
        col.db.prepare('insert into graves (oid, type, usn) values (?, 1, -1)').run(TEST_NOW_MS + 900);
        col.forgetMaxId('notes');
        assert.equal(col.nextId('notes'), TEST_NOW_MS + 901, "a deleted note's id is not given again");
        assert.equal(col.nextId('cards'), TEST_NOW_MS + 10, 'graves of notes say nothing of cards');
      });
    } finally {
      close();
    }
  });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newTestCollection } from '../../test/support/collections.js';
import { NOTES_BY_CHECKSUM_ANY_TYPE_SQL, NOTES_BY_CHECKSUM_SQL } from './store.js';

test('duplicate lookups use the checksum index even without planner statistics', () => {
  const { col, close } = newTestCollection();
  try {
    // A collection this server created has statistics only for the tables that had rows then:
    // none for notes. The plan must not fall back to scanning a note type's notes.
    col.db.exec("delete from sqlite_stat1 where tbl = 'notes'; delete from sqlite_stat4 where tbl = 'notes'; analyze sqlite_schema");
    const plan = (sql: string, ...args: number[]) =>
      (col.db.prepare(`explain query plan ${sql}`).all(...args) as { detail: string }[]).map((row) => row.detail).join('; ');
    assert.match(plan(NOTES_BY_CHECKSUM_SQL, 1, 2), /USING INDEX ix_notes_csum/);
    assert.match(plan(NOTES_BY_CHECKSUM_ANY_TYPE_SQL, 1), /USING INDEX ix_notes_csum/);
    assert.match(
      plan('select id from notes where csum = ? and mid = ?', 1, 2),
      /idx_notes_mid/,
      'without the guard SQLite prefers the note-type index: the reason for "+mid"',
    );
  } finally {
    close();
  }
});

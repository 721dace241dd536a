import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newTestCollection } from '../../test/support/collections.js';
import { FixedClock } from './clock.js';
import { collectionTiming } from './search-context.js';

void test("working out today records the machine's UTC offset and a missing rollover, as Anki does, without marking the collection modified", () => {
  const { col, close } = newTestCollection(new FixedClock(Date.UTC(2026, 10, 27, 10), 300));
  try {
    col.transact(() => col.config.set('localOffset', -60));
    col.db.prepare("delete from config where KEY = 'rollover'").run();
    col.resetCaches();
    const mod = col.db.prepare('select mod from col').pluck().get();
    collectionTiming(col);
    assert.equal(col.config.get('localOffset'), 300);
    assert.equal(col.config.get('rollover'), 4);
    assert.equal(col.db.prepare('select mod from col').pluck().get(), mod);
    const changes = col.totalChanges();
    collectionTiming(col);
    assert.equal(col.totalChanges(), changes, 'nothing to write the second time');
  } finally {
    close();
  }
});

void test('a v1 collection is left as it is', () => {
  const { col, close } = newTestCollection(new FixedClock(Date.UTC(2026, 10, 27, 10), 300));
  try {
    col.transact(() => {
      col.config.set('schedVer', 1);
      col.config.set('localOffset', -60);
    });
    collectionTiming(col);
    assert.equal(col.config.get('localOffset'), -60);
  } finally {
    close();
  }
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newTestCollection } from '../../../test/support/collections.js';
import { fixInvalidIds } from './invalid-ids.js';

test('ids more than a day ahead are renumbered from now, and what refers to them follows', () => {
  const { col, close } = newTestCollection();
  try {
    const now = col.nowMs();
    const future = now + 3 * 86_400_000;
    const mid = col.notetypes.ids()[0] ?? 0;
    col.transact(() => {
      col.stmt("insert into notes values (?, 'g1', ?, 0, 0, '', 'a\x1fb', 'a', 0, 0, '')").run(future, mid);
      col.stmt("insert into notes values (?, 'g2', ?, 0, 0, '', 'c\x1fd', 'c', 0, 0, '')").run(now - 5, mid);
      col.stmt("insert into cards values (?, ?, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, '{}')").run(future + 1, future);
      col.stmt('insert into revlog values (?, ?, 0, 3, 1, 0, 2500, 1000, 1)').run(future + 2, future + 1);
      assert.equal(fixInvalidIds(col), 3);
    });
    const note = col.stmt<[], { id: number }>("select id from notes where guid = 'g1'").get();
    assert.equal(note?.id, now, 'the future note takes now, above the valid one');
    assert.deepEqual(col.stmt('select id, nid from cards').get(), { id: now, nid: now });
    assert.deepEqual(col.stmt('select id, cid from revlog').get(), { id: now, cid: now });
  } finally {
    close();
  }
});

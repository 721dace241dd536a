import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foldChanges, type ChangeRow } from './change-set.js';

const row = (key: number, op: ChangeRow['op'], kind: ChangeRow['kind'] = 'notes'): ChangeRow => ({ kind, key, op });

test('each object is folded into its net change', () => {
  assert.deepEqual(
    foldChanges([
      row(1, 'added'),
      row(1, 'updated'),
      row(2, 'removed'),
      row(2, 'added'), // REPLACE: removed, then added again
      row(3, 'added'),
      row(3, 'removed'), // came and went
      row(4, 'updated'),
      row(4, 'removed'),
      row(5, 'updated', 'cards'),
    ]),
    { notes: { added: [1], updated: [2], removed: [4] }, cards: { updated: [5] } },
  );
});

test('nothing left is undefined', () => {
  assert.equal(foldChanges([]), undefined);
  assert.equal(foldChanges([row(1, 'added'), row(1, 'removed')]), undefined);
});

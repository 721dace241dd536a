import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isQuickSearch } from './cost.js';

test('quick searches are conjunctions narrowed by an id index; anything that may read every note is not', () => {
  for (const query of ['nid:1,2,3', 'cid:5', '"deck:Japanese::Vocabulary" added:7', 'added:1 front:water', '(nid:1 tag:x)', 'dupe:123,word', 're:(']) {
    assert.equal(isQuickSearch(query), true, query);
  }
  for (const query of ['', 'water', 're:a[ab]{20}c', 'deck:*', 'nid:1 or water', '-nid:1', 'added:7 -tag:x', '(nid:1 or cid:2)', 'tag:x is:due', 'prop:ivl>10']) {
    assert.equal(isQuickSearch(query), false, query);
  }
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reposition } from './edit.js';
import { pythonReplace } from './templates.js';

test("reposition follows Python's list.remove + list.insert", () => {
  const move = (list: string[], item: string, index: number) => {
    const copy = [...list];
    reposition(copy, item, index);
    return copy;
  };
  assert.deepEqual(move(['a', 'b'], 'a', 2), ['b', 'a'], "upstream's field1 to index 2");
  assert.deepEqual(move(['a', 'b', 'c'], 'c', 0), ['c', 'a', 'b']);
  assert.deepEqual(move(['a', 'b', 'c'], 'a', 99), ['b', 'c', 'a']);
  assert.deepEqual(move(['a', 'b', 'c'], 'a', -1), ['b', 'a', 'c'], 'insert(-1) goes before the last item');
  assert.deepEqual(move(['a', 'b', 'c'], 'c', -9), ['c', 'a', 'b']);
  assert.deepEqual(move(['a', 'b', 'c'], 'b', 1), ['a', 'b', 'c']);
});

test("pythonReplace is Python's str.replace", () => {
  assert.equal(pythonReplace('{{a}} {{b}}', '}}', '}}!'), '{{a}}! {{b}}!');
  assert.equal(pythonReplace('aaa', 'aa', 'b'), 'ba');
  assert.equal(pythonReplace('abc', '', '-'), '-a-b-c-');
  assert.equal(pythonReplace('', '', '-'), '-');
  assert.equal(pythonReplace('😀', '', '-'), '-😀-', 'between code points, not UTF-16 units');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requiredChange } from './changes.js';

test('the server wins on content; a pending local addition survives only a server deletion', () => {
  assert.equal(requiredChange('', '', 'absent'), 'none');
  assert.equal(requiredChange('', '', 'clean'), 'delete');
  assert.equal(requiredChange('', '', 'pending'), 'delete');
  assert.equal(requiredChange('', 'x', 'absent'), 'download');
  assert.equal(requiredChange('', 'x', 'pending'), 'download');
  assert.equal(requiredChange('x', '', 'pending'), 'none');
  assert.equal(requiredChange('x', '', 'clean'), 'delete');
  assert.equal(requiredChange('x', 'x', 'clean'), 'none');
  assert.equal(requiredChange('x', 'x', 'pending'), 'markClean');
  assert.equal(requiredChange('a', 'b', 'pending'), 'download');
  assert.equal(requiredChange('a', 'b', 'clean'), 'download');
});

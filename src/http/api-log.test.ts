import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withoutPasswords } from './api-log.js';

test('the request log never holds a sync password, also inside multi', () => {
  const login = { action: 'syncLogin', version: 6, params: { username: 'me', password: 'secret' } };
  assert.deepEqual(withoutPasswords(login), { action: 'syncLogin', version: 6, params: { username: 'me', password: '(not logged)' } });
  const multi = { action: 'multi', params: { actions: [{ action: 'version' }, login] } };
  assert.doesNotMatch(JSON.stringify(withoutPasswords(multi)), /secret/);
  const other = { action: 'addNote', params: { note: { fields: { password: 'kept' } } } };
  assert.deepEqual(withoutPasswords(other), other, 'other actions are logged as sent');
});

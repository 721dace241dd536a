import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../test/support/collections.js';
import { ApiLog, withoutSecrets } from './api-log.js';

test('the request log never holds a sync password or an API key, also inside multi', () => {
  const login = { action: 'syncLogin', version: 6, params: { username: 'me', password: 'secret' } };
  assert.deepEqual(withoutSecrets(login), { action: 'syncLogin', version: 6, params: { username: 'me', password: '(not logged)' } });
  const multi = { action: 'multi', params: { actions: [{ action: 'version' }, login] } };
  assert.doesNotMatch(JSON.stringify(withoutSecrets(multi)), /secret/);
  const keyed = { action: 'multi', key: 'k1', params: { actions: [{ action: 'version', key: 'k2' }] } };
  assert.deepEqual(withoutSecrets(keyed), { action: 'multi', key: '(not logged)', params: { actions: [{ action: 'version', key: '(not logged)' }] } });
  const other = { action: 'addNote', params: { note: { fields: { password: 'kept' } } } };
  assert.deepEqual(withoutSecrets(other), other, 'other actions are logged as sent');
});

test('the log file is readable by its owner only', () => {
  const { dir, remove } = tempDir('acs-apilog-');
  try {
    const path = join(dir, 'api.log');
    writeFileSync(path, 'old');
    chmodSync(path, 0o644);
    const log = new ApiLog(path);
    log.write('request', { action: 'version', key: 'secret' });
    log.close();
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.doesNotMatch(readFileSync(path, 'utf8'), /secret/);
  } finally {
    remove();
  }
});

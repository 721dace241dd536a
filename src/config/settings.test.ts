import assert from 'node:assert/strict';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { defaultBaseFolder } from './settings.js';

test('the default base folder follows an absolute XDG_DATA_HOME and ignores an empty or relative one', () => {
  const fallback = join(homedir(), '.local', 'share', 'anki-connect-server');
  assert.equal(defaultBaseFolder({}), fallback);
  assert.equal(defaultBaseFolder({ XDG_DATA_HOME: '/srv/data' }), join('/srv/data', 'anki-connect-server'));
  assert.equal(defaultBaseFolder({ XDG_DATA_HOME: '' }), fallback);
  assert.equal(defaultBaseFolder({ XDG_DATA_HOME: 'data' }), fallback);
});

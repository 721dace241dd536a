import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { saveOriginToConfigFile } from './save.js';

test('saving an origin keeps the other keys and the file\'s mode (a config holding an apiKey stays private)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'acs-save-'));
  try {
    const path = join(dir, 'config.json');
    writeFileSync(path, JSON.stringify({ apiKey: 'secret', webCorsOriginList: ['http://localhost'] }));
    chmodSync(path, 0o600);
    saveOriginToConfigFile(path, 'webCorsOriginList', 'https://example.org');
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')), { apiKey: 'secret', webCorsOriginList: ['http://localhost', 'https://example.org'] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

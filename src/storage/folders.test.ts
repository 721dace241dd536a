import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../../test/support/collections.js';
import { makeFolders } from './folders.js';

test('makeFolders creates missing parents, accepts existing folders, and names a file in the way', () => {
  const { dir, remove } = tempDir('acs-folders-');
  try {
    makeFolders(join(dir, 'a', 'b', 'c'));
    assert.ok(existsSync(join(dir, 'a', 'b', 'c')));
    makeFolders(join(dir, 'a', 'b'));
    writeFileSync(join(dir, 'file'), '');
    assert.throws(() => makeFolders(join(dir, 'file')), /is not a folder/);
    assert.throws(() => makeFolders(join(dir, 'file', 'x')), /cannot create the folder .*(is not a folder|ENOTDIR)/);
  } finally {
    remove();
  }
});

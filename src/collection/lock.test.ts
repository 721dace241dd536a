import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { lockCollection, lockPathOf } from './lock.js';

test('the profile lock is held once at a time, and free again once released', () => {
  const dir = mkdtempSync(join(tmpdir(), 'acs-lock-'));
  try {
    const path = join(dir, 'collection.anki2');
    const first = lockCollection(path);
    assert.throws(() => lockCollection(path), /^Error: cannot open .*collection\.anki2: another anki-connect-server \(or its sync command\) has the collection open$/);
    first.release();
    const second = lockCollection(path);
    second.release();
    // The empty lock file stays: removing it could let two processes lock two files of one name.
    assert.ok(existsSync(lockPathOf(path)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

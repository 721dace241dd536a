import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '../../src/collection/clock.js';
import type { Collection } from '../../src/collection/collection.js';
import { openCollection } from '../../src/collection/open.js';
import { checkIntegrity } from '../../src/dbcheck/check.js';

/** 2026-11-27 10:00 UTC: a fixed "now" so ids, mtimes and day numbers are reproducible. */
export const TEST_NOW_MS = Date.UTC(2026, 10, 27, 10, 0, 0);

/** A temporary folder removed by the returned function. */
export function tempDir(prefix = 'acs-test-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A new collection in a temporary folder, on a fixed clock. */
export function newTestCollection(clock = new FixedClock(TEST_NOW_MS)): {
  col: Collection;
  clock: FixedClock;
  dir: string;
  close: () => void;
} {
  const { dir, remove } = tempDir();
  const col = openCollection(join(dir, 'collection.anki2'), { clock });
  return {
    col,
    clock,
    dir,
    close: () => {
      col.close();
      remove();
    },
  };
}

/** Opens a copy of a fixture file, so the original is never modified. */
export function openFixtureCopy(path: string, clock = new FixedClock(TEST_NOW_MS)): { col: Collection; close: () => void } {
  const { dir, remove } = tempDir();
  const target = join(dir, 'collection.anki2');
  copyFileSync(path, target);
  const col = openCollection(target, { clock });
  return {
    col,
    close: () => {
      col.close();
      remove();
    },
  };
}

/** Fails the test with the list of problems if Anki's Check Database would repair anything. */
export function assertIntegrity(col: Collection): void {
  assert.deepEqual(checkIntegrity(col), [], 'the collection fails the integrity checker');
}

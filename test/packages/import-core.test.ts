/**
 * The import core without the dispatcher: every fixture package imports into a new collection
 * that passes the integrity checker; a second import adds nothing; and an import rolled back by
 * its transaction can run again from the same prepared package (as `multi` does when a later
 * item fails) with the same result.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, test } from 'node:test';
import { importPreparedPackage, readPackage } from '../../src/packages/import/apkg.js';
import { openImportSource } from '../../src/packages/import/open-source.js';
import { ANKI_CONNECT_IMPORT_OPTIONS } from '../../src/packages/import/options.js';
import { assertIntegrity, newTestCollection } from '../support/collections.js';
import { fixture, FIXTURE_PACKAGES } from '../support/fixtures.js';
import { dumpCollection } from './support/dump.js';

// All but update2.apkg, a newer version of update1.apkg's note, which import-package.test.ts imports after it.
const PACKAGES = FIXTURE_PACKAGES.filter((name) => name !== 'ankitects-anki/update2.apkg');

describe('the import core', () => {
  for (const name of PACKAGES) {
    test(`${name}: imported once, then again without adding anything`, () => {
      const { col, close } = newTestCollection();
      const source = openImportSource(fixture(name), tmpdir());
      try {
        const prepared = readPackage(source, col.clock, ANKI_CONNECT_IMPORT_OPTIONS);
        const first = col.transact(() => importPreparedPackage(col, prepared, ANKI_CONNECT_IMPORT_OPTIONS));
        assertIntegrity(col);
        const again = col.transact(() => importPreparedPackage(col, prepared, ANKI_CONNECT_IMPORT_OPTIONS));
        assert.equal(again.added, 0);
        assert.equal(again.cards, 0);
        assert.equal(again.mediaFiles, 0);
        assert.equal(again.updated + again.duplicate, first.added + first.updated + first.duplicate);
        assertIntegrity(col);
      } finally {
        source.close();
        close();
      }
    });
  }

  test('an import rolled back runs again from the same prepared package', () => {
    const { col: reference, close: closeReference } = newTestCollection();
    const { col, close } = newTestCollection();
    const source = openImportSource(fixture('srs-converter/mixed-legacy-2.apkg'), tmpdir());
    try {
      const prepared = readPackage(source, col.clock, ANKI_CONNECT_IMPORT_OPTIONS);
      reference.transact(() => importPreparedPackage(reference, prepared, ANKI_CONNECT_IMPORT_OPTIONS));
      assert.throws(() =>
        col.transact(() => {
          importPreparedPackage(col, prepared, ANKI_CONNECT_IMPORT_OPTIONS);
          throw new Error('a later item failed');
        }),
      );
      // The media file stays (it is the package's, and the second run finds it in place).
      assert.equal(readdirSync(col.media.path).length, 1);
      col.transact(() => importPreparedPackage(col, prepared, ANKI_CONNECT_IMPORT_OPTIONS));
      const imported = (dump: Record<string, unknown[]>) => ({ notes: dump['notes'], cards: dump['cards'], revlog: dump['revlog'], tags: dump['tags'] });
      assert.deepEqual(imported(dumpCollection(col)), imported(dumpCollection(reference)));
      assertIntegrity(col);
    } finally {
      source.close();
      close();
      closeReference();
    }
  });

  test('an import must run inside a transaction', () => {
    const { col, close } = newTestCollection();
    const source = openImportSource(fixture('ankitects-anki/update1.apkg'), tmpdir());
    try {
      const prepared = readPackage(source, col.clock, ANKI_CONNECT_IMPORT_OPTIONS);
      assert.throws(() => importPreparedPackage(col, prepared, ANKI_CONNECT_IMPORT_OPTIONS), /inside a transaction/);
    } finally {
      source.close();
      close();
    }
  });
});

/**
 * The older collection files among the fixtures (shared/fixtures/anki, see its README): bare
 * schema-11 and schema-16 files, and the schema-11 collections inside packages (`collection.anki2`
 * of legacy packages, `collection.anki21` of the ones modern Anki writes "for older versions",
 * beside which it puts a dummy `collection.anki2` saying "please update"). Also the files both
 * sides must refuse.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { fixture, fixturesDir } from '../../../test/support/fixtures.js';

export interface UpgradeSource {
  /** `file` or `file → entry` for a fixture. */
  label: string;
  /** `col.ver` of the file as stored. */
  version: number;
  bytes(): Buffer;
}

const bare = (file: string, version: number): UpgradeSource => ({ label: file, version, bytes: () => sourceBytes({ file }) });
const packaged = (file: string, entry: string): UpgradeSource => ({
  label: `${file} → ${entry}`,
  version: 11,
  bytes: () => sourceBytes({ file, entry }),
});

export const UPGRADE_SOURCES: UpgradeSource[] = [
  bare('ankidroid/initial_version_2_12_1.anki2', 11),
  bare('ankitects-anki/mediacheck.anki2', 11),
  bare('ankidroid/schema16.anki2', 16),
  packaged('ankitects-anki/media.apkg', 'collection.anki2'),
  packaged('ankitects-anki/update1.apkg', 'collection.anki2'),
  packaged('ankitects-anki/update2.apkg', 'collection.anki2'),
  packaged('ankitects-anki/diffmodels2-1.apkg', 'collection.anki2'),
  packaged('ankitects-anki/diffmodeltemplates-1.apkg', 'collection.anki2'),
  packaged('ankidroid/templates.apkg', 'collection.anki2'),
  packaged('ankidroid/update3.apkg', 'collection.anki2'),
  packaged('srs-converter/empty-legacy-2.apkg', 'collection.anki21'),
  packaged('srs-converter/empty-legacy-2.apkg', 'collection.anki2'),
  packaged('srs-converter/empty-legacy-2.colpkg', 'collection.anki21'),
  packaged('srs-converter/empty-legacy-2.colpkg', 'collection.anki2'),
  packaged('srs-converter/mixed-legacy-2.apkg', 'collection.anki21'),
  packaged('srs-converter/mixed-legacy-2.apkg', 'collection.anki2'),
  packaged('srs-converter/empty-latest.apkg', 'collection.anki2'),
];

/** Files Anki refuses to open, and so must the server. */
export const REFUSED_SOURCES: { file: string; why: string }[] = [
  { file: 'ankidroid/schema250.anki2', why: 'FileTooNew' },
  { file: 'ankitects-anki/anki2-alpha.anki2', why: 'FileTooOld' },
  { file: 'ankidroid/initial_version_2_12_1_corrupt_regular.anki2', why: 'database disk image is malformed' },
];

/** Fixtures already at schema 18: nothing to upgrade, so not part of this comparison. */
export const CURRENT_FILES = ['transformerman/empty_collection.anki2', 'transformerman/two_deck_collection.anki2'];

/** The bytes of a source's collection. */
export function sourceBytes(source: { file: string; entry?: string }): Buffer {
  const bytes = readFileSync(fixture(source.file));
  if (source.entry === undefined) return bytes;
  const found = unzipSync(bytes)[source.entry];
  if (found === undefined) throw new Error(`${source.file} has no ${source.entry}`);
  return Buffer.from(found);
}

/**
 * Every collection among the fixtures, as `file` or `file → entry`: the bare `.anki2` files and the
 * SQLite collections inside packages (not `collection.anki21b`, a zstd-compressed schema-18 file).
 */
export function fixtureCollections(): string[] {
  const out: string[] = [];
  const root = fixturesDir();
  for (const folder of readdirSync(root, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
    for (const name of readdirSync(join(root, folder.name)).sort()) {
      const file = `${folder.name}/${name}`;
      if (name.endsWith('.anki2')) out.push(file);
      if (!name.endsWith('.apkg') && !name.endsWith('.colpkg')) continue;
      const entries = Object.keys(unzipSync(readFileSync(fixture(file)), { filter: (entry) => /^collection\.anki2/.test(entry.name) }));
      for (const entry of entries.filter((entry) => entry === 'collection.anki2' || entry === 'collection.anki21').sort()) {
        out.push(`${file} → ${entry}`);
      }
    }
  }
  return out.sort();
}

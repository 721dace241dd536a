import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The folder of real Anki files (shared/fixtures/anki). They are not copied into this project;
 * they live beside it, at ../shared from the project root. A clone elsewhere finds them through
 * ANKI_FIXTURES_DIR or the workspace's copy.
 */
export function fixturesDir(): string {
  const candidates = [
    process.env['ANKI_FIXTURES_DIR'],
    join(projectRoot, '..', 'shared', 'fixtures', 'anki'),
    '/work/shared/fixtures/anki',
  ];
  for (const candidate of candidates) {
    if (candidate !== undefined && existsSync(join(candidate, 'README.md'))) return candidate;
  }
  throw new Error('Anki fixture files not found: set ANKI_FIXTURES_DIR to shared/fixtures/anki');
}

export function fixture(relativePath: string): string {
  return join(fixturesDir(), relativePath);
}

/** Every package among the fixtures, for the tests that import each of them. */
export const FIXTURE_PACKAGES = [
  'ankitects-anki/media.apkg',
  'ankitects-anki/update1.apkg',
  'ankitects-anki/update2.apkg',
  'ankitects-anki/diffmodels2-1.apkg',
  'ankitects-anki/diffmodeltemplates-1.apkg',
  'ankidroid/templates.apkg',
  'ankidroid/update3.apkg',
  'srs-converter/empty-latest.apkg',
  'srs-converter/empty-legacy-2.apkg',
  'srs-converter/mixed-legacy-2.apkg',
] as const;

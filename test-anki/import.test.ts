// Imported by the server and by real Anki. Real Anki builds the collections (driver/build.py
// `rich`: every stock note type and custom ones, nested decks with presets and today-only
// limits, a filtered deck, media, cards in every state with a review history; the package source
// with FSRS on) and exports packages from one of them in each format, with and without
// scheduling. Every fixture package and every such export is then imported into copies of the
// same target collections, by the server's importPackage and by Anki's importer called as
// Anki-Connect calls it, on the same simulated clock (libfaketime): the collection files must hold
// the same rows and the media folders the same files. Each import is repeated, and the second
// import must agree too. A .colpkg given to importPackage is merged like a deck package on both
// sides (what Anki-Connect on Anki 23.10+ does); importCollectionPackage is held to Anki's restore.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Clock } from '../src/collection/clock.js';
import { importPreparedPackage, readPackage } from '../src/packages/import/apkg.js';
import { openImportSource } from '../src/packages/import/open-source.js';
import { ANKI_CONNECT_IMPORT_OPTIONS } from '../src/packages/import/options.js';
import { fixture, FIXTURE_PACKAGES } from '../test/support/fixtures.js';
import { AnkiDriver } from './support/anki.js';
import { copyProfile, tempProfile, type TempProfile } from './support/profile.js';
import { canonicalRows } from './support/canonical-rows.js';
import { diffRows, dumpRows, type RowChangeRule } from './support/rows.js';
import { OurServer } from './support/server.js';
import { mediaOf } from './support/media-files.js';

const DAY_MS = 86_400_000;
/** The moment of every import: a whole second, as libfaketime sets Anki's clock. */
const IMPORT_MS = Math.floor(Date.now() / 1000) * 1000;
/** The package source was made ten days before, the target collections 25 (so review days shift). */
const SOURCE_BUILT_MS = IMPORT_MS - 10 * DAY_MS;
const TARGET_BUILT_MS = IMPORT_MS - 25 * DAY_MS;
const EXPORT_MS = IMPORT_MS - 2 * DAY_MS;
const EDIT_MS = IMPORT_MS - DAY_MS;

const FIXTURES = FIXTURE_PACKAGES;

/** Packages real Anki exports from the source collection. */
const EXPORTS = [
  { name: 'Languages, latest, with scheduling and media', deck: 'Languages', withScheduling: true, legacy: false },
  { name: 'Languages, latest, without scheduling', deck: 'Languages', withScheduling: false, legacy: false },
  { name: 'Languages, legacy, with scheduling', deck: 'Languages', withScheduling: true, legacy: true },
  { name: 'Languages, legacy, without scheduling', deck: 'Languages', withScheduling: false, legacy: true },
  { name: 'Science, latest, with scheduling', deck: 'Science', withScheduling: true, legacy: false },
  { name: 'Default, latest, with scheduling', deck: 'Default', withScheduling: true, legacy: false },
  { name: 'a filtered deck, latest, with scheduling', deck: 'Filtered::Due soon', withScheduling: true, legacy: false },
  { name: 'a filtered deck, legacy, without scheduling', deck: 'Filtered::Due soon', withScheduling: false, legacy: true },
];

/** Where the server differs from Anki on purpose, or Anki from itself; each rule says why. */
const DELIBERATE: RowChangeRule[] = [
  {
    table: 'notetypes',
    reason:
      "two note types of one name in a legacy package: Anki's schema upgrade renames one of them `X_` in hash-map order, " +
      'which changes from one run of Anki to the next (the server keeps the name on the lower id), and the import adds `+` ' +
      'to whichever then clashes (stamping it modified)',
    matches: (ankis, ours) =>
      ankis[0] === ours[0] &&
      typeof ankis[1] === 'string' &&
      typeof ours[1] === 'string' &&
      ankis[1].replace(/[_+]+$/, '') === ours[1].replace(/[_+]+$/, '') &&
      JSON.stringify(ankis.slice(3)) === JSON.stringify(ours.slice(3)),
  },
  {
    table: 'config',
    reason:
      'the server moves nextPos past the imported new cards (Anki leaves it behind them until its Check Database moves it)',
    matches: (ankis, ours) => ankis[0] === 'nextPos' && ours[0] === 'nextPos',
  },
];

/** The server's import core with Anki's dialog defaults: note types not merged. */
function importWithoutMerging(server: OurServer, pkg: string): void {
  const options = { ...ANKI_CONNECT_IMPORT_OPTIONS, mergeNotetypes: false };
  const source = openImportSource(pkg, tmpdir());
  try {
    const prepared = readPackage(source, server.col.clock, options);
    server.col.transact(() => importPreparedPackage(server.col, prepared, options));
  } finally {
    source.close();
  }
}

const clockAt = (ms: number): Clock => ({ nowMs: () => ms, minutesWest: (at) => new Date(at).getTimezoneOffset() });

describe('imported by the server and by Anki', () => {
  const anki = new AnkiDriver({ fakeTime: true });
  const work = mkdtempSync(join(tmpdir(), 'acs-import-'));
  const targets = new Map<string, TempProfile>();
  const packages = new Map<string, string>();
  const profiles: TempProfile[] = [];
  let compared = 0;
  let rowsCompared = 0;
  let notesImported = 0;

  const profile = (): TempProfile => {
    const made = tempProfile();
    profiles.push(made);
    return made;
  };

  before(async () => {
    anki.setTime(SOURCE_BUILT_MS);
    const source = profile();
    await anki.open(source.path);
    await anki.build('rich', { seed: 11, notes: 160, fsrs: true });
    await anki.checkDatabase();
    await anki.close();

    anki.setTime(TARGET_BUILT_MS);
    const empty = profile();
    await anki.open(empty.path);
    await anki.close();
    targets.set('a new collection', empty);
    const rich = profile();
    await anki.open(rich.path);
    await anki.build('rich', { seed: 12, notes: 80, fsrs: false });
    await anki.checkDatabase();
    await anki.close();
    // Files of the same names as the packages' with other content: imported ones get new names.
    const richMedia = rich.path.replace(/\.anki2$/, '.media');
    mkdirSync(richMedia, { recursive: true });
    writeFileSync(join(richMedia, 'pic1.png'), 'not the package\'s picture');
    writeFileSync(join(richMedia, 'foo.wav'), 'not the package\'s sound');
    targets.set('another collection', rich);
    // A filtered deck where the packages have a normal one: the imported deck takes another name.
    const clash = profile();
    await anki.open(clash.path);
    for (let i = 0; i < 3; i++) await anki.write('addNote', { modelName: 'Basic', deckName: 'Default', fields: { Front: `clash ${i}`, Back: '' } });
    await anki.write('createFilteredDeck', { name: 'Languages', search: 'deck:Default', limit: 10, reschedule: true });
    await anki.close();
    targets.set('a collection with a filtered deck called Languages', clash);

    anki.setTime(EXPORT_MS);
    await anki.open(source.path);
    for (const variant of EXPORTS) {
      const path = join(work, `${packages.size}.apkg`);
      await anki.write('ankiExportPackage', {
        deck: variant.deck,
        path,
        withScheduling: variant.withScheduling,
        withDeckConfigs: variant.withScheduling,
        withMedia: true,
        legacy: variant.legacy,
      });
      packages.set(variant.name, path);
    }
    for (const legacy of [false, true]) {
      const path = join(work, `collection-${legacy ? 'legacy' : 'latest'}.colpkg`);
      await anki.write('ankiExportCollectionPackage', { path, includeMedia: true, legacy });
      packages.set(`the whole collection, ${legacy ? 'legacy' : 'latest'} .colpkg`, path);
    }
    await anki.close();
    // The collection as it was exported, then changed in the source and exported again: the
    // second package updates notes and brings a note type with a field more and a changed front.
    const older = copyProfile(source.path);
    profiles.push(older);
    targets.set('the source collection as it was a day earlier', older);
    anki.setTime(EDIT_MS);
    await anki.open(source.path);
    const edited = (await anki.call('find', { kind: 'notes', queries: ['deck:Languages'] })) as { ids: number[] }[];
    for (const id of (edited[0]?.ids ?? []).slice(0, 12)) {
      const info = (await anki.ac('notesInfo', { notes: [id] })) as { fields: Record<string, { value: string; order: number }> }[];
      const first = Object.entries(info[0]?.fields ?? {}).find(([, f]) => f.order === 0);
      if (first !== undefined) await anki.write('updateNoteFields', { id, fields: { [first[0]]: `${first[1].value} (edited)` } });
    }
    await anki.write('addModelField', { modelName: 'Vocab (custom)', fieldName: 'Example' });
    await anki.write('setTemplatesUnchecked', {
      modelName: 'Basic (and reversed card)',
      templates: { 'Card 2': { Front: '{{Back}}<div class=hint>reverse</div>' } },
    });
    const path = join(work, 'edited.apkg');
    await anki.write('ankiExportPackage', { deck: 'Languages', path, withScheduling: true, withDeckConfigs: true, withMedia: true, legacy: false });
    packages.set('Languages after edits, latest, with scheduling', path);
    await anki.close();
  });

  after(async () => {
    await anki.stop();
    for (const made of profiles) made.remove();
    rmSync(work, { recursive: true, force: true });
    console.log(`imports: ${compared} imports compared with real Anki (${rowsCompared} rows; ${notesImported} notes added by first imports)`);
  });

  /**
   * Imports `pkg` into a copy of `target` on each side, twice; returns the differences after each.
   * `merge: false` imports without merging note types (Anki's own dialog default), through the
   * server's import core, since importPackage always merges as Anki-Connect does.
   */
  async function importBoth(target: TempProfile, pkg: string, restore: boolean, merge = true): Promise<string[]> {
    const theirs = copyProfile(target.path);
    const ours = copyProfile(target.path);
    const scratch = tempProfile();
    try {
      const problems: string[] = [];
      for (const [round, at] of [['first import', IMPORT_MS], ['second import', IMPORT_MS + 60_000]] as const) {
        anki.setTime(at);
        if (restore) {
          // Anki's restore works on a closed collection; the driver needs one open of its own.
          await anki.open(scratch.path);
          await anki.write('ankiImportCollectionPackage', { path: pkg, target: theirs.path });
          await anki.close();
        } else {
          await anki.open(theirs.path);
          await anki.write('ankiImportPackage', { path: pkg, mergeNotetypes: merge, withScheduling: true, withDeckConfigs: true });
          await anki.close();
        }
        const server = OurServer.open(ours.path, { clock: clockAt(at) });
        try {
          if (merge) {
            const outcome = await server.outcome(restore ? 'importCollectionPackage' : 'importPackage', { path: pkg });
            if ('error' in outcome) problems.push(`${round}: the server failed: ${outcome.error}`);
          } else {
            importWithoutMerging(server, pkg);
          }
        } finally {
          server.close();
        }
        const ankiRows = canonicalRows(theirs.path);
        const rows = diffRows(ankiRows, canonicalRows(ours.path), DELIBERATE);
        rowsCompared += [...ankiRows.values()].reduce((sum, list) => sum + list.length, 0);
        if (round === 'first import') notesImported += (ankiRows.get('notes')?.length ?? 0) - (dumpRows(target.path).get('notes')?.length ?? 0);
        problems.push(...rows.map((line) => `${round}: ${line}`));
        const mediaTheirs = mediaOf(theirs.path);
        const mediaOurs = mediaOf(ours.path);
        if (JSON.stringify(mediaTheirs) !== JSON.stringify(mediaOurs)) {
          problems.push(`${round}: media differ: Anki ${JSON.stringify(mediaTheirs)}, server ${JSON.stringify(mediaOurs)}`);
        }
        compared++;
      }
      return problems;
    } finally {
      theirs.remove();
      ours.remove();
      scratch.remove();
    }
  }

  /** Imports the packages one after the other into one copy of `target` on each side, comparing after each. */
  async function importSequence(target: TempProfile, pkgs: readonly string[]): Promise<string[]> {
    const theirs = copyProfile(target.path);
    const ours = copyProfile(target.path);
    try {
      const problems: string[] = [];
      for (const [step, pkg] of pkgs.entries()) {
        const at = IMPORT_MS + step * 60_000;
        anki.setTime(at);
        await anki.open(theirs.path);
        await anki.write('ankiImportPackage', { path: pkg, mergeNotetypes: true, withScheduling: true, withDeckConfigs: true });
        await anki.close();
        const server = OurServer.open(ours.path, { clock: clockAt(at) });
        try {
          const outcome = await server.outcome('importPackage', { path: pkg });
          if ('error' in outcome) problems.push(`step ${step + 1}: the server failed: ${outcome.error}`);
        } finally {
          server.close();
        }
        const rows = diffRows(canonicalRows(theirs.path), canonicalRows(ours.path), DELIBERATE);
        problems.push(...rows.map((line) => `step ${step + 1} (${pkg}): ${line}`));
        if (JSON.stringify(mediaOf(theirs.path)) !== JSON.stringify(mediaOf(ours.path))) problems.push(`step ${step + 1}: media differ`);
        compared++;
      }
      return problems;
    } finally {
      theirs.remove();
      ours.remove();
    }
  }

  const cases = (): { target: string; pkg: string; label: string }[] => [
    ...FIXTURES.map((name) => ({ target: 'a new collection', pkg: fixture(name), label: name })),
    ...FIXTURES.map((name) => ({ target: 'another collection', pkg: fixture(name), label: name })),
  ];

  test('every fixture package, into a new collection and into a collection in use', async () => {
    const failures: string[] = [];
    for (const { target, pkg, label } of cases()) {
      const problems = await importBoth(targets.get(target)!, pkg, false);
      if (problems.length > 0) failures.push(`${label} into ${target}:\n  ${problems.slice(0, 40).join('\n  ')}`);
    }
    if (failures.length > 0) console.log(failures.join('\n'));
    assert.deepEqual(failures, []);
  });

  test("every package Anki exports, into each target", async () => {
    const failures: string[] = [];
    // A .colpkg too: importPackage merges it like a deck package, as Anki-Connect on Anki does.
    for (const [label, pkg] of packages) {
      for (const [target, made] of targets) {
        const problems = await importBoth(made, pkg, false);
        if (problems.length > 0) failures.push(`${label} into ${target}:\n  ${problems.slice(0, 40).join('\n  ')}`);
      }
    }
    if (failures.length > 0) console.log(failures.join('\n'));
    assert.deepEqual(failures, []);
  });

  test('packages one after another: notes updated by guid, note types merged when a guid changes note type', async () => {
    const sequence = [
      'ankitects-anki/update1.apkg',
      'ankitects-anki/update2.apkg',
      'ankitects-anki/update1.apkg',
      'ankidroid/update3.apkg',
      'ankitects-anki/diffmodels2-1.apkg',
      'ankitects-anki/media.apkg',
      'srs-converter/mixed-legacy-2.apkg',
    ].map((name) => fixture(name));
    const failures: string[] = [];
    for (const [name, made] of targets) {
      const problems = await importSequence(made, sequence);
      if (problems.length > 0) failures.push(`into ${name}:\n  ${problems.slice(0, 40).join('\n  ')}`);
    }
    if (failures.length > 0) console.log(failures.join('\n'));
    assert.deepEqual(failures, []);
  });

  test('without merging note types: a changed note type is imported as a new one, reused next time', async () => {
    const failures: string[] = [];
    const pkgs = [...packages].filter(([label]) => label.startsWith('Languages'));
    for (const [label, pkg] of pkgs) {
      const problems = await importBoth(targets.get('the source collection as it was a day earlier')!, pkg, false, false);
      if (problems.length > 0) failures.push(`${label}:\n  ${problems.slice(0, 40).join('\n  ')}`);
    }
    for (const name of ['ankidroid/update3.apkg', 'ankitects-anki/diffmodeltemplates-1.apkg']) {
      const problems = await importBoth(targets.get('another collection')!, fixture(name), false, false);
      if (problems.length > 0) failures.push(`${name}:\n  ${problems.slice(0, 40).join('\n  ')}`);
    }
    if (failures.length > 0) console.log(failures.join('\n'));
    assert.deepEqual(failures, []);
  });

  test('importCollectionPackage replaces the collection as Anki\'s restore does', async () => {
    const failures: string[] = [];
    const colpkgs = [...[...packages].filter(([, path]) => path.endsWith('.colpkg')), ['empty-legacy-2.colpkg', fixture('srs-converter/empty-legacy-2.colpkg')] as const];
    for (const [label, pkg] of colpkgs) {
      const problems = await importBoth(targets.get('another collection')!, pkg, true);
      if (problems.length > 0) failures.push(`${label}:\n  ${problems.slice(0, 40).join('\n  ')}`);
    }
    if (failures.length > 0) console.log(failures.join('\n'));
    assert.deepEqual(failures, []);
  });
});

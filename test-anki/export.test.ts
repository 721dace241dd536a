// Exported by the server, imported by real Anki. Anki builds collections through its own API
// (driver/build.py `rich`: every stock note type and custom ones, nested decks with presets, a
// filtered deck, media, cards in every state with a review history, with FSRS off and on). The
// server and Anki each export the same deck of the same collection (each format, with and without
// scheduling), and real Anki imports each package into a copy of one new collection: the two
// results must be the same rows (modulo the deck ids and stamps Anki draws at import) and the same
// media files. The whole collection as .colpkg is held to the same rule through Anki's restore.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ZipReader } from '../src/packages/zip-reader.js';
import { fixture } from '../test/support/fixtures.js';
import { AnkiDriver } from './support/anki.js';
import { diffSemanticRows, semanticRows } from './support/package-rows.js';
import { copyProfile, tempProfile, type TempProfile } from './support/profile.js';
import { OurServer } from './support/server.js';
import { mediaOf } from './support/media-files.js';

const VARIANTS = [
  { name: 'SM-2', params: { seed: 5, notes: 160, fsrs: false } },
  { name: 'FSRS, with a package of FSRS history imported', params: { seed: 6, notes: 160, fsrs: true, withPackage: fixture('srs-converter/mixed-legacy-2.apkg') } },
];
const DECKS = ['Languages', 'Science', 'Filtered::Due soon', 'Default'];

/** A package's entries as `name method`, media entries collapsed (Anki writes them in hash order). */
function layout(path: string): string[] {
  const zip = ZipReader.open(path);
  try {
    return zip.entries.map((entry) => `${/^\d+$/.test(entry.name) ? '<media>' : entry.name} ${entry.method}`);
  } finally {
    zip.close();
  }
}

describe('exported by the server, imported by Anki', () => {
  // On a clock of its own: each import records its options in the config with the time, and the
  // two imports compared must happen at the same second. The clock runs from there (Anki draws
  // ids from it) and starts an hour ahead, clear of the ids of the collections made before.
  const anki = new AnkiDriver({ fakeTime: true });
  const IMPORT_MS = Math.floor(Date.now() / 1000) * 1000 + 3_600_000;
  const work = mkdtempSync(join(tmpdir(), 'acs-export-'));
  let empty: TempProfile;
  let compared = 0;

  before(async () => {
    // One new collection, copied for every import, so that both sides start from the same rows.
    anki.setTime(Date.now(), { running: true });
    empty = tempProfile();
    await anki.open(empty.path);
    await anki.close();
  });
  after(async () => {
    await anki.stop();
    empty.remove();
    rmSync(work, { recursive: true, force: true });
    console.log(`exports compared: ${compared}`);
  });

  /** Imports `path` with real Anki into a copy of the new collection; returns the copy and Anki's import log. */
  async function importInto(path: string): Promise<{ profile: TempProfile; log: unknown }> {
    const profile = copyProfile(empty.path);
    anki.setTime(IMPORT_MS, { running: true });
    await anki.open(profile.path);
    try {
      return { profile, log: await anki.write('ankiImportPackage', { path }) };
    } finally {
      await anki.close();
    }
  }

  for (const variant of VARIANTS) {
    describe(variant.name, () => {
      const built = tempProfile();
      let ours: TempProfile;
      let server: OurServer;
      before(async () => {
        anki.setTime(Date.now(), { running: true });
        await anki.open(built.path);
        try {
          await anki.build('rich', variant.params);
          await anki.checkDatabase();
        } finally {
          await anki.close();
        }
        ours = copyProfile(built.path);
        server = OurServer.open(ours.path);
      });
      after(() => {
        server.close();
        ours.remove();
        built.remove();
      });

      for (const deck of DECKS) {
        for (const includeSched of [false, true]) {
          for (const legacy of [false, true]) {
            const label = `${deck}, ${includeSched ? 'with' : 'without'} scheduling, ${legacy ? 'legacy' : 'latest'} format`;
            test(label, async () => {
              const stem = join(work, `${variant.params.seed}-${deck.replace(/\W+/g, '_')}-${includeSched}-${legacy}`);
              const mine = `${stem}-server.apkg`;
              const theirs = `${stem}-anki.apkg`;
              assert.deepEqual(await server.outcome('exportPackage', { deck, path: mine, includeSched, legacy }), { result: true });
              anki.setTime(Date.now(), { running: true });
              await anki.open(built.path);
              try {
                await anki.write('ankiExportPackage', { deck, path: theirs, withScheduling: includeSched, legacy });
              } finally {
                await anki.close();
              }
              assert.deepEqual(layout(mine), layout(theirs));
              const a = await importInto(theirs);
              const b = await importInto(mine);
              try {
                assert.deepEqual(b.log, a.log);
                assert.deepEqual(diffSemanticRows(semanticRows(a.profile.path), semanticRows(b.profile.path)), []);
                assert.deepEqual(mediaOf(b.profile.path), mediaOf(a.profile.path));
                compared++;
              } finally {
                a.profile.remove();
                b.profile.remove();
              }
            });
          }
        }
      }

      for (const legacy of [false, true]) {
        test(`the whole collection, ${legacy ? 'legacy' : 'latest'} format`, async () => {
          const mine = join(work, `${variant.params.seed}-${legacy}-server.colpkg`);
          const theirs = join(work, `${variant.params.seed}-${legacy}-anki.colpkg`);
          assert.deepEqual(await server.outcome('exportCollectionPackage', { path: mine, legacy }), { result: true });
          anki.setTime(Date.now(), { running: true });
          await anki.open(built.path);
          try {
            await anki.write('ankiExportCollectionPackage', { path: theirs, legacy });
          } finally {
            await anki.close();
          }
          assert.deepEqual(
            layout(mine).filter((entry) => !entry.startsWith('<media>')),
            layout(theirs).filter((entry) => !entry.startsWith('<media>')),
          );
          const restored = [theirs, mine].map(() => tempProfile());
          const scratch = copyProfile(empty.path);
          try {
            // The driver needs a collection open to run an op; Anki's restore itself uses a backend of its own.
            await anki.open(scratch.path);
            try {
              for (const [index, path] of [theirs, mine].entries()) {
                await anki.write('ankiImportCollectionPackage', { path, target: restored[index]!.path });
              }
            } finally {
              await anki.close();
            }
            const [a, b] = restored.map((profile) => profile.path) as [string, string];
            assert.deepEqual(diffSemanticRows(semanticRows(a), semanticRows(b)), []);
            assert.deepEqual(mediaOf(b), mediaOf(a));
            assert.deepEqual(mediaOf(b), mediaOf(built.path));
            compared++;
          } finally {
            for (const profile of [...restored, scratch]) profile.remove();
          }
        });
      }
    });
  }
});

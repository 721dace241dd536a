/**
 * Exporting a deck and its subdecks as an .apkg (Anki's `export_apkg`): the gathered notes, cards,
 * decks, note types, review log and presets go into a new collection whose stock note types were
 * removed, which takes the source's creation time and offset (the importer shifts due days by
 * them); legacy packages get it downgraded to schema 11. Then the package is written with the
 * media the notes use.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Collection } from '../../collection/collection.js';
import { isNormalizedMediaFilename } from '../../media/filename.js';
import { downgradeToSchema11 } from '../../storage/downgrade/schema11.js';
import { createScratchCollection } from '../scratch-collection.js';
import { checkOutputPath, writePackage, type MediaSourceFile } from '../write.js';
import { gatherInto } from './gather.js';
import { stderrProgress, throttledProgress, type ProgressLog } from './progress.js';

export interface DeckPackageOptions {
  readonly deckId: number;
  readonly outPath: string;
  readonly withScheduling: boolean;
  /** Include the decks' options presets (Anki's "include deck presets"). */
  readonly withDeckConfigs: boolean;
  readonly withMedia: boolean;
  /** Write the legacy format (schema 11, for Anki before 2.1.50 and AnkiDroid before 2.16). */
  readonly legacy: boolean;
  readonly log?: ProgressLog;
}

/** The media files to pack: those of `names` that are in the media folder under a name Anki accepts. */
export function mediaFilesIn(mediaDir: string, names: Iterable<string>, log: ProgressLog): MediaSourceFile[] {
  const files: MediaSourceFile[] = [];
  for (const name of names) {
    const path = join(mediaDir, name);
    let isFile = false;
    try {
      isFile = statSync(path).isFile();
    } catch {
      // Missing files are left out, as Anki leaves them out.
    }
    if (!isFile) continue;
    if (!isNormalizedMediaFilename(name)) {
      // Anki stops the export and asks for Check Media; the file is left out here instead.
      log(`media file ${JSON.stringify(name)} is left out of the package: Anki does not accept its name (run Check Media in Anki)`);
      continue;
    }
    files.push({ name, path });
  }
  return files;
}

/** Writes the package; returns the number of notes exported. */
export function exportDeckPackage(col: Collection, options: DeckPackageOptions): number {
  checkOutputPath(options.outPath);
  const log = options.log ?? stderrProgress;
  const workDir = mkdtempSync(join(tmpdir(), 'anki-export-'));
  try {
    const target = createScratchCollection(workDir, 'collection.anki2', col.clock);
    let gathered;
    try {
      target.db.exec('delete from notetypes');
      gathered = gatherInto(col, target, {
        deckId: options.deckId,
        withScheduling: options.withScheduling,
        withDeckConfigs: options.withDeckConfigs,
        withMedia: options.withMedia,
        onNotes: throttledProgress(log, 'exporting notes'),
      });
      const crt = (col.db.prepare('select crt from col').get() as { crt: number }).crt;
      const offset = col.config.get('creationOffset');
      target.transact(() => {
        target.db.prepare('update col set crt = ?').run(crt);
        if (typeof offset === 'number') target.config.set('creationOffset', offset);
        else target.db.prepare("delete from config where KEY = 'creationOffset'").run();
      });
      if (options.legacy) downgradeToSchema11(target);
    } finally {
      target.close();
    }
    writePackage(options.outPath, {
      format: options.legacy ? 'legacy' : 'latest',
      collectionPath: join(workDir, 'collection.anki2'),
      media: options.withMedia ? mediaFilesIn(col.mediaDir, gathered.mediaNames, log) : [],
      onMedia: throttledProgress(log, 'exporting media files'),
      clock: col.clock,
    });
    return gathered.noteCount;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

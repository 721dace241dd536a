/**
 * Importing a deck package into the open collection, as Anki's importer does (rslib
 * `apkg/import`), in two steps: reading the package (its collection gathered into memory and its
 * media names checked), which changes nothing of the user's, then the import itself, which must
 * run inside one transaction of the target collection: note types, notes, decks and presets,
 * cards and review log, and last the media files, which are removed again if a copy fails, so a
 * failed import leaves collection and media folder as they were.
 */
import { basename } from 'node:path';
import type { Clock } from '../../collection/clock.js';
import type { Collection } from '../../collection/collection.js';
import { importCardsAndRevlog, keepNextPositionAhead } from './cards.js';
import { DeckImporter } from './decks.js';
import type { ExchangeData } from './exchange.js';
import { readPackageCollection } from './inner-collection.js';
import { copyPlannedMedia } from './media-copy.js';
import { checkMediaEntries, type CheckedMediaEntry } from './media-entries.js';
import { MediaPlan } from './media-plan.js';
import { NoteImporter, type NoteLog } from './notes.js';
import { NotetypeImporter, NotetypeRemaps } from './notetypes.js';
import { recordImportOptions, type ImportOptions } from './options.js';
import { ImportProgress } from './progress.js';
import type { ImportPackageSource } from './source.js';

/** A package read and ready to import. The source stays open: media are read from it at the end. */
export interface PreparedImport {
  readonly label: string;
  readonly data: ExchangeData;
  readonly media: readonly CheckedMediaEntry[];
}

/** What an import did. */
export interface ImportSummary extends NoteLog {
  cards: number;
  mediaFiles: number;
}

/**
 * Reads an opened package: checks its media names (a package naming a file outside the media
 * folder is refused whole), then gathers its collection. Throws what Anki's importer throws.
 */
export function readPackage(source: ImportPackageSource, clock: Clock, options: ImportOptions, label = basename(source.collectionPath)): PreparedImport {
  if (!options.withScheduling) throw new Error('importing without scheduling is not supported');
  const media = checkMediaEntries(source.format, source.media);
  const data = readPackageCollection(source.collectionPath, clock, options.withDeckConfigs);
  return { label, data, media };
}

/**
 * Imports a read package into `col`. Must run inside a transaction of `col`: a thrown error
 * leaves the rollback to it. The prepared package is not consumed, so the same import can run
 * again after a rollback (a `multi` does that when a later item fails).
 */
export function importPreparedPackage(col: Collection, prepared: PreparedImport, options: ImportOptions): ImportSummary {
  if (!col.inTransaction) throw new Error('internal error: a package import must run inside a transaction');
  const { data } = prepared;
  const progress = new ImportProgress(prepared.label);
  recordImportOptions(col, options);
  const notetypeOfNote = new Map(data.notes.map((note) => [note.id, note.notetypeId]));
  const media = new MediaPlan(prepared.media, col.media.path);

  const remaps = new NotetypeRemaps();
  const notetypes = new NotetypeImporter(col, options, remaps);
  // Working copies: the prepared data must survive for a second run.
  notetypes.importNotetypes(data.notetypes.map(copyNotetype));
  const notes = new NoteImporter(col, options, notetypes, media, progress);
  notes.importNotes(data.notes);

  const decks = new DeckImporter(col, data.daysElapsed);
  decks.importDeckConfigs(options.withDeckConfigs ? data.deckConfigs : []);
  decks.importDecks(data.decks);

  const cards = importCardsAndRevlog(col, data.cards, data.revlog, data.daysElapsed, {
    notes: notes.idMap,
    notetypeOfNote,
    templates: remaps.templates,
    decks: decks.idMap,
  });
  keepNextPositionAhead(col);

  col.media.ensureExists();
  const mediaFiles = copyPlannedMedia(col.media.path, media.toCopy());
  const summary = { ...notes.log, cards, mediaFiles };
  progress.finished(`${summary.added} notes added, ${summary.updated} updated, ${cards} cards, ${mediaFiles} media files`);
  return summary;
}

/** A deep copy; protobuf messages are plain objects here, so structuredClone copies them whole. */
const copyNotetype = (notetype: ExchangeData['notetypes'][number]): ExchangeData['notetypes'][number] => structuredClone(notetype);

/**
 * Builds a synthetic Anki collection of any size, fast: every note and card row is written with
 * prepared statements inside one transaction, deriving the same columns Anki derives (guid,
 * sort field, first-field checksum, tags column, one card per generated template or cloze
 * number, new-card positions) so the result passes the project's integrity checker.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cardGenInfo, ordsForNewNote } from '../src/cards/generation.js';
import { FixedClock } from '../src/collection/clock.js';
import type { Collection } from '../src/collection/collection.js';
import { defaultMediaDir, openCollection } from '../src/collection/open.js';
import { FIELD_SEPARATOR } from '../src/notes/note.js';
import type { Notetype } from '../src/notetypes/notetype.js';
import {
  base91,
  compareIgnoringCase,
  fieldChecksum,
  joinTagsForStorage,
  stripHtmlPreservingMediaFilenames,
} from '../src/text/index.js';
import { backField, clozeExtra, clozeText, deckNames, frontField, imageOcclusion, noteTags, tagVocabulary } from './content.js';
import { Rng } from './rng.js';
import { varyScheduling, writeReferencedMedia, type VariedSummary } from './varied.js';

/** What to generate. The same options always give the same notes, cards, tags and decks. */
export interface GenerateOptions {
  notes: number;
  /** Number of decks the notes are spread over (parents of `::` names come on top). */
  decks: number;
  seed: number;
  /**
   * Also Image Occlusion notes, cards in every scheduling state with their review history
   * (bench/varied.ts), and the referenced media files, in `collection.media` beside the file.
   * Off for the benchmarks, which measure on new cards; the reference suite turns it on.
   */
  varied?: boolean;
}

/** What was generated. */
export interface GeneratedSummary {
  notes: number;
  cards: number;
  tags: number;
  decks: number;
  /** Notes per note type name. */
  byNotetype: Record<string, number>;
  /** With `varied`: cards per state, review log rows and media files written. */
  varied?: VariedSummary;
  ms: number;
}

/**
 * "Now" while generating: a fixed instant in the past, so ids, mtimes and note type and deck ids
 * are reproducible and every id stays below the integrity checker's "future id" limit.
 */
export const GENERATOR_EPOCH_MS = Date.UTC(2021, 0, 4, 12, 0, 0);

/**
 * Word indexes below this belong to generated notes; benchmarks that need first fields that are
 * certainly new draw indexes from above it (see `uniqueWord`).
 */
export const GENERATED_WORD_LIMIT = 1 << 24;

interface NoteKind {
  name: string;
  weight: number;
  fields: (rng: Rng, index: number) => string[];
}

// Mostly two-card notes, so 100k notes give more than 200k cards (clozes average four).
const NOTE_KINDS: NoteKind[] = [
  { name: 'Basic (and reversed card)', weight: 70, fields: (rng, i) => [frontField(rng, i), backField(rng)] },
  { name: 'Basic', weight: 12, fields: (rng, i) => [frontField(rng, i), backField(rng)] },
  {
    name: 'Basic (optional reversed card)',
    weight: 3,
    fields: (rng, i) => [frontField(rng, i), backField(rng), rng.chance(0.5) ? 'y' : ''],
  },
  { name: 'Basic (type in the answer)', weight: 2, fields: (rng, i) => [frontField(rng, i), backField(rng)] },
  { name: 'Cloze', weight: 13, fields: (rng, i) => [clozeText(rng, i, rng.range(2, 6)), clozeExtra(rng)] },
];

// Added with `varied` only, so the benchmarks' collection stays as it was.
const VARIED_KINDS: NoteKind[] = [{ name: 'Image Occlusion', weight: 4, fields: (rng, i) => imageOcclusion(rng, i) }];

/** The varied collection's "now": 250 days after it was created, so it has a past to review. */
export const VARIED_NOW_MS = GENERATOR_EPOCH_MS + 250 * 86_400_000;

/**
 * Writes a new collection of `options.notes` notes to `path` (replacing any file there) and
 * returns what it holds. Media files are only referenced, never created.
 */
export function generateCollection(path: string, options: GenerateOptions): GeneratedSummary {
  if (options.notes > GENERATED_WORD_LIMIT) throw new Error(`at most ${GENERATED_WORD_LIMIT} notes`);
  const started = performance.now();
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
  // The benchmarks' media folder would land beside the cached file and nothing is stored in it;
  // a varied collection has its files in its own media folder, as Anki lays it out.
  const mediaDir = options.varied === true ? defaultMediaDir(path) : mkdtempSync(join(tmpdir(), 'acs-bench-media-'));
  const col = openCollection(path, { clock: new FixedClock(GENERATOR_EPOCH_MS), mediaDir });
  try {
    const summary = col.transact(() => {
      const filled = fill(col, options);
      if (options.varied !== true) return filled;
      const scheduling = varyScheduling(col, new Rng(options.seed ^ 0x5eed), VARIED_NOW_MS);
      return { ...filled, varied: { ...scheduling, mediaFiles: writeReferencedMedia(col, mediaDir) } };
    });
    // Fresh planner statistics, as a collection that has been through Check Database has: the
    // ones left by creation describe empty tables.
    col.db.exec('analyze');
    return { ...summary, ms: performance.now() - started };
  } finally {
    col.close();
    if (options.varied !== true) rmSync(mediaDir, { recursive: true, force: true });
  }
}

function fill(col: Collection, options: GenerateOptions): Omit<GeneratedSummary, 'ms'> {
  const rng = new Rng(options.seed);
  const deckIds = deckNames(options.decks).map((name) => col.decks.getOrCreate(name));
  const kinds = options.varied === true ? [...NOTE_KINDS, ...VARIED_KINDS] : NOTE_KINDS;
  const notetypes = kinds.map((kind) => {
    const notetype = col.notetypes.byName(kind.name);
    if (notetype === undefined) throw new Error(`stock note type ${kind.name} is missing`);
    return notetype;
  });
  const weights = kinds.map((kind) => kind.weight);
  const vocabulary = tagVocabulary();
  const usedTags = new Set<string>();
  const byNotetype: Record<string, number> = {};

  const insertNote = col.db.prepare(
    "insert into notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data) values (?, ?, ?, ?, 0, ?, ?, ?, ?, 0, '')",
  );
  const insertCard = col.db.prepare(
    'insert into cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data) ' +
      "values (?, ?, ?, ?, ?, 0, 0, 0, ?, 0, 0, 0, 0, 0, 0, 0, 0, '{}')",
  );

  const epochSecs = Math.floor(GENERATOR_EPOCH_MS / 1000);
  let cardCount = 0;
  for (let i = 0; i < options.notes; i++) {
    const kindIndex = rng.weighted(weights);
    const kind = kinds[kindIndex]!;
    const notetype = notetypes[kindIndex]!;
    const fields = kind.fields(rng, i);
    const tags = noteTags(rng, vocabulary).sort(compareIgnoringCase);
    for (const tag of tags) usedTags.add(tag);
    // A skewed deck choice: a few big decks and a long tail, as in real collections.
    const r = rng.next();
    const did = deckIds[Math.floor(r * r * deckIds.length)] ?? 1;

    // Ids are milliseconds before the epoch's "now", one apart, as if added over 100 seconds.
    const noteId = GENERATOR_EPOCH_MS - options.notes + i;
    const mod = epochSecs - Math.floor((options.notes - i) / 1000);
    const { sortField, checksum } = derivedColumns(notetype, fields);
    insertNote.run(noteId, base91(rng.u64()), notetype.id, mod, joinTagsForStorage(tags), fields.join(FIELD_SEPARATOR), sortField, checksum);
    // Positions start at 1 (a new collection's nextPos); all cards of a note share one.
    const position = i + 1;
    for (const ord of ordsForNewNote(cardGenInfo(notetype), fields, tags.length > 0)) {
      insertCard.run(GENERATOR_EPOCH_MS - 4 * options.notes + cardCount, noteId, did, ord, mod, position);
      cardCount++;
    }
    byNotetype[kind.name] = (byNotetype[kind.name] ?? 0) + 1;
  }

  const insertTag = col.db.prepare('insert or ignore into tags (tag, usn, collapsed, config) values (?, 0, 0, null)');
  for (const tag of usedTags) insertTag.run(tag);
  col.config.set('nextPos', options.notes + 1);
  return { notes: options.notes, cards: cardCount, tags: usedTags.size, decks: deckIds.length, byNotetype };
}

/** The sort field and first-field checksum Anki stores beside the fields. */
function derivedColumns(notetype: Notetype, fields: readonly string[]): { sortField: string; checksum: number } {
  const first = stripHtmlPreservingMediaFilenames(fields[0] ?? '');
  const sortIdx = notetype.config.sortFieldIdx;
  const sortField = sortIdx === 0 ? first : stripHtmlPreservingMediaFilenames(fields[sortIdx] ?? '');
  return { sortField, checksum: fieldChecksum(first) };
}

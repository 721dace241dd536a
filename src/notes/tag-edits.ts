import type { Collection } from '../collection/collection.js';
import { TagMatcher } from '../tags/matcher.js';
import { compareIgnoringCase, foldCase, joinTagsForStorage, splitStoredTags, splitTags } from '../text/index.js';

/** A note's id and its `tags` column. */
interface NoteTagsRow {
  id: number;
  tags: string;
}

/** The tags of the notes with these ids that exist (unknown ids are skipped, as in Anki). */
function noteTagRows(col: Collection, noteIds: readonly number[]): NoteTagsRow[] {
  if (noteIds.length === 0) return [];
  return col
    .stmt<[string], NoteTagsRow>('select id, tags from notes where id in (select value from json_each(?))')
    .all(JSON.stringify(noteIds));
}

/** Stores a note's new tag list, stamping it modified now with usn -1. */
function writeNoteTags(col: Collection, noteId: number, tags: readonly string[]): void {
  col
    .stmt('update notes set tags = ?, mod = ?, usn = ? where id = ?')
    .run(joinTagsForStorage(tags), col.nowSecs(), col.usn(), noteId);
}

/**
 * Anki's `add_tags_to_notes` (Anki-Connect's addTags): the space-separated tags are normalised
 * and registered (taking a registered spelling when one exists, even when no note gets them),
 * then added to each note that lacks them, ignoring case; such a note's tags are re-sorted
 * case-insensitively and it is stamped modified. Returns how many notes changed.
 */
export function addTagsToNotes(col: Collection, noteIds: readonly number[], tags: string): number {
  const wanted = col.tags.canonify(splitTags(tags));
  if (wanted.length === 0) return 0;
  let changed = 0;
  for (const row of noteTagRows(col, noteIds)) {
    const current = splitStoredTags(row.tags);
    const present = new Set(current.map(foldCase));
    const missing = wanted.filter((tag) => !present.has(foldCase(tag)));
    if (missing.length === 0) continue;
    writeNoteTags(col, row.id, [...current, ...missing].sort(compareIgnoringCase));
    changed++;
  }
  return changed;
}

/**
 * Anki's `remove_tags_from_notes` (Anki-Connect's removeTags, and addTags with add=false): each
 * listed tag is removed from the notes together with its descendants (`a` also removes `a::b`),
 * ignoring case; the tag list is left alone. Returns how many notes changed.
 */
export function removeTagsFromNotes(col: Collection, noteIds: readonly number[], tags: string): number {
  const matcher = new TagMatcher(tags);
  if (matcher.isEmpty) return 0;
  let changed = 0;
  for (const row of noteTagRows(col, noteIds)) {
    const current = splitStoredTags(row.tags);
    const kept = matcher.remove(current);
    if (kept.length === current.length) continue;
    writeNoteTags(col, row.id, kept);
    changed++;
  }
  return changed;
}

/**
 * Replaces a note's tags with `tags` (Anki-Connect's updateNoteTags, which removes every old tag
 * and adds the new ones): the result is the canonical form of the new tags. The note is only
 * stamped modified when its stored tags change. Returns whether it did.
 */
export function setNoteTags(col: Collection, noteId: number, tags: readonly string[]): boolean {
  const row = noteTagRows(col, [noteId])[0];
  if (row === undefined) return false;
  const next = col.tags.canonify(tags);
  if (joinTagsForStorage(next) === row.tags) return false;
  writeNoteTags(col, noteId, next);
  return true;
}

/**
 * One note's tags after Anki-Connect's replaceTags step (`has_tag`, `remove_tag`, `add_tag`):
 * undefined when the note does not carry `from` (ignoring case, no descendants), else the list
 * with every spelling of `from` removed and `to` appended unless already present.
 */
function replacedTags(current: readonly string[], from: string, to: string): string[] | undefined {
  const fromKey = foldCase(from);
  if (!current.some((tag) => foldCase(tag) === fromKey)) return undefined;
  const next = current.filter((tag) => foldCase(tag) !== fromKey);
  const toKey = foldCase(to);
  if (!next.some((tag) => foldCase(tag) === toKey)) next.push(to);
  return next;
}

/**
 * Applies the replaceTags step to one stored note and saves it the way Anki's `update_note`
 * does: nothing when the resulting list equals the old one, else the tags canonified (and the
 * replacement registered) and the note stamped modified. Returns whether the note changed.
 */
function replaceInRow(col: Collection, row: NoteTagsRow, from: string, to: string): boolean {
  const current = splitStoredTags(row.tags);
  const next = replacedTags(current, from, to);
  if (next === undefined || (next.length === current.length && next.every((tag, i) => tag === current[i]))) {
    return false;
  }
  writeNoteTags(col, row.id, col.tags.canonify(next));
  return true;
}

/** replaceTags for the listed notes; unknown ids are skipped. Returns how many notes changed. */
export function replaceTagInNotes(col: Collection, noteIds: readonly number[], from: string, to: string): number {
  let changed = 0;
  for (const row of noteTagRows(col, noteIds)) if (replaceInRow(col, row, from, to)) changed++;
  return changed;
}

const NON_ASCII = /[\u0080-\u{10ffff}]/u;

/**
 * replaceTagsInAllNotes. Upstream loads every note of the collection; here one pass over the
 * `tags` column picks the candidates: a note can only carry the tag if its folded tag string
 * contains the folded tag (ASCII-only strings fold by lower-casing, which is much cheaper), and
 * only those are examined tag by tag. Returns how many notes changed.
 */
export function replaceTagInAllNotes(col: Collection, from: string, to: string): number {
  const needle = foldCase(from);
  if (needle === '') return 0;
  const candidates: NoteTagsRow[] = [];
  const rows = col.stmt<[], NoteTagsRow>("select id, tags from notes where tags != ''").iterate();
  for (const row of rows) {
    const folded = NON_ASCII.test(row.tags) ? foldCase(row.tags) : row.tags.toLowerCase();
    if (folded.includes(needle)) candidates.push(row);
  }
  let changed = 0;
  for (const row of candidates) if (replaceInRow(col, row, from, to)) changed++;
  return changed;
}

/**
 * What Anki's Check Database counts while it repairs, and the English lines it reports from
 * those counts (rslib dbcheck.rs `to_i18n_strings`, texts from ftl/core/database-check.ftl).
 * The lines come in Anki's fixed order, which is not the order the repairs run in.
 */

/** Repairs counted by kind, as Anki counts them. */
export interface RepairCounts {
  cardPropertiesInvalid: number;
  cardPositionTooHigh: number;
  cardsMissingNote: number;
  decksMissing: number;
  revlogPropertiesInvalid: number;
  templatesMissing: number;
  cardOrdsDuplicated: number;
  fieldCountMismatch: number;
  notetypesRecovered: number;
  invalidUtf8: number;
  invalidIds: number;
  cardLastReviewTimeEmpty: number;
}

export function emptyCounts(): RepairCounts {
  return {
    cardPropertiesInvalid: 0,
    cardPositionTooHigh: 0,
    cardsMissingNote: 0,
    decksMissing: 0,
    revlogPropertiesInvalid: 0,
    templatesMissing: 0,
    cardOrdsDuplicated: 0,
    fieldCountMismatch: 0,
    notetypesRecovered: 0,
    invalidUtf8: 0,
    invalidIds: 0,
    cardLastReviewTimeEmpty: 0,
  };
}

/** The refusal Anki gives when SQLite's quick check finds the file damaged. */
export const CORRUPT_TEXT = 'Collection file is corrupt. Please restore from an automatic backup.';

/** The line Anki's GUI adds after the problems, whether or not there were any. */
export const REBUILT_TEXT = 'Database rebuilt and optimized.';

/**
 * English plural rule: one for exactly 1, other otherwise (Fluent's `one`/`other`). Anki's Fluent
 * bundle keeps Unicode isolation on, so the number sits between FIRST STRONG ISOLATE (U+2068)
 * and POP DIRECTIONAL ISOLATE (U+2069) in the text Anki shows.
 */
const plural = (count: number, one: string, other: string): string =>
  (count === 1 ? one : other).replace('{}', `\u2068${count}\u2069`);

/** Anki's report lines for `counts`, in Anki's order; none when nothing was repaired. */
export function reportLines(counts: RepairCounts): string[] {
  const lines: string[] = [];
  const add = (count: number, one: string, other: string) => {
    if (count > 0) lines.push(plural(count, one, other));
  };
  if (counts.notetypesRecovered > 0) {
    lines.push(
      'One or more note types were missing. The notes that used them have been given new note types starting with "db-check", ' +
        'but field names and card design have been lost, so you may be better off restoring from an automatic backup.',
    );
  }
  add(
    counts.cardPositionTooHigh,
    'Found {} new card with a due number >= 1,000,000 - consider repositioning it in the Browse screen.',
    'Found {} new cards with a due number >= 1,000,000 - consider repositioning them in the Browse screen.',
  );
  add(counts.cardPropertiesInvalid, 'Fixed {} invalid card property.', 'Fixed {} invalid card properties.');
  add(counts.cardLastReviewTimeEmpty, 'Added last review time to {} card.', 'Added last review time to {} cards.');
  add(counts.cardsMissingNote, 'Deleted {} card with missing note.', 'Deleted {} cards with missing note.');
  add(counts.decksMissing, 'Fixed {} missing deck.', 'Fixed {} missing decks.');
  add(counts.fieldCountMismatch, 'Fixed {} note with wrong field count.', 'Fixed {} notes with wrong field count.');
  add(counts.cardOrdsDuplicated, 'Deleted {} card with duplicate template.', 'Deleted {} cards with duplicate template.');
  add(counts.templatesMissing, 'Deleted {} card with missing template.', 'Deleted {} cards with missing template.');
  add(
    counts.revlogPropertiesInvalid,
    'Fixed {} review entry with invalid properties.',
    'Fixed {} review entries with invalid properties.',
  );
  add(counts.invalidUtf8, 'Fixed {} note with invalid utf8 characters.', 'Fixed {} notes with invalid utf8 characters.');
  add(
    counts.invalidIds,
    'Fixed {} object with timestamps in the future.',
    'Fixed {} objects with timestamps in the future.',
  );
  return lines;
}

/**
 * The search terms on note text: unqualified text (with `nc:` and `sc:`), `field:` searches,
 * `re:` and `w:` regexes, and `dupe:`. Fields excluded from unqualified searches are honoured
 * note type by note type, with LIKE patterns over the whole `flds` column (anki-semantics.md §1.9).
 */
import { fieldChecksum, stripHtmlPreservingMediaFilenames } from '../text/index.js';
import type { FieldMode } from './ast.js';
import type { SearchContext, SearchNotetype } from './context.js';
import { checkedRegex, nameMatcher, NO_COMBINING, STRIP_CLOZES } from './sql-shared.js';
import type { SqlParam, SqlWriter } from './sql-writer.js';
import { toRe, toSql, withoutCombining } from './text.js';

/** Unqualified text: a LIKE over the sort field and all fields, or over the included fields only. */
export function writeUnqualified(w: SqlWriter, text: string, noCombining: boolean, stripClozesFirst: boolean): void {
  let pattern = toSql(text);
  if (noCombining) pattern = withoutCombining(pattern);
  pattern = `%${pattern}%`;
  const flags = (noCombining ? NO_COMBINING : 0) | (stripClozesFirst ? STRIP_CLOZES : 0);
  const sfld = flags === 0 ? 'n.sfld' : `process_text(cast(n.sfld as text), ${flags})`;
  const flds = flags === 0 ? 'n.flds' : `process_text(n.flds, ${flags})`;

  if (stripClozesFirst) {
    // Anki writes `(<cloze note types>) and (…)` without outer brackets: `-sc:x` negates only
    // the note type test.
    const cloze = w.ctx.notetypes.filter((nt) => nt.cloze);
    if (cloze.length === 0) w.sql += '(false) and ';
    else w.emit(`(${cloze.map(() => 'n.mid = ?').join(' or ')}) and `, ...cloze.map((nt) => nt.id));
  }

  const included = includedFieldsByNotetype(w.ctx);
  if (included === undefined) {
    w.emit(`(${sfld} like ? escape '\\' or ${flds} like ? escape '\\')`, pattern, pattern);
    return;
  }
  // Some fields are excluded from search: test each note type's included fields.
  const clauses: string[] = [];
  const params: SqlParam[] = [];
  for (const { notetype, ranges, sortFieldExcluded } of included) {
    const parts: string[] = [];
    const partParams: SqlParam[] = [];
    for (const range of ranges) {
      parts.push(`${flds} like ? escape '\\'`);
      partParams.push(fieldPattern(notetype.fields.length, range, pattern, '%'));
    }
    if (!sortFieldExcluded) {
      parts.push(`${sfld} like ? escape '\\'`);
      partParams.push(pattern);
    }
    clauses.push(`(n.mid = ? and (${parts.join(' or ')}))`);
    params.push(notetype.id, ...partParams);
  }
  if (clauses.length === 0) w.sql += '(false)';
  else w.emit(`(${clauses.join(' or ')})`, ...params);
}

/** Note types with their searchable field runs, or undefined when no field is excluded. */
function includedFieldsByNotetype(ctx: SearchContext):
  | { notetype: SearchNotetype; ranges: FieldRange[]; sortFieldExcluded: boolean }[]
  | undefined {
  let anyExcluded = false;
  const out: { notetype: SearchNotetype; ranges: FieldRange[]; sortFieldExcluded: boolean }[] = [];
  for (const notetype of sortedById(ctx.notetypes)) {
    let sortFieldExcluded = false;
    const ords: number[] = [];
    for (const field of notetype.fields) {
      if (field.excludeFromSearch) {
        anyExcluded = true;
        if (field.ord === notetype.sortFieldIdx) sortFieldExcluded = true;
      } else {
        ords.push(field.ord);
      }
    }
    const ranges = collectRanges(ords, true);
    if (ranges.length > 0) out.push({ notetype, ranges, sortFieldExcluded });
  }
  return anyExcluded ? out : undefined;
}

/** `field:value`, `field:re:…` and `field:nc:…`, for the fields matching the name in every note type. */
export function writeField(w: SqlWriter, fieldName: string, value: string, mode: FieldMode): void {
  if (fieldName === '*' || fieldName === '_*' || fieldName === '*_') {
    if (mode === 'regex') {
      w.emit('regexp_fields(?, n.flds)', checkedRegex(`(?i)${value}`, value));
    } else {
      w.emit('regexp_fields(?, n.flds)', checkedRegex(`(?is)^${toRe(value)}$`, value));
    }
    return;
  }
  if (mode === 'regex') {
    const byNotetype = matchingFields(w.ctx, fieldName);
    if (byNotetype.length === 0) {
      w.sql += 'false';
      return;
    }
    const regex = checkedRegex(`(?i)${value}`, value);
    const clauses = byNotetype.map(({ ords }) => `(n.mid = ? and regexp_fields(?, n.flds, ${ords.map(() => '?').join(', ')}))`);
    w.emit(`(${clauses.join(' or ')})`, ...byNotetype.flatMap(({ notetype, ords }) => [notetype.id, regex, ...ords]));
    return;
  }
  const anyContent = value === '*' || value === '_*' || value === '*_';
  const byNotetype = matchingFields(w.ctx, fieldName).map(({ notetype, ords }) => ({
    notetype,
    ranges: collectRanges(ords, !anyContent),
  }));
  if (byNotetype.length === 0) {
    w.sql += 'false';
    return;
  }
  let slot = toSql(value);
  let flds = 'n.flds';
  if (mode === 'nc') {
    slot = withoutCombining(slot);
    flds = `process_text(n.flds, ${NO_COMBINING})`;
  }
  const clauses: string[] = [];
  const params: SqlParam[] = [];
  for (const { notetype, ranges } of byNotetype) {
    clauses.push(`(n.mid = ? and (${ranges.map(() => `${flds} like ? escape '\\'`).join(' or ')}))`);
    params.push(notetype.id, ...ranges.map((range) => fieldPattern(notetype.fields.length, range, slot, '%')));
  }
  w.emit(`(${clauses.join(' or ')})`, ...params);
}

/** Note types that have fields matching `fieldName` (a glob, case-insensitive), with their ords. */
function matchingFields(ctx: SearchContext, fieldName: string): { notetype: SearchNotetype; ords: number[] }[] {
  const matches = nameMatcher(fieldName, '^(?i)');
  const out: { notetype: SearchNotetype; ords: number[] }[] = [];
  for (const notetype of sortedById(ctx.notetypes)) {
    const ords = notetype.fields.filter((field) => matches(field.name)).map((field) => field.ord);
    if (ords.length > 0) out.push({ notetype, ords });
  }
  return out;
}

/** `re:` (and `w:`): a regex over all included fields, note type by note type when some are excluded. */
export function writeRegex(w: SqlWriter, pattern: string, noCombining: boolean): void {
  const flds = noCombining ? `process_text(n.flds, ${NO_COMBINING})` : 'n.flds';
  const word = noCombining ? withoutCombining(pattern) : pattern;
  const regex = checkedRegex(`(?i)${word}`, word);
  const perNotetype = sortedById(w.ctx.notetypes).map((notetype) => ({
    notetype,
    ords: notetype.fields.filter((field) => !field.excludeFromSearch).map((field) => field.ord),
  }));
  if (perNotetype.every(({ notetype, ords }) => ords.length === notetype.fields.length)) {
    w.emit(`${flds} regexp ?`, regex);
    return;
  }
  const clauses: string[] = [];
  const params: SqlParam[] = [];
  for (const { notetype, ords } of perNotetype) {
    if (ords.length === 0) continue;
    if (ords.length === notetype.fields.length) {
      clauses.push(`(n.mid = ? and ${flds} regexp ?)`);
      params.push(notetype.id, regex);
    } else {
      clauses.push(`(n.mid = ? and regexp_fields(?, ${flds}, ${ords.map(() => '?').join(', ')}))`);
      params.push(notetype.id, regex, ...ords);
    }
  }
  if (clauses.length === 0) w.sql += '(false)';
  else w.emit(`(${clauses.join(' or ')})`, ...params);
}

/** `dupe:`: notes of a note type whose first field, stripped, is the text. */
export function writeDupe(w: SqlWriter, notetypeId: string, text: string): void {
  // Anki collects the notes with this checksum and note type whose stripped first field is
  // the text, then tests `n.id in (…)`; testing the note itself is the same, and lets SQLite
  // find it through the csum index (the `+` keeps it off the note type index when the
  // collection has no statistics).
  const stripped = stripHtmlPreservingMediaFilenames(text);
  w.emit(
    '(n.csum = ? and +n.mid = ? and strip_html_media(field_at_index(n.flds, 0)) = ?)',
    fieldChecksum(stripped),
    BigInt(notetypeId),
    stripped,
  );
}

/** A run of consecutive field ords, `start` inclusive and `end` exclusive. */
interface FieldRange {
  start: number;
  end: number;
}

/** Anki's `collect_ranges`: consecutive ords joined into runs when `join`, else one run each. */
function collectRanges(ords: readonly number[], join: boolean): FieldRange[] {
  const out: FieldRange[] = [];
  for (const ord of ords) {
    const last = out.at(-1);
    if (join && last !== undefined && ord === last.end) last.end++;
    else out.push({ start: ord, end: ord + 1 });
  }
  return out;
}

/**
 * The LIKE pattern over all of `flds` for one run of fields: the value at the run's first
 * field, nothing for the rest of the run, `other` for every other field, joined by U+001F
 * (anki-semantics.md §1.9, including its adjacent-field quirk).
 */
function fieldPattern(fieldCount: number, range: FieldRange, value: string, other: string): string {
  const parts: string[] = [];
  for (let i = 0; i < fieldCount; i++) {
    if (i === range.start) parts.push(value);
    else if (i < range.start || i >= range.end) parts.push(other);
  }
  return parts.join('\x1f');
}

/** Note types in id order (the order their clauses are written in). */
function sortedById(notetypes: readonly SearchNotetype[]): SearchNotetype[] {
  return [...notetypes].sort((a, b) => a.id - b.id);
}

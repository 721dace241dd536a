/**
 * What saving a note type does to its notes and cards (rslib `notetype/schemachange.rs`): note
 * fields follow added, removed and moved fields; cards of removed templates are deleted and
 * cards of moved templates renumbered; missing cards are generated. Any of these marks the
 * schema modified (`col.scm`), which makes Anki's next sync a full one.
 */
import { generateMissingCards } from '../cards/existing.js';
import type { Collection } from '../collection/collection.js';
import { normalizesText } from '../notes/fields-check.js';
import { FIELD_SEPARATOR, joinFields } from '../notes/note.js';
import { getNote } from '../notes/store.js';
import { fieldChecksum, normalizeField, stripHtmlPreservingMediaFilenames } from '../text/index.js';
import { AnkiConnectError } from '../errors.js';
import { isCloze, type Notetype } from './notetype.js';

/** Card type of a grave (Anki's GraveKind::Card). */
const CARD_GRAVE = 0;

/** Stamps the collection's schema as modified now, which forces Anki's next sync to be full. */
export function setSchemaModified(col: Collection): void {
  col.stmt('update col set scm = ?').run(col.nowMs());
}

/** True when fields (or templates) were added, removed or reordered. */
export function ordsChanged(ords: readonly (number | null)[], previousCount: number): boolean {
  return ords.length !== previousCount || ords.some((ord, index) => ord !== index);
}

/**
 * Rewrites every note of `notetype` after its fields changed: `ords[i]` is the old position of
 * the field now at `i` (null for a new, empty field). Notes are cleaned and normalised as Anki
 * saves them, get a new sort field and checksum, and are stamped modified. When only the sort
 * field changed, the notes are rewritten for their sort field alone.
 */
export function updateNotesForChangedFields(
  col: Collection,
  notetype: Notetype,
  ords: readonly (number | null)[],
  previousCount: number,
  previousSortIdx: number,
): void {
  const reorder = ordsChanged(ords, previousCount);
  if (!reorder && notetype.config.sortFieldIdx === previousSortIdx) return;
  setSchemaModified(col);
  const nfc = normalizesText(col);
  const sortIdx = notetype.config.sortFieldIdx;
  const update = col.stmt('update notes set flds = ?, sfld = ?, csum = ?, mod = ?, usn = ? where id = ?');
  const notes = col.stmt<[number], { id: number; flds: string }>('select id, flds from notes where mid = ?').all(notetype.id);
  for (const note of notes) {
    const old = note.flds.split(FIELD_SEPARATOR);
    const fields = (reorder ? ords.map((ord) => (ord === null ? '' : (old[ord] ?? ''))) : old).map((field) =>
      normalizeField(field, nfc),
    );
    const first = stripHtmlPreservingMediaFilenames(fields[0] ?? '');
    const sort = sortIdx === 0 ? first : stripHtmlPreservingMediaFilenames(fields[sortIdx] ?? '');
    update.run(joinFields(fields), sort, fieldChecksum(first), col.nowSecs(), col.usn(), note.id);
  }
}

/** How card ordinals change when templates are saved (Anki's TemplateOrdChanges). */
export interface TemplateOrdChanges {
  /** New positions of added templates. */
  added: number[];
  /** Old positions of removed templates. */
  removed: number[];
  /** Old position → new position of templates that moved. */
  moved: Map<number, number>;
}

/** Compares the templates' old ordinals (`ords[i]` for the template now at `i`) with the old count. */
export function templateOrdChanges(ords: readonly (number | null)[], previousCount: number): TemplateOrdChanges {
  const kept = new Set<number>();
  const changes: TemplateOrdChanges = { added: [], removed: [], moved: new Map() };
  ords.forEach((ord, index) => {
    if (ord === null) changes.added.push(index);
    else {
      kept.add(ord);
      if (ord !== index) changes.moved.set(ord, index);
    }
  });
  for (let ord = 0; ord < previousCount; ord++) if (!kept.has(ord)) changes.removed.push(ord);
  return changes;
}

/** True when nothing was added, removed or moved. */
export function templateOrdsUnchanged(changes: TemplateOrdChanges): boolean {
  return changes.added.length === 0 && changes.removed.length === 0 && changes.moved.size === 0;
}

/**
 * Refuses a template removal that would leave a note of the note type with no card at all (old
 * Anki refused it with this message; a note without cards is something Check Database reports).
 */
export function ensureNoNoteLosesAllCards(col: Collection, notetypeId: number, removed: readonly number[]): void {
  const orphan = col
    .stmt<[number, string], { id: number }>(
      'select n.id from notes n where n.mid = ? and exists (select 1 from cards c where c.nid = n.id) and not exists ' +
        '(select 1 from cards c where c.nid = n.id and c.ord not in (select value from json_each(?))) limit 1',
    )
    .get(notetypeId, JSON.stringify(removed));
  if (orphan !== undefined) {
    throw new AnkiConnectError(
      'Removing this card type would cause one or more notes to be deleted. Please create a new card type first.',
    );
  }
}

/**
 * Deletes the cards of removed templates (leaving a grave for each, so a sync deletes them
 * elsewhere too) and renumbers the cards of moved ones, stamping them modified. Cloze note types
 * are left alone: their card ordinals are cloze numbers, not template positions.
 */
export function updateCardsForChangedTemplates(
  col: Collection,
  notetypeId: number,
  changes: TemplateOrdChanges,
  cloze: boolean,
): void {
  if (templateOrdsUnchanged(changes)) return;
  setSchemaModified(col);
  if (cloze) return;
  const cardsWithOrds = (ords: readonly number[]) =>
    col
      .stmt<[number, string], { id: number; ord: number }>(
        'select id, ord from cards where nid in (select id from notes where mid = ?) ' +
          'and ord in (select value from json_each(?))',
      )
      .all(notetypeId, JSON.stringify(ords));
  if (changes.removed.length > 0) {
    const remove = col.stmt('delete from cards where id = ?');
    const grave = col.stmt('insert or ignore into graves (oid, type, usn) values (?, ?, ?)');
    for (const card of cardsWithOrds(changes.removed)) {
      remove.run(card.id);
      grave.run(card.id, CARD_GRAVE, col.usn());
    }
  }
  if (changes.moved.size > 0) {
    const move = col.stmt('update cards set ord = ?, mod = ?, usn = ? where id = ?');
    for (const card of cardsWithOrds([...changes.moved.keys()])) {
      move.run(changes.moved.get(card.ord) ?? card.ord, col.nowSecs(), col.usn(), card.id);
    }
  }
}

/**
 * Anki regenerates cards after a save when a template was added or any front changed (a
 * template replaced by one with an identical front included).
 */
export function shouldGenerateCards(changes: TemplateOrdChanges, saved: Notetype, original: Notetype): boolean {
  const frontsIdentical =
    saved.templates.length === original.templates.length &&
    saved.templates.every((template, index) => template.config.qFormat === original.templates[index]?.config.qFormat);
  return changes.added.length > 0 || !frontsIdentical;
}

/**
 * Adds the cards each note of the note type lacks (Anki's generate_cards_for_notetype); none are
 * deleted. A note of a normal note type that already has a card per template is skipped without
 * reading it. Returns the number of cards added.
 */
export function generateCardsForNotetype(col: Collection, notetype: Notetype): number {
  const complete = isCloze(notetype) ? Number.POSITIVE_INFINITY : notetype.templates.length;
  const notes = col
    .stmt<[number], { id: number; cards: number }>(
      'select id, (select count() from cards where nid = notes.id) as cards from notes where mid = ?',
    )
    .all(notetype.id);
  let added = 0;
  for (const row of notes) {
    if (row.cards >= complete) continue;
    const note = getNote(col, row.id);
    if (note !== undefined) added += generateMissingCards(col, note, notetype).length;
  }
  return added;
}

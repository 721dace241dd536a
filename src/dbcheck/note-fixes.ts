/**
 * Check Database's note pass (rslib dbcheck.rs `check_notetypes`): every note, grouped by note
 * type in (note type id, note id) order, is read (invalid UTF-8 repaired), loses duplicate cards
 * and cards without a template, gets the note type's field count, and is saved again the way
 * Anki saves it without stamping it modified: tags canonified and re-registered (the tag list is
 * rebuilt from scratch, keeping which tags were expanded), fields cleaned, sort field and
 * checksum derived again, and missing cards generated (card 1 for a note that has none).
 */
import { generateMissingCards } from '../cards/existing.js';
import type { Collection } from '../collection/collection.js';
import { deriveNoteColumns } from '../notes/add.js';
import { normalizesText } from '../notes/fields-check.js';
import { joinFields, noteFromRow, tagsColumn, type Note } from '../notes/note.js';
import { isCloze, type Notetype } from '../notetypes/notetype.js';
import { setSchemaModified } from '../notetypes/schema-change.js';
import { normalizeField } from '../text/index.js';
import { addMissingFieldTags, ensureSomeNotetype, recoverNotetype } from './notetype-recovery.js';
import type { RepairCounts } from './report.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

interface RawNote {
  id: number;
  guid: string;
  mid: number;
  mod: number;
  usn: number;
  tags: Buffer | null;
  flds: Buffer | null;
}

/**
 * The note with `nid`. Text that is not valid UTF-8 is what Anki cannot read: it replaces the bad
 * bytes (U+FFFD, as Rust's lossy decoding does), clears the sort field and counts the note.
 */
function readNoteFixingUtf8(col: Collection, nid: number, counts: RepairCounts): Note {
  const row = col.db
    .prepare<[number], RawNote>('select id, guid, mid, mod, usn, cast(tags as blob) as tags, cast(flds as blob) as flds from notes where id = ?')
    .get(nid);
  if (row === undefined) throw new Error(`internal error: note ${nid} vanished`);
  const tagBytes = row.tags ?? Buffer.alloc(0);
  const fieldBytes = row.flds ?? Buffer.alloc(0);
  const tags = tagBytes.toString('utf8');
  const flds = fieldBytes.toString('utf8');
  if (!isValidUtf8(tagBytes) || !isValidUtf8(fieldBytes)) {
    col.db.prepare("update notes set flds = ?, sfld = '', tags = ? where id = ?").run(flds, tags, nid);
    counts.invalidUtf8++;
  }
  return noteFromRow({ ...row, tags, flds });
}

/**
 * Deletes the note's cards that repeat an ordinal (the first by id is kept) and, for a normal
 * note type, the cards whose template does not exist. Both passes look at the cards as they
 * were before either ran, so a card that is both a duplicate and without template is counted
 * twice, as in Anki. No graves are left, as in Anki.
 */
function removeBadCards(col: Collection, nid: number, notetype: Notetype, counts: RepairCounts): void {
  const cards = col.db.prepare<[number], { id: number; ord: number }>('select id, ord from cards where nid = ? order by id').all(nid);
  const remove = col.db.prepare('delete from cards where id = ?');
  const seen = new Set<number>();
  for (const card of cards) {
    if (seen.has(card.ord)) {
      remove.run(card.id);
      counts.cardOrdsDuplicated++;
    } else {
      seen.add(card.ord);
    }
  }
  if (isCloze(notetype)) return;
  for (const card of cards) {
    if (card.ord >= notetype.templates.length) {
      remove.run(card.id);
      counts.templatesMissing++;
    }
  }
}

/** Pads with empty fields, or joins the extra fields into the last one with "; ". */
function fixFieldCount(fields: string[], wanted: number): string[] {
  const fixed = [...fields];
  while (fixed.length < wanted) fixed.push('');
  while (fixed.length > wanted && fixed.length > 1) {
    const last = fixed.pop() ?? '';
    fixed[fixed.length - 1] = `${fixed[fixed.length - 1] ?? ''}; ${last}`;
  }
  return fixed;
}

/** Runs the note pass; see the file comment. */
export function checkNotes(col: Collection, counts: RepairCounts): void {
  const groups = new Map<number, number[]>();
  for (const { mid, id } of col.db.prepare<[], { mid: number; id: number }>('select mid, id from notes order by mid, id').all()) {
    const list = groups.get(mid);
    if (list === undefined) groups.set(mid, [id]);
    else list.push(id);
  }
  const nfc = normalizesText(col);
  const stampMs = col.nowMs();
  const stampSecs = col.nowSecs();

  // The tag list is rebuilt from the notes; only the expanded state of each tag survives.
  const expanded = col.db
    .prepare<[], { tag: string }>('select tag from tags where collapsed = 0')
    .all()
    .map((row) => row.tag);
  col.db.prepare('delete from tags').run();

  const writeNote = col.db.prepare('update notes set mid = ?, mod = ?, tags = ?, flds = ?, sfld = ?, csum = ? where id = ?');
  for (const [mid, nids] of groups) {
    let notetype = col.notetypes.get(mid);
    if (notetype === undefined) {
      const first = readNoteFixingUtf8(col, nids[0] ?? 0, counts);
      counts.notetypesRecovered++;
      notetype = recoverNotetype(col, stampMs, first.fields.length, mid);
    }
    notetype = addMissingFieldTags(col, notetype);

    for (const nid of nids) {
      const note = readNoteFixingUtf8(col, nid, counts);
      removeBadCards(col, nid, notetype, counts);
      let fields = note.fields;
      let tags = note.tags;
      if (fields.length !== notetype.fields.length) {
        fields = fixFieldCount(fields, notetype.fields.length);
        tags = [...tags, 'db-check'];
        counts.fieldCountMismatch++;
      }
      const mtime = Math.min(note.mtimeSecs, stampSecs);
      const canonical = tags.length > 0 ? col.tags.canonify(tags) : [];
      const normalized = fields.map((field) => normalizeField(field, nfc));
      const derived = deriveNoteColumns(notetype, normalized);
      writeNote.run(notetype.id, mtime, tagsColumn(canonical), joinFields(normalized), derived.sortField, derived.checksum, nid);
      const saved: Note = { ...note, notetypeId: notetype.id, mtimeSecs: mtime, tags: canonical, fields: normalized };
      generateMissingCards(col, saved, notetype, { ensureNotEmpty: true });
    }
  }

  const restore = col.db.prepare('update tags set collapsed = 0 where tag = ?');
  for (const tag of expanded) restore.run(tag);

  ensureSomeNotetype(col);

  if (counts.cardOrdsDuplicated > 0 || counts.fieldCountMismatch > 0 || counts.templatesMissing > 0 || counts.notetypesRecovered > 0) {
    setSchemaModified(col);
  }
}

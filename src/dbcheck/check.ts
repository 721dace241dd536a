import { cardGenInfo } from '../cards/generation.js';
import type { Collection } from '../collection/collection.js';
import { nativeDeckName, humanDeckName, ancestorNativeNames } from '../decks/names.js';
import { isFilteredDeck } from '../decks/deck.js';
import { normalizesText } from '../notes/fields-check.js';
import { FIELD_SEPARATOR } from '../notes/note.js';
import { isCloze } from '../notetypes/notetype.js';
import { clozeOrdsToGenerate, nonEmptyFieldNames, templatesToGenerate } from '../template/index.js';
import {
  fieldChecksum,
  foldCase,
  joinTagsForStorage,
  normalizeField,
  normalizeTagName,
  splitStoredTags,
  stripHtmlPreservingMediaFilenames,
} from '../text/index.js';

/** One thing Anki's Check Database would repair. */
export interface IntegrityProblem {
  rule: string;
  detail: string;
}

const DAY_MS = 86_400_000;

/**
 * Checks a collection against the rules of Anki's Check Database (anki-format.md §6) without
 * repairing anything. A collection this server writes must produce no problem: anything listed
 * here is something Anki would "fix", and a fix forces a full sync. Every test that writes to a
 * collection runs it.
 */
export function checkIntegrity(col: Collection): IntegrityProblem[] {
  const problems: IntegrityProblem[] = [];
  const report = (rule: string, detail: string) => problems.push({ rule, detail });
  const all = <T>(sql: string): T[] => col.db.prepare(sql).all() as T[];

  // A damaged file is reported alone: the other checks would read damaged pages too.
  let integrity: unknown;
  try {
    integrity = col.db.pragma('integrity_check', { simple: true });
  } catch (err) {
    integrity = err instanceof Error ? err.message : String(err);
  }
  if (integrity !== 'ok') {
    report('sqlite', `pragma integrity_check: ${String(integrity)}`);
    return problems;
  }

  checkStorageClasses(col, report);

  // Card properties (rslib storage/card/fix_*.sql and the enum conversions done on load).
  for (const c of all<{ id: number; type: number; queue: number; due: number; ivl: number; ord: number; odue: number; odid: number }>(
    'select id, type, queue, due, ivl, ord, odue, odid from cards',
  )) {
    if (c.type < 0 || c.type > 3) report('card-type', `card ${c.id} has type ${c.type}`);
    if (c.queue < -3 || c.queue > 4) report('card-queue', `card ${c.id} has queue ${c.queue}`);
    // Anki rewrites a new card's due of a million or more as 1,000,000 + due % 1,000,000, which
    // leaves 1,000,000 to 1,999,999 as they are: only from two million on does it change a card.
    if (c.type === 0 && c.queue !== 4 && c.due >= 2_000_000) report('new-position', `card ${c.id} has position ${c.due}`);
    if (c.queue === 2 && c.due > 100_000) report('review-due', `review card ${c.id} is due on day ${c.due}`);
    if (c.odid === 0 && c.odue > 0 && (c.type === 1 || c.queue === 2)) report('odue', `card ${c.id} has odue without odid`);
    if (c.ivl < 0 || c.ivl > 2 ** 31 - 1) report('interval', `card ${c.id} has interval ${c.ivl}`);
    if (c.ord < 0 || c.ord > 30_000) report('ord', `card ${c.id} has ord ${c.ord}`);
  }

  for (const row of all<{ id: number }>('select id from cards where nid not in (select id from notes)')) {
    report('orphaned-card', `card ${row.id} belongs to no note`);
  }
  for (const row of all<{ id: number; did: number }>('select id, did from cards where did not in (select id from decks)')) {
    report('missing-deck', `card ${row.id} is in missing deck ${row.did}`);
  }
  for (const row of all<{ id: number; did: number }>('select id, did from cards where odid != 0')) {
    const deck = col.decks.get(row.did);
    if (deck === undefined || !isFilteredDeck(deck)) report('filtered', `card ${row.id} has odid outside a filtered deck`);
  }
  for (const row of all<{ nid: number; ord: number }>('select nid, ord from cards group by nid, ord having count() > 1')) {
    report('duplicate-card', `note ${row.nid} has several cards with ord ${row.ord}`);
  }

  checkNotes(col, report);
  checkRevlog(col, report);
  checkDecks(col, report);
  checkNotetypes(col, report);

  const maxNewDue = all<{ due: number | null }>('select max(due) as due from cards where type = 0')[0]?.due;
  const nextPos = col.config.getNumber('nextPos', 0);
  if (maxNewDue !== null && maxNewDue !== undefined && nextPos <= maxNewDue) {
    report('next-position', `nextPos ${nextPos} is not past the highest new-card position ${maxNewDue}`);
  }

  const limit = col.nowMs() + DAY_MS;
  for (const table of ['notes', 'cards', 'revlog']) {
    for (const row of all<{ id: number }>(`select id from ${table} where id > ${limit}`)) {
      report('future-id', `${table} id ${row.id} is more than a day in the future`);
    }
  }
  return problems;
}

type Report = (rule: string, detail: string) => void;

/** Anki reads columns with strict types: blobs must be BLOB, text TEXT, numbers INTEGER. */
function checkStorageClasses(col: Collection, report: Report): void {
  const expectations: [string, string, string][] = [
    ['notes', 'id,mid,mod,usn,csum,flags', 'integer'],
    ['notes', 'guid,tags,flds,data', 'text'],
    ['cards', 'id,nid,did,ord,mod,usn,type,queue,due,ivl,factor,reps,lapses,left,odue,odid,flags', 'integer'],
    ['cards', 'data', 'text'],
    ['revlog', 'id,cid,usn,ease,ivl,lastIvl,factor,time,type', 'integer'],
    ['config', 'usn,mtime_secs', 'integer'],
    ['config', 'val', 'blob'],
    ['decks', 'id,mtime_secs,usn', 'integer'],
    ['decks', 'common,kind', 'blob'],
    ['notetypes', 'id,mtime_secs,usn', 'integer'],
    ['notetypes', 'config', 'blob'],
    ['fields', 'ntid,ord', 'integer'],
    ['fields', 'config', 'blob'],
    ['templates', 'ntid,ord,mtime_secs,usn', 'integer'],
    ['templates', 'config', 'blob'],
    ['deck_config', 'id,mtime_secs,usn', 'integer'],
    ['deck_config', 'config', 'blob'],
    ['col', 'crt,mod,scm,ver,dty,usn,ls', 'integer'],
    ['col', 'conf,models,decks,dconf,tags', 'text'],
  ];
  for (const [table, columns, type] of expectations) {
    for (const column of columns.split(',')) {
      const bad = col.db
        .prepare(`select count() as n from ${table} where typeof(${column}) != ?`)
        .get(type) as { n: number };
      if (bad.n > 0) report('storage-class', `${table}.${column}: ${bad.n} value(s) not stored as ${type}`);
    }
  }
}

function checkNotes(col: Collection, report: Report): void {
  const nfc = normalizesText(col);
  const now = col.nowSecs();
  const registered = new Set(
    (col.db.prepare('select tag from tags').all() as { tag: string }[]).map((row) => row.tag),
  );
  const cardsByNote = new Map<number, number[]>();
  for (const row of col.db.prepare('select nid, ord from cards').iterate() as Iterable<{ nid: number; ord: number }>) {
    const list = cardsByNote.get(row.nid);
    if (list === undefined) cardsByNote.set(row.nid, [row.ord]);
    else list.push(row.ord);
  }
  const notes = col.db.prepare('select id, mid, mod, tags, flds, sfld, csum from notes').iterate() as Iterable<{
    id: number;
    mid: number;
    mod: number;
    tags: string;
    flds: string;
    sfld: string | number;
    csum: number;
  }>;
  for (const note of notes) {
    const notetype = col.notetypes.get(note.mid);
    if (notetype === undefined) {
      report('missing-notetype', `note ${note.id} uses missing note type ${note.mid}`);
      continue;
    }
    const fields = note.flds.split(FIELD_SEPARATOR);
    if (fields.length !== notetype.fields.length) {
      report('field-count', `note ${note.id} has ${fields.length} fields, its note type ${notetype.fields.length}`);
      continue;
    }
    if (note.mod > now) report('note-mod', `note ${note.id} was modified in the future`);
    if (fields.some((field) => normalizeField(field, nfc) !== field)) {
      report('note-text', `note ${note.id} has control characters or text that is not NFC`);
    }
    const first = stripHtmlPreservingMediaFilenames(fields[0] ?? '');
    const sortIdx = notetype.config.sortFieldIdx;
    const sort = sortIdx === 0 ? first : stripHtmlPreservingMediaFilenames(fields[sortIdx] ?? '');
    if (note.csum !== fieldChecksum(first)) report('checksum', `note ${note.id} has a stale first-field checksum`);
    if (!sortFieldMatches(note.sfld, sort)) report('sort-field', `note ${note.id} has a stale sort field`);

    const tags = splitStoredTags(note.tags);
    if (joinTagsForStorage(tags) !== note.tags) report('tags', `note ${note.id} stores tags as ${JSON.stringify(note.tags)}`);
    for (const tag of tags) {
      if (normalizeTagName(tag) !== tag) report('tags', `note ${note.id} has unnormalised tag ${JSON.stringify(tag)}`);
      if (!registered.has(tag)) report('tags', `note ${note.id} has tag ${JSON.stringify(tag)} missing from the tag list`);
    }

    const ords = cardsByNote.get(note.id) ?? [];
    const info = cardGenInfo(notetype);
    if (!isCloze(notetype)) {
      for (const ord of ords) {
        if (ord >= notetype.templates.length) report('card-ord', `note ${note.id} has a card for missing template ${ord}`);
      }
    }
    const expected = info.cloze
      ? clozeOrdsToGenerate(fields)
      : templatesToGenerate(info.questions, nonEmptyFieldNames(info.fieldNames, fields), { hasTags: tags.length > 0 });
    for (const ord of expected) {
      if (!ords.includes(ord)) report('missing-card', `note ${note.id} lacks its card ${ord}`);
    }
    if (ords.length === 0) report('no-cards', `note ${note.id} has no cards`);
  }
}

/**
 * Whether a stored sfld value is the sort text: the column has INTEGER affinity, so SQLite keeps
 * numeric-looking text as a number (Anki relies on this to sort numbers numerically).
 */
function sortFieldMatches(stored: string | number, text: string): boolean {
  if (typeof stored === 'string') return stored === text;
  return text.trim() !== '' && Number(text) === stored;
}

function checkRevlog(col: Collection, report: Report): void {
  const rows = col.db
    .prepare('select id, ivl, lastIvl, time, type, ease from revlog where time < 0 or (type = 0 and time = 0 and ease = 0)')
    .all() as { id: number; time: number }[];
  for (const row of rows) report('revlog', `revlog ${row.id} has an invalid time or is an unmarked manual entry`);
}

function checkDecks(col: Collection, report: Report): void {
  const decks = col.db.prepare('select id, name from decks').all() as { id: number; name: string }[];
  const names = new Set(decks.map((deck) => foldCase(deck.name)));
  if (!decks.some((deck) => deck.id === 1)) report('default-deck', 'deck 1 (Default) is missing');
  for (const deck of decks) {
    if (nativeDeckName(humanDeckName(deck.name)) !== deck.name) {
      report('deck-name', `deck ${deck.id} has an unnormalised name ${JSON.stringify(humanDeckName(deck.name))}`);
    }
    for (const parent of ancestorNativeNames(deck.name)) {
      if (!names.has(foldCase(parent))) report('deck-parent', `deck ${humanDeckName(deck.name)} has no parent ${humanDeckName(parent)}`);
    }
  }
  if (col.deckConfigs.get(1) === undefined) report('default-preset', 'options preset 1 is missing');
}

function checkNotetypes(col: Collection, report: Report): void {
  const list = col.notetypes.namesAndIds();
  if (list.length === 0) report('no-notetype', 'the collection has no note type');
  for (const { id } of list) {
    const notetype = col.notetypes.get(id);
    if (notetype === undefined) continue;
    if (notetype.name === '' || notetype.name.includes('"')) report('notetype-name', `note type ${id} has an invalid name`);
    if (notetype.fields.length === 0) report('notetype-fields', `note type ${notetype.name} has no fields`);
    if (notetype.templates.length === 0) report('notetype-templates', `note type ${notetype.name} has no templates`);
    notetype.fields.forEach((field, ord) => {
      if (field.ord !== ord) report('field-ord', `note type ${notetype.name} has field ords with gaps`);
      if (field.name === '' || /[:{}"]/.test(field.name) || /^[#/^\s]|\s$/.test(field.name)) {
        report('field-name', `note type ${notetype.name} has an invalid field name ${JSON.stringify(field.name)}`);
      }
    });
    notetype.templates.forEach((template, ord) => {
      if (template.ord !== ord) report('template-ord', `note type ${notetype.name} has template ords with gaps`);
      if (template.name === '' || template.name.includes('"')) {
        report('template-name', `note type ${notetype.name} has an invalid template name`);
      }
    });
  }
}

/**
 * Review log, cards and notes in a normal sync (anki-sync.md §3.6): pulled from the server chunk
 * by chunk, then ours pushed the same way, at most 250 rows a chunk taken round-robin. A review
 * is never updated once there; a card or note is taken unless ours changed too and is at least
 * as new (a tie keeps ours).
 */
import type { Collection } from '../collection/collection.js';
import { deriveNoteColumns } from '../notes/add.js';
import { parseCardData, serializeCardData } from '../storage/card-data.js';
import { normalizeField } from '../text/normalize.js';
import { joinTagsForStorage, splitStoredTags } from '../text/index.js';
import { CHUNK_SIZE, type CardEntry, type Chunk, type NoteEntry, type RevlogEntry } from './protocol.js';
import { SyncError } from './errors.js';

const FIELD_SEPARATOR = '\x1f';

/** Whole numbers Anki reads as integers even when sent as floats (`due`, `ivl`, `odue`, `mod`). */
function int(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new SyncError('other', `the server sent an invalid ${what}`);
  const whole = Math.trunc(value);
  if (!Number.isSafeInteger(whole)) throw new SyncError('other', `the server sent an out-of-range ${what}`);
  return whole;
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new SyncError('other', `the server sent an invalid ${what}`);
  return value;
}

/** Applies one chunk from the server: reviews, then cards, then notes. */
export function applyChunk(col: Collection, chunk: Chunk): void {
  const addReview = col.stmt(
    'insert or ignore into revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const entry of chunk.revlog ?? []) {
    const [id, cid, usn, ease, ivl, lastIvl, factor, time, type] = entry.map((v, i) => int(v, `review log column ${i}`));
    // An unknown review kind reads as 0 (learning) in Anki.
    addReview.run(id, cid, usn, ease, ivl, lastIvl, factor, time, type !== undefined && type >= 0 && type <= 5 ? type : 0);
  }
  const cardState = col.stmt<[number], { usn: number; mod: number }>('select usn, mod from cards where id = ?');
  const writeCard = col.stmt(
    'insert or replace into cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data) ' +
      'values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const entry of chunk.cards ?? []) {
    const values = entry.slice(0, 17).map((v, i) => int(v, `card column ${i}`));
    const data = serializeCardData(parseCardData(text(entry[17], 'card data')));
    const [id, , , , mod] = values as [number, number, number, number, number];
    const local = cardState.get(id);
    if (local !== undefined && local.usn === -1 && local.mod >= mod) continue;
    writeCard.run(...values, data);
  }
  const noteState = col.stmt<[number], { usn: number; mod: number }>('select usn, mod from notes where id = ?');
  const writeNote = col.stmt(
    "insert or replace into notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, '')",
  );
  for (const entry of chunk.notes ?? []) {
    const id = int(entry[0], 'note id');
    const mid = int(entry[2], 'note type id');
    const mod = int(entry[3], 'note modification time');
    const local = noteState.get(id);
    if (local !== undefined && local.usn === -1 && local.mod >= mod) continue;
    const notetype = col.notetypes.get(mid);
    if (notetype === undefined) throw new SyncError('other', 'note missing notetype');
    const fields = text(entry[6], 'note fields')
      .split(FIELD_SEPARATOR)
      .map((field) => normalizeField(field, false));
    const expected = Math.max(notetype.fields.length, 1);
    if (fields.length !== expected) throw new SyncError('other', `note has ${fields.length} fields, expected ${expected}`);
    const { sortField, checksum } = deriveNoteColumns(notetype, fields);
    const tags = joinTagsForStorage(splitStoredTags(text(entry[5], 'note tags')));
    writeNote.run(id, text(entry[1], 'note guid'), mid, mod, int(entry[4], 'note usn'), tags, fields.join(FIELD_SEPARATOR), sortField, checksum);
  }
}

/** The ids of our reviews, cards and notes not yet sent. */
export interface PendingIds {
  revlog: number[];
  cards: number[];
  notes: number[];
}

export function pendingIds(col: Collection): PendingIds {
  const ids = (table: string) =>
    col
      .stmt<[], { id: number }>(`select id from ${table} where usn = -1`)
      .all()
      .map((row) => row.id);
  return { revlog: ids('revlog'), cards: ids('cards'), notes: ids('notes') };
}

/**
 * The next chunk of our rows, taken from the end of each list round-robin as Anki does; the
 * rows sent are stamped `serverUsn`, and so is the JSON.
 */
export function takeChunk(col: Collection, pending: PendingIds, serverUsn: number): Chunk {
  const taken: PendingIds = { revlog: [], cards: [], notes: [] };
  let room = CHUNK_SIZE;
  while (room > 0) {
    const before = room;
    for (const key of ['revlog', 'notes', 'cards'] as const) {
      const id = pending[key].pop();
      if (id !== undefined) {
        taken[key].push(id);
        room--;
      }
    }
    if (room === before) break;
  }
  const chunk: Chunk = { done: room > 0 };
  for (const table of ['revlog', 'cards', 'notes'] as const) {
    const update = col.stmt(`update ${table} set usn = ? where id = ?`);
    for (const id of taken[table]) update.run(serverUsn, id);
  }
  if (taken.revlog.length > 0) {
    const get = col.stmt<[number], Record<string, number>>('select id, cid, ease, ivl, lastIvl, factor, time, type from revlog where id = ?');
    chunk.revlog = taken.revlog.map((id) => {
      const r = get.get(id);
      if (r === undefined) throw new Error(`review ${id} vanished during the sync`);
      return [r['id'], r['cid'], serverUsn, r['ease'], r['ivl'], r['lastIvl'], r['factor'], r['time'], r['type']] as RevlogEntry;
    });
  }
  if (taken.cards.length > 0) {
    const get = col.stmt<[number], unknown[]>(
      'select id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data from cards where id = ?',
    );
    chunk.cards = taken.cards.map((id) => {
      const row = get.raw(true).get(id);
      if (row === undefined) throw new Error(`card ${id} vanished during the sync`);
      row[5] = serverUsn;
      row[17] = serializeCardData(parseCardData(row[17]));
      return row as CardEntry;
    });
  }
  if (taken.notes.length > 0) {
    const get = col.stmt<[number], unknown[]>("select id, guid, mid, mod, usn, tags, flds, '', '', 0, '' from notes where id = ?");
    chunk.notes = taken.notes.map((id) => {
      const row = get.raw(true).get(id);
      if (row === undefined) throw new Error(`note ${id} vanished during the sync`);
      row[4] = serverUsn;
      return row as NoteEntry;
    });
  }
  return chunk;
}

/**
 * The floor for addNotes: the same note and card rows written with raw better-sqlite3 prepared
 * statements, one transaction per batch, on a copy of the same collection opened with the same
 * connection settings (and so the same indexes, WAL and cache size). Everything derived from the
 * fields (guid, sort field, checksum, tags column) is computed before the clock starts: the
 * floor is the storage cost alone.
 */
import { openDatabase, type Db } from '../src/storage/database.js';
import { FIELD_SEPARATOR } from '../src/notes/note.js';
import { nativeDeckName } from '../src/decks/names.js';
import { canonifyTags, fieldChecksum, joinTagsForStorage, randomGuid, stripHtmlPreservingMediaFilenames } from '../src/text/index.js';
import type { NoteRequest } from './requests.js';

type NoteRow = [id: number, guid: string, mid: number, mod: number, tags: string, flds: string, sfld: string, csum: number];
type CardRow = [id: number, nid: number, did: number, mod: number, due: number];

/** An open copy of a collection receiving raw inserts. */
export class RawInserter {
  private readonly db: Db;
  private readonly insertNote;
  private readonly insertCard;
  private nextNoteId: number;
  private nextCardId: number;
  private nextPos: number;

  constructor(path: string) {
    this.db = openDatabase(path);
    this.insertNote = this.db.prepare(
      "insert into notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data) values (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, '')",
    );
    this.insertCard = this.db.prepare(
      'insert into cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data) ' +
        "values (?, ?, ?, 0, ?, -1, 0, 0, ?, 0, 0, 0, 0, 0, 0, 0, 0, '{}')",
    );
    const maxId = (table: string) => (this.db.prepare(`select max(id) as id from ${table}`).get() as { id: number }).id;
    this.nextNoteId = Math.max(Date.now(), maxId('notes') + 1);
    this.nextCardId = Math.max(Date.now(), maxId('cards') + 1);
    const pos = this.db.prepare("select val from config where KEY = 'nextPos'").get() as { val: Buffer };
    this.nextPos = Number(JSON.parse(pos.val.toString('utf8')));
  }

  /** Inserts Basic notes (one card each) in one transaction; returns the milliseconds it took. */
  insertBasicBatch(notes: readonly NoteRequest[]): number {
    const first = notes[0];
    if (first === undefined) return 0;
    const mid = this.idByName('notetypes', first.modelName);
    const did = this.idByName('decks', nativeDeckName(first.deckName));
    const mod = Math.floor(Date.now() / 1000);
    const noteRows: NoteRow[] = [];
    const cardRows: CardRow[] = [];
    for (const note of notes) {
      const fields = [note.fields['Front'] ?? '', note.fields['Back'] ?? ''];
      const stripped = stripHtmlPreservingMediaFilenames(fields[0] ?? '');
      const nid = this.nextNoteId++;
      const tags = joinTagsForStorage(canonifyTags(note.tags));
      noteRows.push([nid, randomGuid(), mid, mod, tags, fields.join(FIELD_SEPARATOR), stripped, fieldChecksum(stripped)]);
      cardRows.push([this.nextCardId++, nid, did, mod, this.nextPos++]);
    }
    const started = performance.now();
    this.db.exec('begin immediate');
    for (const row of noteRows) this.insertNote.run(...row);
    for (const row of cardRows) this.insertCard.run(...row);
    this.db.exec('commit');
    return performance.now() - started;
  }

  close(): void {
    this.db.close();
  }

  private idByName(table: 'notetypes' | 'decks', name: string): number {
    const row = this.db.prepare(`select id from ${table} where name = ?`).get(name) as { id: number } | undefined;
    if (row === undefined) throw new Error(`no ${table} row named ${name}`);
    return row.id;
  }
}

/**
 * Importing notes (rslib `import_notes`). A package note whose guid the collection already has
 * updates that note when it is newer (the update condition), keeping the incoming modification
 * time so that successive exports import in order; otherwise it counts as a duplicate and its
 * cards may still join the existing note. Other notes are added with their ids, moved on by 999
 * until free. Media references are renamed as the media plan says, tags are registered, and the
 * fields are cleaned and normalised as every save does. No cards are generated: the package's
 * cards follow.
 */
import type { Collection } from '../../collection/collection.js';
import { AnkiConnectError } from '../../errors.js';
import { deriveNoteColumns } from '../../notes/add.js';
import { normalizesText } from '../../notes/fields-check.js';
import { joinFields, tagsColumn, type Note } from '../../notes/note.js';
import type { Notetype } from '../../notetypes/notetype.js';
import { normalizeField } from '../../text/index.js';
import type { MediaPlan } from './media-plan.js';
import { rewriteMediaRefs } from './media-refs.js';
import type { NotetypeImporter } from './notetypes.js';
import { shouldUpdate, type ImportOptions } from './options.js';
import type { ImportProgress } from './progress.js';

/** What became of the package's notes. */
export interface NoteLog {
  added: number;
  updated: number;
  duplicate: number;
  conflicting: number;
}

interface ExistingNote {
  id: number;
  mtime: number;
  mid: number;
}

export class NoteImporter {
  /** Package note id → note id in the collection, for every note whose cards may be imported. */
  readonly idMap = new Map<number, number>();
  readonly log: NoteLog = { added: 0, updated: 0, duplicate: 0, conflicting: 0 };
  private readonly normalize: boolean;
  private readonly targetIds: Set<number>;

  constructor(
    private readonly col: Collection,
    private readonly options: ImportOptions,
    private readonly notetypes: NotetypeImporter,
    private readonly media: MediaPlan,
    private readonly progress: ImportProgress,
  ) {
    this.normalize = normalizesText(col);
    this.targetIds = new Set(col.stmt<[], { id: number }>('select id from notes').all().map((row) => row.id));
  }

  importNotes(notes: readonly Note[]): void {
    const existing = new Map<string, ExistingNote>();
    for (const row of this.col.stmt<[], ExistingNote & { guid: string }>('select guid, id, mod as mtime, mid from notes').iterate()) {
      existing.set(row.guid, { id: row.id, mtime: row.mtime, mid: row.mid });
    }
    if (this.options.mergeNotetypes) this.notetypes.resolveConflicts(conflicts(notes, existing));
    const remaps = this.notetypes.remaps;
    let done = 0;
    for (const original of notes) {
      const note = { ...original };
      const fieldMap = remaps.fields.get(note.notetypeId);
      if (fieldMap !== undefined) note.fields = fieldMap.map((ord) => (ord === null ? '' : (original.fields[ord] ?? '')));
      note.notetypeId = remaps.ids.get(note.notetypeId) ?? note.notetypeId;
      const match = existing.get(note.guid);
      if (match === undefined) this.add(note);
      else this.maybeUpdate(match, note);
      this.progress.notes(++done, notes.length);
    }
    this.col.forgetMaxId('notes');
    this.notetypes.removeUnusedMerged();
  }

  private maybeUpdate(existing: ExistingNote, incoming: Note): void {
    if (!this.options.mergeNotetypes && incoming.notetypeId !== existing.mid) {
      // Its note type changed here, or the package's was imported as a new one.
      this.log.conflicting++;
    } else if (shouldUpdate(this.options.updateNotes, existing.mtime, incoming.mtimeSecs)) {
      this.update(incoming, existing.id);
    } else {
      this.idMap.set(incoming.id, existing.id);
      this.log.duplicate++;
    }
  }

  private add(note: Note): void {
    const notetype = this.notetypeOf(note);
    const tags = this.col.tags.canonify(note.tags);
    const fields = this.preparedFields(note, notetype);
    const sourceId = note.id;
    let id = note.id;
    while (this.targetIds.has(id)) id += 999;
    const derived = deriveNoteColumns(notetype, fields);
    // The package's modification time is kept, as Anki keeps it; sfld is bound as text so that
    // the column's affinity stores numbers as numbers, as Anki's writes do.
    this.col
      .stmt("insert into notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, '')")
      .run(id, note.guid, notetype.id, note.mtimeSecs, this.col.usn(), tagsColumn(tags), joinFields(fields), derived.sortField, derived.checksum);
    this.targetIds.add(id);
    this.idMap.set(sourceId, id);
    this.log.added++;
  }

  private update(note: Note, targetId: number): void {
    const notetype = this.notetypeOf(note);
    const tags = this.col.tags.canonify(note.tags);
    const fields = this.preparedFields(note, notetype);
    const derived = deriveNoteColumns(notetype, fields);
    this.col
      .stmt('update notes set guid = ?, mid = ?, mod = ?, usn = ?, tags = ?, flds = ?, sfld = ?, csum = ? where id = ?')
      .run(note.guid, notetype.id, note.mtimeSecs, this.col.usn(), tagsColumn(tags), joinFields(fields), derived.sortField, derived.checksum, targetId);
    this.idMap.set(note.id, targetId);
    this.log.updated++;
  }

  private notetypeOf(note: Note): Notetype {
    const notetype = this.col.notetypes.get(note.notetypeId);
    if (notetype === undefined) throw new AnkiConnectError(`No such notetype: '${note.notetypeId}'`);
    return notetype;
  }

  /** Media references renamed, then cleaned and normalised; the count must match the note type's. */
  private preparedFields(note: Note, notetype: Notetype): string[] {
    const expected = Math.max(notetype.fields.length, 1);
    if (note.fields.length !== expected) {
      throw new AnkiConnectError(`note has ${note.fields.length} fields, expected ${expected}`);
    }
    return note.fields.map((field) => normalizeField(rewriteMediaRefs(field, (name) => this.media.renameReference(name)) ?? field, this.normalize));
  }
}

/** Package notes whose guid the collection has under another note type, grouped by the two note types. */
function conflicts(notes: readonly Note[], existing: ReadonlyMap<string, ExistingNote>): Map<string, { existing: number; incoming: number; noteIds: number[] }> {
  const out = new Map<string, { existing: number; incoming: number; noteIds: number[] }>();
  for (const note of notes) {
    const match = existing.get(note.guid);
    if (match === undefined || match.mid === note.notetypeId) continue;
    const key = `${match.mid} ${note.notetypeId}`;
    let group = out.get(key);
    if (group === undefined) {
      group = { existing: match.mid, incoming: note.notetypeId, noteIds: [] };
      out.set(key, group);
    }
    group.noteIds.push(match.id);
  }
  return out;
}

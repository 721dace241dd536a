/**
 * Importing note types (rslib `import_notetypes` and its merge helpers). A note type is matched
 * by id. One that is new to the collection is added with its id. One that exists is updated when
 * the incoming one is newer (the update condition); its fields and templates must match
 * (`equalSchema`) unless merging, which folds both into one note type holding the fields and
 * templates of each. Without merging, a changed note type is imported as a new one, reused by
 * later imports of the same changes.
 */
import type { Collection } from '../../collection/collection.js';
import type { Notetype } from '../../notetypes/notetype.js';
import type { ImportNotetype } from './exchange.js';
import { notetypeKindMergeConflict } from './errors.js';
import { toImportNotetype } from './gather.js';
import { changeNotetypeOfNotes } from './notetype-change.js';
import {
  combineFieldOrds,
  combineTemplateMaps,
  copyOrds,
  equalSchema,
  fieldOrds,
  isClozeNotetype,
  mergeNotetype,
  templateMap,
  templateOrds,
} from './notetype-merge.js';
import { ensureNotetypeNameUnique, prepareImportedNotetype, saveNewNotetype, saveUpdatedNotetype, storedNotetype } from './notetype-save.js';
import { shouldUpdate, type ImportOptions } from './options.js';

/** How the package's notes must be adapted to the note types they end up with. */
export class NotetypeRemaps {
  /** Package note type id → the id its notes get. */
  readonly ids = new Map<number, number>();
  /** Package note type id → for each field of the note type in the collection, the note field it takes. */
  readonly fields = new Map<number, (number | null)[]>();
  /** Package note type id → package template ordinal → ordinal in the collection. */
  readonly templates = new Map<number, Map<number, number>>();
  /** Note types merged into others; removed at the end if no note uses them. */
  readonly merged = new Set<number>();

  /** Records how `incoming`'s fields and templates moved, chained onto what was recorded before. */
  record(incoming: ImportNotetype): void {
    const fields = this.fields.get(incoming.id);
    this.fields.set(incoming.id, fields === undefined ? fieldOrds(incoming) : combineFieldOrds(fields, fieldOrds(incoming)));
    const templates = this.templates.get(incoming.id);
    if (templates === undefined) this.templates.set(incoming.id, templateMap(incoming));
    else combineTemplateMaps(templates, incoming);
  }
}

export class NotetypeImporter {
  /** The collection's note types before the import, as Anki's importer snapshots them. */
  private readonly before: Notetype[];

  constructor(
    private readonly col: Collection,
    private readonly options: ImportOptions,
    readonly remaps: NotetypeRemaps,
  ) {
    this.before = col.notetypes.ids().flatMap((id) => col.notetypes.get(id) ?? []);
  }

  importNotetypes(incoming: readonly ImportNotetype[]): void {
    for (const notetype of incoming) {
      // Remembered so that a later import of a changed copy can find what it came from.
      notetype.config.originalId = BigInt(notetype.id);
      const existing = this.before.find((nt) => nt.id === notetype.id);
      if (existing === undefined) saveNewNotetype(this.col, notetype);
      else if (this.options.mergeNotetypes) this.updateOrMerge(notetype, existing);
      else this.updateOrDuplicate(notetype, existing);
    }
  }

  private updateOrDuplicate(incoming: ImportNotetype, found: Notetype): void {
    let existing = found;
    if (!equalSchema(existing, incoming)) {
      const previous = this.before.find(
        (nt) => nt.id !== incoming.id && nt.config.originalId === BigInt(incoming.id) && equalSchema(nt, incoming),
      );
      if (previous === undefined) {
        this.addWithNewId(incoming);
        return;
      }
      existing = previous;
      this.remaps.ids.set(incoming.id, previous.id);
      incoming.id = previous.id;
    }
    if (shouldUpdate(this.options.updateNotetypes, existing.mtimeSecs, incoming.mtimeSecs)) {
      incoming.usn = this.col.usn();
      saveUpdatedNotetype(this.col, incoming, existing);
    }
  }

  /** A changed note type imported beside the original, under a new id (Anki's add_notetype_inner). */
  private addWithNewId(incoming: ImportNotetype): void {
    const oldId = incoming.id;
    incoming.usn = this.col.usn();
    incoming.id = 0;
    prepareImportedNotetype(incoming, undefined);
    ensureNotetypeNameUnique(this.col, incoming);
    const { id: _unused, ...stored } = storedNotetype(incoming);
    const added = this.col.notetypes.add(stored);
    this.col.config.set('curModel', added.id);
    this.remaps.ids.set(oldId, added.id);
  }

  private updateOrMerge(incoming: ImportNotetype, found: Notetype): void {
    const existing = toImportNotetype(found);
    if (isClozeNotetype(existing) !== isClozeNotetype(incoming)) throw notetypeKindMergeConflict();
    // Copies left by earlier imports without merging are folded in too.
    const siblings = this.before.filter((nt) => nt.id !== found.id && nt.config.originalId === BigInt(found.id)).map(toImportNotetype);
    for (const sibling of siblings) mergeNotetype(existing, sibling);
    mergeNotetype(incoming, existing);
    mergeNotetype(existing, incoming);
    this.remaps.record(incoming);
    const update = this.options.updateNotetypes === 'Always' || (this.options.updateNotetypes === 'IfNewer' && existing.mtimeSecs < incoming.mtimeSecs);
    let winner = existing;
    if (update) {
      // The ordinals must be the collection's: they say how its notes and cards move.
      copyOrds(incoming, existing);
      winner = incoming;
    }
    this.saveModified(winner, found);
    this.mergeSiblings(winner, siblings);
  }

  /** Anki's update_notetype(…, modified = true): stamped modified now, then saved over `original`. */
  private saveModified(notetype: ImportNotetype, original: Notetype): void {
    notetype.mtimeSecs = this.col.nowSecs();
    notetype.usn = this.col.usn();
    saveUpdatedNotetype(this.col, notetype, original);
  }

  /** Moves the notes of merged-in copies to `original` and marks the copies for removal. */
  private mergeSiblings(original: ImportNotetype, siblings: ImportNotetype[]): void {
    for (const sibling of siblings) {
      mergeNotetype(sibling, original);
      const noteIds = this.col.stmt<[number], { id: number }>('select id from notes where mid = ?').all(sibling.id).map((row) => row.id);
      changeNotetypeOfNotes(this.col, {
        noteIds,
        oldNotetypeId: sibling.id,
        newNotetypeId: original.id,
        newFields: fieldOrds(sibling),
        newTemplates: templateOrds(sibling),
      });
      this.remaps.merged.add(sibling.id);
    }
  }

  /**
   * When merging, a package note whose guid the collection has under another note type brings
   * the two note types together first: the existing one's fields and templates are merged into
   * the incoming one, which takes over the existing notes (Anki's resolve_notetype_conflicts).
   * `conflicts` maps "existing note type, incoming note type" to the existing notes concerned.
   */
  resolveConflicts(conflicts: Map<string, { existing: number; incoming: number; noteIds: number[] }>): void {
    for (const { existing: existingId, incoming: incomingId, noteIds } of conflicts.values()) {
      const original = this.col.notetypes.get(existingId);
      const incomingStored = this.col.notetypes.get(incomingId);
      if (original === undefined || incomingStored === undefined) {
        throw new Error(`note type ${original === undefined ? existingId : incomingId} was not found`);
      }
      const incoming = toImportNotetype(incomingStored);
      const existing = toImportNotetype(original);
      if (isClozeNotetype(existing) !== isClozeNotetype(incoming)) throw notetypeKindMergeConflict();
      mergeNotetype(existing, incoming);
      mergeNotetype(incoming, existing);
      this.remaps.record(incoming);
      const newFields = fieldOrds(existing);
      const newTemplates = templateOrds(existing);
      copyOrds(incoming, existing);
      // As in Anki, the incoming note type is saved with the existing one as its "original".
      this.saveModified(incoming, original);
      changeNotetypeOfNotes(this.col, { noteIds, oldNotetypeId: existingId, newNotetypeId: incomingId, newFields, newTemplates });
      this.remaps.merged.add(existingId);
    }
  }

  /** Removes merged note types no note uses any more (Anki's remove_notetype_inner). */
  removeUnusedMerged(): void {
    if (this.remaps.merged.size === 0) return;
    const used = new Set(this.col.stmt<[], { mid: number }>('select distinct mid from notes').all().map((row) => row.mid));
    for (const id of this.remaps.merged) {
      if (used.has(id) || this.col.notetypes.get(id) === undefined) continue;
      this.col.stmt('update col set scm = ?').run(this.col.nowMs());
      for (const key of this.col.config.keys()) {
        if (key.startsWith(`_nt_${id}_`)) this.col.config.remove(key);
      }
      this.col.notetypes.remove(id);
      const first = this.col.notetypes.namesAndIds()[0];
      if (first !== undefined) this.col.config.set('curModel', first.id);
    }
  }
}

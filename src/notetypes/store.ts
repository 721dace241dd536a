import type { Collection } from '../collection/collection.js';
import {
  decodeFieldConfig,
  decodeNotetypeConfig,
  decodeTemplateConfig,
  encodeFieldConfig,
  encodeNotetypeConfig,
  encodeTemplateConfig,
  type Notetype,
} from './notetype.js';

interface NotetypeRow {
  id: number;
  name: string;
  mtime_secs: number;
  usn: number;
  config: Buffer;
}

/**
 * Note types of one collection, decoded once and cached by id. Names are matched through the
 * `unicase` index, so lookups are case-insensitive exactly as in Anki.
 */
export class NotetypeStore {
  private byId = new Map<number, Notetype>();

  constructor(private readonly col: Collection) {
    col.onRollback(() => this.byId.clear());
  }

  get(id: number): Notetype | undefined {
    let notetype = this.byId.get(id);
    if (notetype === undefined) {
      notetype = this.load(id);
      if (notetype !== undefined) this.byId.set(id, notetype);
    }
    return notetype;
  }

  idByName(name: string): number | undefined {
    return this.col.stmt<[string], { id: number }>('select id from notetypes where name = ?').get(name)?.id;
  }

  byName(name: string): Notetype | undefined {
    const id = this.idByName(name);
    return id === undefined ? undefined : this.get(id);
  }

  /** Every note type's id and name, in Anki's order (unicase order of names). */
  namesAndIds(): { id: number; name: string }[] {
    return this.col.stmt<[], { id: number; name: string }>('select id, name from notetypes order by name').all();
  }

  /**
   * Adds a note type with a new id (now in ms, or the highest id plus one when taken) and
   * returns it. mtime and usn are kept as given: stock note types are written with 0/0.
   */
  add(notetype: Omit<Notetype, 'id'>): Notetype {
    let id = this.col.nowMs();
    if (this.col.stmt<[number]>('select 1 from notetypes where id = ?').get(id) !== undefined) {
      id = (this.col.stmt<[], { id: number }>('select max(id) as id from notetypes').get()?.id ?? 0) + 1;
    }
    const added: Notetype = { ...notetype, id };
    this.writeRows(added);
    this.byId.set(id, added);
    return added;
  }

  /**
   * Writes an existing note type's rows (its notetypes row, and all of its field and template
   * rows, as Anki rewrites them) and caches the object. The object must not be changed
   * afterwards: card generation caches data derived from it. A rolled-back transaction empties
   * the cache, so it never outlives the rows it describes.
   */
  save(notetype: Notetype): void {
    this.writeRows(notetype);
    this.byId.set(notetype.id, notetype);
  }

  /** Deletes a note type's rows (its notes and cards are the caller's) and forgets its cached copy. */
  remove(id: number): void {
    this.col.stmt('delete from notetypes where id = ?').run(id);
    this.col.stmt('delete from fields where ntid = ?').run(id);
    this.col.stmt('delete from templates where ntid = ?').run(id);
    this.byId.delete(id);
  }

  /** Every note type id, in Anki's order (unicase order of names). */
  ids(): number[] {
    return this.namesAndIds().map((entry) => entry.id);
  }

  private writeRows(notetype: Notetype): void {
    this.col
      .stmt('insert or replace into notetypes (id, name, mtime_secs, usn, config) values (?, ?, ?, ?, ?)')
      .run(notetype.id, notetype.name, notetype.mtimeSecs, notetype.usn, encodeNotetypeConfig(notetype.config));
    // Anki rewrites all field and template rows of a note type whenever it saves one.
    this.col.stmt('delete from fields where ntid = ?').run(notetype.id);
    this.col.stmt('delete from templates where ntid = ?').run(notetype.id);
    const insertField = this.col.stmt('insert into fields (ntid, ord, name, config) values (?, ?, ?, ?)');
    for (const field of notetype.fields) {
      insertField.run(notetype.id, field.ord, field.name, encodeFieldConfig(field.config));
    }
    const insertTemplate = this.col.stmt(
      'insert into templates (ntid, ord, name, mtime_secs, usn, config) values (?, ?, ?, ?, ?, ?)',
    );
    for (const template of notetype.templates) {
      insertTemplate.run(
        notetype.id,
        template.ord,
        template.name,
        template.mtimeSecs,
        template.usn,
        encodeTemplateConfig(template.config),
      );
    }
  }

  private load(id: number): Notetype | undefined {
    const row = this.col
      .stmt<[number], NotetypeRow>('select id, name, mtime_secs, usn, config from notetypes where id = ?')
      .get(id);
    if (row === undefined) return undefined;
    const fields = this.col
      .stmt<[number], { ord: number; name: string; config: Buffer }>(
        'select ord, name, config from fields where ntid = ? order by ord',
      )
      .all(id)
      .map((field) => ({ ord: field.ord, name: field.name, config: decodeFieldConfig(field.config) }));
    const templates = this.col
      .stmt<[number], { ord: number; name: string; mtime_secs: number; usn: number; config: Buffer }>(
        'select ord, name, mtime_secs, usn, config from templates where ntid = ? order by ord',
      )
      .all(id)
      .map((template) => ({
        ord: template.ord,
        name: template.name,
        mtimeSecs: template.mtime_secs,
        usn: template.usn,
        config: decodeTemplateConfig(template.config),
      }));
    return {
      id: row.id,
      name: row.name,
      mtimeSecs: row.mtime_secs,
      usn: row.usn,
      config: decodeNotetypeConfig(row.config),
      fields,
      templates,
    };
  }
}

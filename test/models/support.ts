/** Shared set-up and probes for the note type tests. */
import type { Collection } from '../../src/collection/collection.js';
import type { TestDispatcher } from '../support/dispatch.js';

/** A note's fields, tags and card ords as stored. */
export interface StoredNote {
  id: number;
  fields: string[];
  ords: number[];
  mod: number;
  usn: number;
}

/** Every note of a note type, by id, with its card ords in order. */
export function storedNotes(col: Collection, mid: number): StoredNote[] {
  const notes = col.db.prepare('select id, flds, mod, usn from notes where mid = ? order by id').all(mid) as {
    id: number;
    flds: string;
    mod: number;
    usn: number;
  }[];
  return notes.map((note) => ({
    id: note.id,
    fields: note.flds.split('\x1f'),
    ords: (col.db.prepare('select ord from cards where nid = ? order by ord').all(note.id) as { ord: number }[]).map((c) => c.ord),
    mod: note.mod,
    usn: note.usn,
  }));
}

/** The collection's schema modification time (ms). */
export function schemaTime(col: Collection): number {
  return (col.db.prepare('select scm from col').get() as { scm: number }).scm;
}

/** The id of the note type called `name`. */
export function notetypeId(col: Collection, name: string): number {
  const id = col.notetypes.idByName(name);
  if (id === undefined) throw new Error(`no note type ${name}`);
  return id;
}

/** Adds a note and returns its id. */
export async function addNote(
  t: TestDispatcher,
  modelName: string,
  fields: Record<string, string>,
  deckName = 'Default',
  tags: string[] = [],
): Promise<number> {
  return (await t.call('addNote', { note: { deckName, modelName, fields, tags, options: { allowDuplicate: true } } })) as number;
}

/** The error text of a call expected to fail. */
export async function errorOf(t: TestDispatcher, action: string, params: Record<string, unknown>): Promise<string> {
  try {
    await t.call(action, params);
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  throw new Error(`${action} succeeded`);
}

/** Everything about a note type's rows and its notes and cards, to show that nothing changed. */
export function snapshot(col: Collection, mid: number): unknown {
  return {
    notetype: col.db.prepare('select * from notetypes where id = ?').get(mid),
    fields: col.db.prepare('select * from fields where ntid = ? order by ord').all(mid),
    templates: col.db.prepare('select * from templates where ntid = ? order by ord').all(mid),
    notes: col.db.prepare('select * from notes where mid = ? order by id').all(mid),
    cards: col.db.prepare('select * from cards where nid in (select id from notes where mid = ?) order by id').all(mid),
    graves: col.db.prepare('select * from graves').all(),
    scm: schemaTime(col),
  };
}

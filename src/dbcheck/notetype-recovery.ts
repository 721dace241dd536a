/**
 * Note types Check Database makes or repairs (rslib dbcheck.rs `recover_notetype`,
 * `add_missing_field_tags`, and the Basic note type added when none is left).
 */
import { clone } from '@bufbuild/protobuf';
import type { Collection } from '../collection/collection.js';
import type { EditableNotetype } from '../notetypes/edit.js';
import { newField } from '../notetypes/fields.js';
import type { Notetype } from '../notetypes/notetype.js';
import { addNotetype } from '../notetypes/save.js';
import { stockNotetypes } from '../notetypes/stock.js';
import { newTemplate } from '../notetypes/templates.js';
import { FieldConfigSchema, NotetypeConfig_OriginalStockKind } from '../storage/proto/gen/anki_storage/notetypes_pb.js';

/** Anki's stock Basic note type (the first stock one), with fresh field and template ids. */
function stockBasic(): Omit<Notetype, 'id'> {
  const basic = stockNotetypes()[0];
  if (basic === undefined) throw new Error('internal error: no stock note types');
  return basic;
}

/**
 * A note type for notes whose note type is gone: a copy of Basic named
 * `db-check-<stamp ms>-<field count>`, with fields `3`, `4`, … added until it has as many as the
 * first such note, and templates `Card 2`, `Card 3`, … (copies of Basic's card) added as many
 * as the highest card ordinal of those notes. It is added as Anki adds a note type (id from the
 * clock, made the current note type).
 */
export function recoverNotetype(col: Collection, stampMs: number, fieldCount: number, previousId: number): Notetype {
  const highestOrd =
    col.db
      .prepare<[number], { ord: number }>(
        'select coalesce(max(ord), 0) as ord from cards where nid in (select id from notes where mid = ?)',
      )
      .get(previousId)?.ord ?? 0;
  const basic = stockBasic();
  const edited: EditableNotetype = {
    id: 0,
    name: `db-check-${stampMs}-${fieldCount}`,
    config: basic.config,
    fields: basic.fields.map((field) => ({ origOrd: null, name: field.name, config: field.config })),
    templates: basic.templates.map((template) => ({ origOrd: null, name: template.name, config: template.config })),
  };
  for (let name = 3; edited.fields.length < fieldCount; name++) edited.fields.push(newField(String(name)));
  const card = basic.templates[0];
  for (let n = 0; n < highestOrd && card !== undefined; n++) {
    edited.templates.push(newTemplate(`Card ${n + 2}`, card.config.qFormat, card.config.aFormat));
  }
  // Anki adds it without checking the templates: the copies of Basic's card are identical, which
  // the checks would refuse.
  return addNotetype(col, edited, { skipChecks: true });
}

/** The Image Occlusion fields whose `tag` Anki restores; the last of them, Comments, may be deleted. */
const IO_TAGGED_FIELDS = 5;
const IO_COMMENTS = 4;

/**
 * Image Occlusion note types get their field markers back (which field is the image, the
 * occlusions, …; all but Comments protected from deletion). Comments never prevents deletion,
 * so an IO note type with five fields is saved again on every check, stamped modified, as Anki
 * does. Returns the note type to use from here on.
 */
export function addMissingFieldTags(col: Collection, notetype: Notetype): Notetype {
  if (notetype.config.originalStockKind !== NotetypeConfig_OriginalStockKind.IMAGE_OCCLUSION) return notetype;
  if (notetype.fields.length < IO_TAGGED_FIELDS) return notetype;
  const unmarked = (ord: number, preventDeletion: boolean) => ord < IO_TAGGED_FIELDS && !preventDeletion;
  if (!notetype.fields.some((field, ord) => unmarked(ord, field.config.preventDeletion))) return notetype;
  const fields = notetype.fields.map((field, ord) => {
    if (!unmarked(ord, field.config.preventDeletion)) return field;
    const config = clone(FieldConfigSchema, field.config);
    config.preventDeletion = ord !== IO_COMMENTS;
    config.tag = ord;
    return { ...field, config };
  });
  const saved: Notetype = { ...notetype, fields, mtimeSecs: col.nowSecs(), usn: col.usn() };
  col.notetypes.save(saved);
  return saved;
}

/**
 * A collection left without any note type gets Basic back, written as Anki writes a stock note
 * type (mtime and usn 0) and made the current note type.
 */
export function ensureSomeNotetype(col: Collection): void {
  if (col.db.prepare('select 1 from notetypes limit 1').get() !== undefined) return;
  const added = col.notetypes.add(stockBasic());
  col.config.set('curModel', added.id);
}

/**
 * createModel: a new note type built as Anki-Connect builds it on Anki (a copy of the stock
 * Basic note type emptied of fields and templates, then filled in) and added with Anki's checks.
 */
import { create } from '@bufbuild/protobuf';
import { hash } from 'node:crypto';
import type { Collection } from '../collection/collection.js';
import { AnkiConnectError } from '../errors.js';
import {
  NotetypeConfig_Kind,
  NotetypeConfig_OriginalStockKind,
  NotetypeConfigSchema,
} from '../storage/proto/gen/anki_storage/notetypes_pb.js';
import type { EditableNotetype } from './edit.js';
import { newField } from './fields.js';
import type { Notetype } from './notetype.js';
import { addNotetype } from './save.js';
import { CARD_CSS, LATEX_POST, LATEX_PRE } from './stock.js';
import { newTemplate } from './templates.js';

/** One entry of createModel's `cardTemplates`. */
export interface CardTemplateRequest {
  Name?: string | undefined;
  Front: string;
  Back: string;
}

/** What createModel asks for. */
export interface NewNotetypeRequest {
  modelName: string;
  inOrderFields: readonly string[];
  cardTemplates: readonly CardTemplateRequest[];
  /** null or absent: Anki's default CSS. */
  css?: string | null | undefined;
  isCloze?: boolean | undefined;
}

/**
 * Creates a note type and returns it as stored. Refuses an empty field or template list and a
 * name already used exactly ("Model name already exists"); a name equal to another one except for
 * case gets a suffix as Anki's Python layer gives it (`-` and five hex digits of a time hash).
 * Templates without `Name` are called `Card 1`, `Card 2`, … by their position in the list.
 */
export function createNotetype(col: Collection, request: NewNotetypeRequest): Notetype {
  if (request.inOrderFields.length === 0) throw new AnkiConnectError('Must provide at least one field for inOrderFields');
  if (request.cardTemplates.length === 0) throw new AnkiConnectError('Must provide at least one card for cardTemplates');
  if (col.notetypes.namesAndIds().some((entry) => entry.name === request.modelName)) {
    throw new AnkiConnectError('Model name already exists');
  }

  let name = request.modelName;
  if (col.notetypes.idByName(name) !== undefined) {
    // pylib's ensure_name_unique: checksum(str(time.time()))[:5]; Python writes 5.0 for a whole float.
    const seconds = col.nowMs() / 1000;
    const text = Number.isInteger(seconds) ? `${seconds}.0` : String(seconds);
    name += `-${hash('sha1', text, 'hex').slice(0, 5)}`;
  }
  const edited: EditableNotetype = {
    id: 0,
    name,
    config: create(NotetypeConfigSchema, {
      kind: request.isCloze === true ? NotetypeConfig_Kind.CLOZE : NotetypeConfig_Kind.NORMAL,
      css: request.css ?? CARD_CSS,
      latexPre: LATEX_PRE,
      latexPost: LATEX_POST,
      // The stock Basic note type it is copied from says so, and Anki keeps it.
      originalStockKind: NotetypeConfig_OriginalStockKind.BASIC,
    }),
    fields: request.inOrderFields.map((field) => newField(field)),
    templates: request.cardTemplates.map((template, index) =>
      newTemplate(template.Name ?? `Card ${index + 1}`, template.Front, template.Back),
    ),
  };
  return addNotetype(col, edited);
}

import { create } from '@bufbuild/protobuf';
import { generateMissingCards } from '../cards/existing.js';
import type { Collection } from '../collection/collection.js';
import { AnkiConnectError } from '../errors.js';
import { deriveNoteColumns, takeNextPosition } from '../notes/add.js';
import { normalizesText } from '../notes/fields-check.js';
import { joinFields, tagsColumn } from '../notes/note.js';
import { getNote } from '../notes/store.js';
import { isCloze, type Notetype } from '../notetypes/notetype.js';
import { CARD_CSS, LATEX_POST, LATEX_PRE, randomI64 } from '../notetypes/stock.js';
import {
  FieldConfigSchema,
  NotetypeConfig_CardRequirementSchema,
  NotetypeConfig_CardRequirement_Kind as ReqKind,
  NotetypeConfig_Kind,
  NotetypeConfigSchema,
  TemplateConfigSchema,
} from '../storage/proto/gen/anki_storage/notetypes_pb.js';
import { computeReq } from '../template/index.js';
import { normalizeField, randomGuid } from '../text/index.js';
import { isFilteredDeck } from './deck.js';

/** A card of updateCompleteDeck's `data.cards`. */
export interface PastedCard {
  id: number;
  nid: number;
  ord: number;
  type: number;
  queue: number;
  due: number;
  factor: number;
  ivl: number;
  reps: number;
  lapses: number;
  left: number;
}

/** A note of `data.notes`. */
export interface PastedNote {
  id: number;
  mid: number;
  fields: string[];
  tags: string[];
}

/** A model of `data.models`: only names, as the seed README describes it. */
export interface PastedModel {
  id: number;
  name: string;
  fields: string[];
  templateNames: string[];
}

/** updateCompleteDeck's `data`. */
export interface CompleteDeck {
  deck: string;
  cards: Record<string, PastedCard>;
  notes: Record<string, PastedNote>;
  models: Record<string, PastedModel>;
}

const REQ_KINDS = { any: ReqKind.ANY, all: ReqKind.ALL, none: ReqKind.NONE } as const;

/**
 * Anki-Connect's updateCompleteDeck (removed upstream in 2022, documented by the seed README):
 * pastes cards, their notes and the notes' models into the deck `data.deck` (created when
 * missing). Each card and note is written under its own id, replacing what is there; every card
 * goes to that deck with the given scheduling and is stamped modified. A model is looked up by
 * id, then by name, and created when neither exists: a standard note type with the given fields
 * and one template per name, template n showing field n on its front (a template without a
 * field would make no cards in Anki). Notes get Anki's derived columns and canonical tags and
 * keep their guid when they replace a note. Everything is checked before anything is written.
 */
export function pasteCompleteDeck(col: Collection, data: CompleteDeck): void {
  const existingDeck = col.decks.byName(data.deck);
  if (existingDeck !== undefined && isFilteredDeck(existingDeck)) {
    throw new AnkiConnectError("Cards can't be manually moved into a filtered deck.");
  }
  const plan = Object.values(data.cards).map((card) => {
    const note = entry(data.notes, card.nid, `note ${card.nid} of card ${card.id} is not in "notes"`);
    const model = entry(data.models, note.mid, `model ${note.mid} of note ${note.id} is not in "models"`);
    const notetype = col.notetypes.get(model.id) ?? col.notetypes.byName(model.name);
    checkCard(card);
    if (notetype !== undefined) checkAgainst(notetype, card, note);
    else if (!validModel(model)) {
      throw new AnkiConnectError(`model ${model.name} needs a name, and at least one field and one template with valid, distinct names`);
    } else if (note.fields.length !== model.fields.length) {
      throw new AnkiConnectError(`note ${note.id} has ${note.fields.length} fields, model ${model.name} has ${model.fields.length}`);
    } else if (card.ord < 0 || card.ord >= model.templateNames.length) {
      throw new AnkiConnectError(`card ${card.id} has ord ${card.ord}, model ${model.name} has no such card`);
    }
    return { card, note, model, notetype };
  });
  checkOrdsFree(col, plan.map(({ card }) => card));

  const deckId = existingDeck?.id ?? col.decks.getOrCreate(data.deck);
  const created = new Map<number, Notetype>();
  const written = new Map<number, Notetype>();
  for (const { card, note, model, notetype: found } of plan) {
    let notetype = found ?? created.get(model.id);
    if (notetype === undefined) {
      notetype = createModel(col, model);
      created.set(model.id, notetype);
    }
    if (!written.has(note.id)) {
      writeNote(col, note, notetype);
      written.set(note.id, notetype);
    }
    writeCard(col, card, deckId);
  }
  // As Anki's Check Database would: a note gets the cards its templates call for.
  for (const [noteId, notetype] of written) {
    const note = getNote(col, noteId);
    if (note !== undefined) generateMissingCards(col, note, notetype);
  }
}

function entry<T>(map: Record<string, T>, id: number, message: string): T {
  const key = String(id);
  if (!Object.hasOwn(map, key)) throw new AnkiConnectError(message);
  const value = map[key];
  if (value === undefined) throw new AnkiConnectError(message);
  return value;
}

function checkCard(card: PastedCard): void {
  const inRange = (value: number, min: number, max: number) => Number.isSafeInteger(value) && value >= min && value <= max;
  if (!inRange(card.type, 0, 3) || !inRange(card.queue, -3, 4)) {
    throw new AnkiConnectError(`card ${card.id} has an invalid type or queue: ${card.type}, ${card.queue}`);
  }
  if (card.queue === 2 && card.due > 100_000) throw new AnkiConnectError(`card ${card.id} is a review card due on day ${card.due}`);
  for (const key of ['ivl', 'factor', 'reps', 'lapses', 'left'] as const) {
    if (!inRange(card[key], 0, 2 ** 31 - 1)) throw new AnkiConnectError(`card ${card.id} has an invalid ${key}: ${card[key]}`);
  }
}

function checkAgainst(notetype: Notetype, card: PastedCard, note: PastedNote): void {
  if (note.fields.length !== notetype.fields.length) {
    throw new AnkiConnectError(`note ${note.id} has ${note.fields.length} fields, model ${notetype.name} has ${notetype.fields.length}`);
  }
  const ords = isCloze(notetype) ? 500 : notetype.templates.length;
  if (card.ord < 0 || card.ord >= ords) throw new AnkiConnectError(`card ${card.id} has ord ${card.ord}, model ${notetype.name} has no such card`);
}

/** No card may take the (note, ord) slot of another card, pasted or already there. */
function checkOrdsFree(col: Collection, cards: readonly PastedCard[]): void {
  const slots = new Map<string, number>();
  const other = col.stmt<[number, number, number], { id: number }>('select id from cards where nid = ? and ord = ? and id != ?');
  for (const card of cards) {
    const slot = `${card.nid}:${card.ord}`;
    const taken = slots.get(slot) ?? other.get(card.nid, card.ord, card.id)?.id;
    if (taken !== undefined && taken !== card.id) {
      throw new AnkiConnectError(`cards ${taken} and ${card.id} are both card ${card.ord + 1} of note ${card.nid}`);
    }
    slots.set(slot, card.id);
  }
}

/**
 * Whether Anki would accept the model as a note type: a name without `"`, fields and templates,
 * field names without `: { } "` that do not start with `# / ^` or whitespace or end with it,
 * template names without `"`, each unique ignoring case.
 */
function validModel(model: PastedModel): boolean {
  const distinct = (names: readonly string[]) => new Set(names.map((name) => name.toLowerCase())).size === names.length;
  const fieldOk = (name: string) => name !== '' && !/[:{}"]/.test(name) && !/^[#/^\s]|\s$/.test(name);
  const templateOk = (name: string) => name !== '' && !name.includes('"');
  return (
    model.name !== '' &&
    !model.name.includes('"') &&
    model.fields.length > 0 &&
    model.templateNames.length > 0 &&
    model.fields.every(fieldOk) &&
    model.templateNames.every(templateOk) &&
    distinct(model.fields) &&
    distinct(model.templateNames)
  );
}

/** A new standard note type for a pasted model (checked by {@link validModel}). */
function createModel(col: Collection, model: PastedModel): Notetype {
  const front = (ord: number) => model.fields[ord % model.fields.length] ?? '';
  const questions = model.templateNames.map((_name, ord) => `{{${front(ord)}}}`);
  return col.notetypes.add({
    name: model.name,
    mtimeSecs: col.nowSecs(),
    usn: col.usn(),
    config: create(NotetypeConfigSchema, {
      kind: NotetypeConfig_Kind.NORMAL,
      css: CARD_CSS,
      latexPre: LATEX_PRE,
      latexPost: LATEX_POST,
      reqs: computeReq(questions, model.fields).map(([cardOrd, kind, fieldOrds]) =>
        create(NotetypeConfig_CardRequirementSchema, { cardOrd, kind: REQ_KINDS[kind], fieldOrds }),
      ),
    }),
    fields: model.fields.map((name, ord) => ({
      ord,
      name,
      config: create(FieldConfigSchema, { fontName: 'Arial', fontSize: 20, id: randomI64() }),
    })),
    templates: model.templateNames.map((name, ord) => ({
      ord,
      name,
      mtimeSecs: col.nowSecs(),
      usn: col.usn(),
      config: create(TemplateConfigSchema, {
        qFormat: questions[ord] ?? '',
        aFormat: `{{FrontSide}}\n\n<hr id=answer>\n\n{{${front(ord + 1)}}}`,
        id: randomI64(),
      }),
    })),
  });
}

function writeNote(col: Collection, note: PastedNote, notetype: Notetype): void {
  const nfc = normalizesText(col);
  const fields = note.fields.map((field) => normalizeField(field, nfc));
  const derived = deriveNoteColumns(notetype, fields);
  const guid = col.stmt<[number], { guid: string }>('select guid from notes where id = ?').get(note.id)?.guid ?? randomGuid();
  col
    .stmt("insert or replace into notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, '')")
    .run(note.id, guid, notetype.id, col.nowSecs(), col.usn(), tagsColumn(col.tags.canonify(note.tags)), joinFields(fields), derived.sortField, derived.checksum);
}

/** A pasted new card keeps its position unless it is out of Anki's range; nextPos stays ahead of it. */
function writeCard(col: Collection, card: PastedCard, deckId: number): void {
  let due = card.due;
  if (card.type === 0 && card.queue !== 4) {
    if (!Number.isSafeInteger(due) || due < 0 || due >= 1_000_000) due = takeNextPosition(col);
    else if (col.config.getNumber('nextPos', 0) <= due) col.config.set('nextPos', due + 1);
  }
  col
    .stmt(
      'insert or replace into cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data) ' +
        "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, '{}')",
    )
    .run(card.id, card.nid, deckId, card.ord, col.nowSecs(), col.usn(), card.type, card.queue, due, card.ivl, card.factor, card.reps, card.lapses, card.left);
}

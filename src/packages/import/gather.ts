/**
 * Reads everything a package's collection offers for import (Anki's `gather_data` over the
 * whole collection, with scheduling): all notes and their cards, the note types they use, the
 * decks their cards are in (and the home decks of cards in filtered decks) with every parent,
 * the review log of those cards and the option presets of those decks.
 */
import { clone } from '@bufbuild/protobuf';
import type { Collection } from '../../collection/collection.js';
import { collectionTiming } from '../../collection/search-context.js';
import type { DeckConfig } from '../../deckconfig/store.js';
import { deckConfigId, type Deck } from '../../decks/deck.js';
import { noteFromRow, type NoteRow } from '../../notes/note.js';
import type { Notetype } from '../../notetypes/notetype.js';
import { FieldConfigSchema, NotetypeConfigSchema, TemplateConfigSchema } from '../../storage/proto/gen/anki_storage/notetypes_pb.js';
import type { ExchangeData, ImportCard, ImportNotetype, ImportRevlog } from './exchange.js';
import { prepareFilteredDecks, resetDeckConfigs } from './gather-decks.js';

const DAY_MS = 86_400_000;

/** A stored note type as an import working copy: each field and template keeps its position as `ord`. */
export function toImportNotetype(notetype: Notetype): ImportNotetype {
  return {
    id: notetype.id,
    name: notetype.name,
    mtimeSecs: notetype.mtimeSecs,
    usn: notetype.usn,
    config: clone(NotetypeConfigSchema, notetype.config),
    fields: notetype.fields.map((field, ord) => ({ ord, name: field.name, config: clone(FieldConfigSchema, field.config) })),
    templates: notetype.templates.map((template, ord) => ({
      ord,
      name: template.name,
      mtimeSecs: template.mtimeSecs,
      usn: template.usn,
      config: clone(TemplateConfigSchema, template.config),
    })),
  };
}

export interface GatherOptions {
  withDeckConfigs: boolean;
}

export function gatherData(col: Collection, options: GatherOptions): ExchangeData {
  const daysElapsed = collectionTiming(col).daysElapsed;
  // Rows in id order, the order SQLite gives Anki's `id in (…)` lookups.
  const notes = col
    .stmt<[], NoteRow>('select id, guid, mid, mod, usn, tags, flds from notes order by id')
    .all()
    .map(noteFromRow);
  const cards = col
    .stmt<[], ImportCard>(
      'select id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data ' +
        'from cards where nid in (select id from notes) order by id',
    )
    .all();
  const decks = gatherDecks(col);
  const notetypes = col
    .stmt<[], { id: number }>('select id from notetypes where id in (select distinct mid from notes) order by id')
    .all()
    .map(({ id }) => col.notetypes.get(id))
    .filter((notetype): notetype is Notetype => notetype !== undefined)
    .map(toImportNotetype);
  const revlog = col
    .stmt<[], ImportRevlog>(
      'select id, cid, usn, ease, ivl, lastIvl, factor, time, type from revlog ' +
        'where cid in (select id from cards where nid in (select id from notes)) order by id',
    )
    .all()
    .map(readableRevlog);
  const data: ExchangeData = { notes, cards, decks, notetypes, revlog, deckConfigs: [], daysElapsed };
  const allowFiltered = prepareFilteredDecks(data);
  if (options.withDeckConfigs) data.deckConfigs = gatherDeckConfigs(col, data.decks);
  resetDeckConfigs(data.decks, !options.withDeckConfigs, allowFiltered);
  checkIds(col, data);
  return data;
}

/** The decks of the cards and their home decks, then every missing parent of those. */
function gatherDecks(col: Collection): Deck[] {
  const decks = col
    .stmt<[], { id: number }>(
      'select id from decks where id in (select did from cards where nid in (select id from notes) ' +
        'union select odid from cards where odid != 0 and nid in (select id from notes)) order by id',
    )
    .all()
    .map(({ id }) => col.decks.get(id))
    .filter((deck): deck is Deck => deck !== undefined);
  const seen = new Set(decks.map((deck) => deck.name));
  const parents: Deck[] = [];
  for (const deck of decks) {
    // Anki walks up by name, stopping at a name already seen or not present.
    for (let name = parentName(deck.name); name !== undefined && !seen.has(name); name = parentName(name)) {
      seen.add(name);
      const id = col.stmt<[string], { id: number }>('select id from decks where name = ?').get(name)?.id;
      const parent = id === undefined ? undefined : col.decks.get(id);
      if (parent === undefined) break;
      parents.push(parent);
    }
  }
  return [...decks, ...parents];
}

function parentName(nativeName: string): string | undefined {
  const at = nativeName.lastIndexOf('\x1f');
  return at < 0 ? undefined : nativeName.slice(0, at);
}

/** Each preset the decks use, once, in the order the decks name them. */
function gatherDeckConfigs(col: Collection, decks: readonly Deck[]): DeckConfig[] {
  const ids = [...new Set(decks.map(deckConfigId).filter((id): id is number => id !== undefined))];
  return ids.map((id) => {
    const preset = col.deckConfigs.get(id);
    if (preset === undefined) throw new Error(`the package's collection has no options preset ${id}`);
    return preset;
  });
}

/** Anki reads a time below zero or a kind it does not know as 0. */
function readableRevlog(entry: ImportRevlog): ImportRevlog {
  const time = Number.isInteger(entry.time) && entry.time >= 0 && entry.time <= 0xffff_ffff ? entry.time : 0;
  const type = Number.isInteger(entry.type) && entry.type >= 0 && entry.type <= 5 ? entry.type : 0;
  return time === entry.time && type === entry.type ? entry : { ...entry, time, type };
}

/** Anki refuses ids more than a day ahead; the renumbering before gathering leaves none. */
function checkIds(col: Collection, data: ExchangeData): void {
  const tomorrow = col.nowMs() + DAY_MS;
  const future = (id: number): boolean => id > tomorrow;
  if (data.cards.some((c) => future(c.id)) || data.notes.some((n) => future(n.id)) || data.revlog.some((r) => future(r.id))) {
    throw new Error('invalid id');
  }
}

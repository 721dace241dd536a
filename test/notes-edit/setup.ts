import { create } from '@bufbuild/protobuf';
import type { Collection } from '../../src/collection/collection.js';
import { encodeDeckCommon, encodeDeckKind } from '../../src/decks/deck.js';
import { DeckCommonSchema, DeckKindSchema, FilteredDeck_SearchTerm_Order, FilteredDeckSchema } from '../../src/storage/proto/gen/anki_storage/decks_pb.js';
import type { Notetype } from '../../src/notetypes/notetype.js';
import {
  FieldConfigSchema,
  NotetypeConfig_Kind,
  NotetypeConfigSchema,
  TemplateConfigSchema,
} from '../../src/storage/proto/gen/anki_storage/notetypes_pb.js';
import type { TestDispatcher } from '../support/dispatch.js';

/**
 * Adds a standard note type directly to the collection (the models actions are not needed for
 * these tests): `templates` are [front, back] pairs.
 */
export function addNotetype(col: Collection, name: string, fields: readonly string[], templates: readonly [string, string][], css = '* {}'): Notetype {
  return col.transact(() =>
    col.notetypes.add({
      name,
      mtimeSecs: col.nowSecs(),
      usn: col.usn(),
      config: create(NotetypeConfigSchema, { kind: NotetypeConfig_Kind.NORMAL, css }),
      fields: fields.map((field, ord) => ({ ord, name: field, config: create(FieldConfigSchema, { fontName: 'Arial', fontSize: 20 }) })),
      templates: templates.map(([q, a], ord) => ({
        ord,
        name: `Card ${ord + 1}`,
        mtimeSecs: col.nowSecs(),
        usn: col.usn(),
        config: create(TemplateConfigSchema, { qFormat: q, aFormat: a }),
      })),
    }),
  );
}

/** What upstream's `setup` fixture leaves: ids of the deck, the two notes and their cards. */
export interface UpstreamSetup {
  deckId: number;
  note1: number;
  note2: number;
  note1Cards: number[];
  note2Cards: number[];
  cards: number[];
}

/** Card ids of a note, by ord. */
export function cardsOf(col: Collection, noteId: number): number[] {
  return (col.db.prepare('select id from cards where nid = ? order by ord').all(noteId) as { id: number }[]).map((row) => row.id);
}

/**
 * Anki-Connect's test fixture (tests/conftest.py): note type `test_model` (fields field1 and
 * field2, one template each way, css `* {}`), deck `test_deck`, and two notes tagged `tag1` and
 * `tag2`, so four cards. Built through the dispatcher, as upstream builds it through its actions.
 */
export async function upstreamSetup(t: TestDispatcher): Promise<UpstreamSetup> {
  await t.call('createModel', {
    modelName: 'test_model',
    inOrderFields: ['field1', 'field2'],
    cardTemplates: [
      { Front: '{{field1}}', Back: '{{field2}}' },
      { Front: '{{field2}}', Back: '{{field1}}' },
    ],
    css: '* {}',
  });
  const deckId = (await t.call('createDeck', { deck: 'test_deck' })) as number;
  const add = (n: number, tag: string) =>
    t.call('addNote', {
      note: { deckName: 'test_deck', modelName: 'test_model', fields: { field1: `note${n} field1`, field2: `note${n} field2` }, tags: [tag] },
    }) as Promise<number>;
  const note1 = await add(1, 'tag1');
  const note2 = await add(2, 'tag2');
  const note1Cards = cardsOf(t.col, note1);
  const note2Cards = cardsOf(t.col, note2);
  return { deckId, note1, note2, note1Cards, note2Cards, cards: [...note1Cards, ...note2Cards] };
}

/** A note's row as stored. */
export interface NoteRow {
  id: number;
  mid: number;
  mod: number;
  usn: number;
  tags: string;
  flds: string;
  sfld: string | number;
  csum: number;
}

/** A note's row as stored, or undefined. */
export function noteRow(col: Collection, id: number): NoteRow | undefined {
  return col.db.prepare('select id, mid, mod, usn, tags, flds, sfld, csum from notes where id = ?').get(id) as NoteRow | undefined;
}

/** The graves of one kind (0 card, 1 note, 2 deck), as sorted ids. */
export function graves(col: Collection, kind: number): number[] {
  return (col.db.prepare('select oid from graves where type = ? order by oid').all(kind) as { oid: number }[]).map((row) => row.oid);
}

/**
 * Creates a filtered deck directly (no action builds one) and moves the given cards into it the
 * way Anki does: the home deck into odid, the home due into odue, the new due a position.
 */
export function addFilteredDeck(col: Collection, name: string, cardIds: readonly number[]): number {
  return col.transact(() => {
    const id = col.nowMs() + 7;
    const common = create(DeckCommonSchema, { studyCollapsed: true, browserCollapsed: true });
    const kind = create(DeckKindSchema, {
      kind: { case: 'filtered', value: create(FilteredDeckSchema, { reschedule: true, searchTerms: [{ search: 'deck:x', limit: 100, order: FilteredDeck_SearchTerm_Order.OLDEST_REVIEWED_FIRST }] }) },
    });
    col.db
      .prepare('insert into decks (id, name, mtime_secs, usn, common, kind) values (?, ?, ?, ?, ?, ?)')
      .run(id, name, col.nowSecs(), -1, encodeDeckCommon(common), encodeDeckKind(kind));
    const move = col.db.prepare('update cards set odid = did, odue = due, did = ?, due = ? where id = ?');
    cardIds.forEach((cardId, i) => move.run(id, -100_000 + i, cardId));
    return id;
  });
}

/**
 * The collection the search tests run on, built in the test: every note type family (Basic, the
 * reversed variants, Cloze, a custom three-field type), nested decks, a filtered deck holding
 * a card away from its home deck, a real deck called "filtered", a second options preset, tags
 * with hierarchy, underscores and non-ASCII letters, cards in every queue with flags, FSRS memory
 * state and custom data, a review history, and notes added over forty days.
 *
 * "Now" is TEST_NOW_MS (2026-11-27 10:00 UTC, clock at UTC): the collection was created 40 days
 * earlier, so today is day 40 and the next rollover is 2026-11-28 04:00 UTC.
 */
import { create } from '@bufbuild/protobuf';
import { addNoteInner } from '../../src/notes/add.js';
import { FixedClock } from '../../src/collection/clock.js';
import type { Collection } from '../../src/collection/collection.js';
import { encodeDeckConfig } from '../../src/deckconfig/store.js';
import { defaultDeckConfig } from '../../src/deckconfig/defaults.js';
import { encodeDeckCommon, encodeDeckKind } from '../../src/decks/deck.js';
import { nativeDeckName } from '../../src/decks/names.js';
import type { Notetype } from '../../src/notetypes/notetype.js';
import { DeckCommonSchema, DeckKindSchema, FilteredDeckSchema, NormalDeckSchema } from '../../src/storage/proto/gen/anki_storage/decks_pb.js';
import { FieldConfigSchema, TemplateConfigSchema } from '../../src/storage/proto/gen/anki_storage/notetypes_pb.js';
import { assertIntegrity, newTestCollection, TEST_NOW_MS } from '../support/collections.js';

export const DAY_MS = 86_400_000;
export const NOW_SECS = TEST_NOW_MS / 1000;
/** Today's day number and the next rollover (epoch seconds). */
export const TODAY = 40;
export const NEXT_DAY_AT = Date.UTC(2026, 10, 28, 4, 0, 0) / 1000;

interface NoteSpec {
  label: string;
  notetype: string;
  deck: string;
  fields: string[];
  tags: string[];
  /** Added this many days before now (0: today at 05:00, after the 04:00 rollover). */
  daysAgo: number;
}

/** The notes, in the order they are added (which also gives their new-card positions 1…23). */
export const NOTES: NoteSpec[] = [
  { label: 'cat', notetype: 'Basic', deck: 'Mining', fields: ['猫', 'cat <b>animal</b>'], tags: ['animal', 'jp::n5'], daysAgo: 30 },
  { label: 'dog', notetype: 'Basic (and reversed card)', deck: 'Mining::Sub', fields: ['Dog', 'inu'], tags: ['animal', 'jp::n4'], daysAgo: 10 },
  { label: 'bird', notetype: 'Basic', deck: 'Mining::Sub::Deep', fields: ['bird', 'tori'], tags: [], daysAgo: 3 },
  { label: 'cafe', notetype: 'Basic', deck: 'Café', fields: ['café', 'coffee'], tags: ['français'], daysAgo: 2 },
  { label: 'naive', notetype: 'Basic', deck: 'Default', fields: ['naïve', 'Straße'], tags: ['Ωmega'], daysAgo: 1 },
  {
    label: 'cloze1',
    notetype: 'Cloze',
    deck: 'Japanese Vocab',
    fields: ['The {{c1::capital}} of {{c2::France::country}} is Paris', 'geo extra'],
    tags: ['geo'],
    daysAgo: 0,
  },
  { label: 'cloze2', notetype: 'Cloze', deck: 'Mining', fields: ['{{c1::Berlin}} is in Germany', ''], tags: ['geo::europe'], daysAgo: 0 },
  {
    label: 'html',
    notetype: 'Basic',
    deck: 'Default',
    fields: ['<b>bold</b>word', 'a&amp;b &lt;tag&gt; <img src="pic.jpg">'],
    tags: ['marked'],
    daysAgo: 0,
  },
  { label: 'number', notetype: 'Basic', deck: 'Default', fields: ['12345', '3:30 pm'], tags: ['numbers'], daysAgo: 0 },
  { label: 'snake', notetype: 'Basic', deck: 'Default', fields: ['snake_case', '100% sure'], tags: ['tag_with_underscore'], daysAgo: 0 },
  { label: 'snakex', notetype: 'Basic', deck: 'Default', fields: ['snakeXcase', '1000 sure'], tags: ['tagXwithXunderscore'], daysAgo: 0 },
  { label: 'quote', notetype: 'Basic', deck: 'Default', fields: ['say "hi"', 'back\\slash'], tags: [], daysAgo: 0 },
  { label: 'paren', notetype: 'Basic', deck: 'Default', fields: ['(paren)', 'colon:here'], tags: [], daysAgo: 0 },
  { label: 'minus', notetype: 'Basic', deck: 'Default', fields: ['-minus', 'and'], tags: [], daysAgo: 0 },
  {
    label: 'optional',
    notetype: 'Basic (optional reversed card)',
    deck: 'Star*Deck',
    fields: ['opt', 'ional', 'y'],
    tags: ['parent::child::grandchild'],
    daysAgo: 0,
  },
  { label: 'vocab', notetype: 'Vocab', deck: 'Mining', fields: ['食べる', 'たべる', 'to eat'], tags: ['verb'], daysAgo: 0 },
  { label: 'upper', notetype: 'Basic', deck: 'filtered', fields: ['UPPER lower', 'ÀÉÎ àéî'], tags: ['Parentless'], daysAgo: 0 },
  { label: 'russian', notetype: 'Basic', deck: 'Default', fields: ['Привет', 'мир'], tags: [], daysAgo: 0 },
  { label: 'empty', notetype: 'Basic (optional reversed card)', deck: 'Default', fields: ['solo', '', ''], tags: [], daysAgo: 0 },
  { label: 'dup1', notetype: 'Basic', deck: 'Default', fields: ['duplicate', 'one'], tags: [], daysAgo: 0 },
  { label: 'dup2', notetype: 'Basic', deck: 'Default', fields: ['<i>duplicate</i>', 'two'], tags: [], daysAgo: 0 },
  { label: 'dup3', notetype: 'Basic (and reversed card)', deck: 'Default', fields: ['duplicate', 'three'], tags: [], daysAgo: 0 },
  { label: 'paris', notetype: 'Basic', deck: 'Default', fields: ['Paris', 'France capital'], tags: ['ſtar'], daysAgo: 0 },
];

/** Card states set after adding; every card not listed stays new in its deck. */
interface CardState {
  type: number;
  queue: number;
  due: number;
  ivl?: number;
  factor?: number;
  reps?: number;
  lapses?: number;
  flags?: number;
  data?: Record<string, unknown>;
  /** Moved into the filtered deck, with this original due. */
  filteredOdue?: number;
}

export const CARD_STATES: Record<string, CardState> = {
  'cat/1': { type: 2, queue: 2, due: TODAY, ivl: 15, factor: 2500, reps: 5, lapses: 1, flags: 1, data: { s: 12.5, d: 5.5, lrt: NOW_SECS - 10 * 86_400 } },
  'dog/1': { type: 1, queue: 1, due: NOW_SECS + 600, reps: 1, flags: 2 },
  'dog/2': { type: 2, queue: 2, due: TODAY + 1, ivl: 3, factor: 2300, reps: 2, flags: 3 },
  'bird/1': { type: 2, queue: -1, due: TODAY - 5, ivl: 30, factor: 2700, reps: 8, lapses: 2, flags: 7, data: { cd: '{"foo":5,"bar":"x","nul":null}' } },
  'cafe/1': { type: 0, queue: -2, due: 4 },
  'naive/1': { type: 2, queue: -3, due: TODAY + 10, ivl: 40, factor: 2500, reps: 3 },
  'cloze1/1': { type: 3, queue: 1, due: NOW_SECS - 60, ivl: 2, factor: 2100, reps: 9, lapses: 3 },
  'cloze1/2': { type: 1, queue: 3, due: TODAY, reps: 2 },
  'cloze2/1': { type: 2, queue: 2, due: -100_000, ivl: 10, factor: 2500, reps: 4, filteredOdue: TODAY - 2 },
  'html/1': {
    type: 2,
    queue: 2,
    due: TODAY - 3,
    ivl: 100,
    factor: 1300,
    reps: 30,
    lapses: 8,
    flags: 4,
    data: { s: 150.3, d: 9.1, decay: 0.1542, lrt: NOW_SECS - 103 * 86_400 },
  },
  'number/1': { type: 1, queue: 1, due: NOW_SECS + 3000, reps: 1 },
  'snake/1': { type: 0, queue: 0, due: 10, flags: 5 },
  'snakex/1': { type: 0, queue: 0, due: 11, flags: 6 },
  'vocab/1': { type: 2, queue: 2, due: TODAY + 2, ivl: 11, factor: 2500, reps: 4, data: { s: 0.5, d: 1.0 } },
};

/** Review log: [card, days ago (at 10:00 UTC, or `hoursAgo` today), ease, revlog type]. */
const REVIEWS: { card: string; daysAgo: number; hoursAgo?: number; ease: number; type: number }[] = [
  { card: 'cat/1', daysAgo: 20, ease: 3, type: 0 },
  { card: 'cat/1', daysAgo: 5, ease: 4, type: 1 },
  { card: 'cat/1', daysAgo: 1, ease: 1, type: 1 },
  { card: 'cat/1', daysAgo: 0, hoursAgo: 2, ease: 3, type: 1 },
  { card: 'dog/1', daysAgo: 0, hoursAgo: 1, ease: 2, type: 0 },
  { card: 'bird/1', daysAgo: 10, ease: 3, type: 0 },
  // A "set due date" (manual) entry: ease 0.
  { card: 'bird/1', daysAgo: 2, ease: 0, type: 4 },
  { card: 'html/1', daysAgo: 3, ease: 1, type: 1 },
];

/** The built collection and the ids of its notes, cards and decks by label. */
export interface SearchFixture {
  col: Collection;
  clock: FixedClock;
  note: (label: string) => number;
  card: (label: string) => number;
  deck: (name: string) => number;
  notetype: (name: string) => number;
  /** Every note label / card label. */
  allNotes: string[];
  allCards: string[];
  /** Card labels of a note, e.g. ['dog/1', 'dog/2']. */
  cardsOf: (label: string) => string[];
  close: () => void;
}

/** Adds a note type with the given fields and front templates, derived from Basic (inside a transaction). */
export function addCustomNotetype(col: Collection, name: string, fields: { name: string; exclude?: boolean }[], templates: { name: string; q: string }[], sortFieldIdx = 0): void {
  const basic = col.notetypes.byName('Basic');
  if (basic === undefined) throw new Error('Basic is missing');
  const notetype: Omit<Notetype, 'id'> = {
    name,
    mtimeSecs: col.nowSecs(),
    usn: -1,
    config: { ...basic.config, sortFieldIdx, reqs: [] },
    fields: fields.map((field, ord) => ({
      ord,
      name: field.name,
      config: create(FieldConfigSchema, { fontName: 'Arial', fontSize: 20, id: BigInt(1000 + ord), excludeFromSearch: field.exclude ?? false }),
    })),
    templates: templates.map((template, ord) => ({
      ord,
      name: template.name,
      mtimeSecs: col.nowSecs(),
      usn: -1,
      config: create(TemplateConfigSchema, { qFormat: template.q, aFormat: '{{FrontSide}}', id: BigInt(2000 + ord) }),
    })),
  };
  col.notetypes.add(notetype);
}

function insertDeck(col: Collection, id: number, name: string, kind: 'filtered' | { preset: number }): void {
  const deckKind =
    kind === 'filtered'
      ? create(DeckKindSchema, { kind: { case: 'filtered', value: create(FilteredDeckSchema, { reschedule: true }) } })
      : create(DeckKindSchema, { kind: { case: 'normal', value: create(NormalDeckSchema, { configId: BigInt(kind.preset) }) } });
  col
    .stmt('insert into decks (id, name, mtime_secs, usn, common, kind) values (?, ?, ?, -1, ?, ?)')
    .run(id, nativeDeckName(name), col.nowSecs(), encodeDeckCommon(create(DeckCommonSchema, {})), encodeDeckKind(deckKind));
}

/** Builds the collection; the clock is left at TEST_NOW_MS. */
export function buildSearchFixture(): SearchFixture {
  const clock = new FixedClock(TEST_NOW_MS - 40 * DAY_MS);
  const handle = newTestCollection(clock);
  const { col } = handle;
  const noteIds = new Map<string, number>();
  const cardIds = new Map<string, number>();
  const cardLabels = new Map<string, string[]>();
  const deckIds = new Map<string, number>([['Default', 1]]);

  col.transact(() => {
    addCustomNotetype(col, 'Vocab', [{ name: 'Word' }, { name: 'Reading' }, { name: 'Meaning' }], [
      { name: 'Recognition', q: '{{Word}}' },
      { name: 'Recall', q: '{{Meaning}}' },
    ]);
    col
      .stmt("insert into deck_config (id, name, mtime_secs, usn, config) values (2, 'Fast', 0, -1, ?)")
      .run(encodeDeckConfig(defaultDeckConfig()));
    for (const name of ['Mining', 'Mining::Sub::Deep', 'Café', 'Japanese Vocab', 'Star*Deck', 'filtered']) {
      deckIds.set(name, col.decks.getOrCreate(name));
    }
    deckIds.set('Mining::Sub', col.decks.idByName('Mining::Sub') ?? 0);
    insertDeck(col, 1_700_000_000_000, 'Filtered Deck', 'filtered');
    deckIds.set('Filtered Deck', 1_700_000_000_000);
    // Mining::Sub uses the "Fast" preset.
    const sub = col.decks.get(deckIds.get('Mining::Sub') ?? 0);
    if (sub === undefined) throw new Error('Mining::Sub is missing');
    col
      .stmt('update decks set kind = ? where id = ?')
      .run(encodeDeckKind(create(DeckKindSchema, { kind: { case: 'normal', value: create(NormalDeckSchema, { configId: 2n }) } })), sub.id);
    col.resetCaches();
  });

  for (const spec of NOTES) {
    const at = spec.daysAgo === 0 ? TEST_NOW_MS - 5 * 3_600_000 : TEST_NOW_MS - spec.daysAgo * DAY_MS;
    clock.advance(at - clock.nowMs());
    const notetype = col.notetypes.byName(spec.notetype);
    if (notetype === undefined) throw new Error(`note type ${spec.notetype} is missing`);
    const added = col.transact(() =>
      addNoteInner(col, { notetype, deckId: deckIds.get(spec.deck) ?? 0, fields: spec.fields, tags: spec.tags }),
    );
    noteIds.set(spec.label, added.noteId);
    const ords = col.db.prepare('select id, ord from cards where nid = ? order by ord').all(added.noteId) as { id: number; ord: number }[];
    const labels = ords.map(({ id, ord }) => {
      const label = `${spec.label}/${ord + 1}`;
      cardIds.set(label, id);
      return label;
    });
    cardLabels.set(spec.label, labels);
  }
  clock.advance(TEST_NOW_MS - clock.nowMs());

  col.transact(() => {
    const update = col.stmt(
      'update cards set type = ?, queue = ?, due = ?, ivl = ?, factor = ?, reps = ?, lapses = ?, flags = ?, data = ? where id = ?',
    );
    for (const [label, state] of Object.entries(CARD_STATES)) {
      const id = cardIds.get(label);
      if (id === undefined) throw new Error(`no card ${label}`);
      update.run(
        state.type,
        state.queue,
        state.due,
        state.ivl ?? 0,
        state.factor ?? 0,
        state.reps ?? 0,
        state.lapses ?? 0,
        state.flags ?? 0,
        JSON.stringify(state.data ?? {}),
        id,
      );
      if (state.filteredOdue !== undefined) {
        col.stmt('update cards set odid = did, did = ?, odue = ? where id = ?').run(deckIds.get('Filtered Deck'), state.filteredOdue, id);
      }
    }
    const insertReview = col.stmt(
      'insert into revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) values (?, ?, -1, ?, 1, 0, 2500, 5000, ?)',
    );
    for (const review of REVIEWS) {
      const at = TEST_NOW_MS - review.daysAgo * DAY_MS - (review.hoursAgo ?? 0) * 3_600_000;
      insertReview.run(at, cardIds.get(review.card), review.ease, review.type);
    }
    // The cat note was last edited two days ago.
    col.stmt('update notes set mod = ? where id = ?').run(NOW_SECS - 2 * 86_400, noteIds.get('cat'));
  });
  assertIntegrity(col);

  const get = (map: Map<string, number>, key: string, what: string): number => {
    const value = map.get(key);
    if (value === undefined) throw new Error(`unknown ${what} ${key}`);
    return value;
  };
  return {
    col,
    clock,
    note: (label) => get(noteIds, label, 'note'),
    card: (label) => get(cardIds, label, 'card'),
    deck: (name) => get(deckIds, name, 'deck'),
    notetype: (name) => {
      const id = col.notetypes.idByName(name);
      if (id === undefined) throw new Error(`unknown note type ${name}`);
      return id;
    },
    allNotes: NOTES.map((spec) => spec.label),
    allCards: NOTES.flatMap((spec) => cardLabels.get(spec.label) ?? []),
    cardsOf: (label) => cardLabels.get(label) ?? [],
    close: handle.close,
  };
}

/**
 * A second, small collection where some fields are excluded from unqualified search
 * (anki-semantics.md §1.9): "Excl" hides its 2nd and 4th fields, "ExclSort" hides its sort field.
 */
export function buildExclusionFixture(): { col: Collection; note(label: string): number; close(): void } {
  const clock = new FixedClock(TEST_NOW_MS);
  const handle = newTestCollection(clock);
  const { col } = handle;
  const ids = new Map<string, number>();
  col.transact(() => {
    addCustomNotetype(
      col,
      'Excl',
      [{ name: 'Word' }, { name: 'Secret', exclude: true }, { name: 'Meaning' }, { name: 'Hidden', exclude: true }],
      [{ name: 'Card 1', q: '{{Word}}' }],
    );
    addCustomNotetype(col, 'ExclSort', [{ name: 'Key', exclude: true }, { name: 'Value' }], [{ name: 'Card 1', q: '{{Value}}' }]);
    const add = (label: string, notetype: string, fields: string[]): void => {
      const type = col.notetypes.byName(notetype);
      if (type === undefined) throw new Error(notetype);
      ids.set(label, addNoteInner(col, { notetype: type, deckId: 1, fields, tags: [] }).noteId);
    };
    add('e1', 'Excl', ['apple', 'banana', 'cherry', 'date']);
    add('e2', 'ExclSort', ['kiwi', 'lemon']);
    add('e3', 'Basic', ['mango', 'nectarine']);
  });
  assertIntegrity(col);
  return {
    col,
    note: (label) => {
      const id = ids.get(label);
      if (id === undefined) throw new Error(label);
      return id;
    },
    close: handle.close,
  };
}

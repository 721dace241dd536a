/**
 * The requests of j (bench/measure-load.ts), built from the collection before the server opens it
 * (it holds the file exclusively) and sent by the load generator: the small mix the 50 clients
 * draw from, and the heavy requests that loop beside them.
 */
import { backField } from './content.js';
import { UNIQUE_TOKEN, type LoopBody, type MixEntry } from './loadgen-protocol.js';
import { basicNotesBatch, requestBody } from './requests.js';
import { Rng } from './rng.js';
import { openDatabase } from '../src/storage/database.js';

/** The share of each small request, in percent: 70 reads, 30 writes. */
const WEIGHTS = {
  version: 10,
  deckNames: 10,
  findNotes: 10,
  notesInfo: 20,
  cardsInfo: 20,
  addNote: 10,
  updateNoteFields: 10,
  addTags: 10,
} as const;

/** Bodies per kind to draw from: enough that the server's caches do not see the same request every time. */
const POOL = 500;

/**
 * Two patterns that are catastrophic for a backtracking regex engine (nested quantifiers that
 * can split a line of words in exponentially many ways) and for a DFA built eagerly (2^20
 * states), searched over every note's fields. The first is quoted, or its parentheses would be
 * read as a group of the search syntax.
 */
export const CATASTROPHIC_QUERIES = ['"re:^(\\w+\\s?)+$"', 're:a[ab]{20}c'];

export interface LoadMix {
  small: MixEntry[];
  /** Streams of heavy requests, each looping on a connection of its own. */
  heavy: LoopBody[][];
  /** Notes in the collection. */
  notes: number;
  /** Sentences for the notes. */
  describe: { small: string; heavy: string };
}

/** `count` random entries of `values`, which are distinct (ids, unique first fields), none twice. */
function sample<T>(rng: Rng, values: readonly T[], count: number): T[] {
  const picked = new Set<T>();
  const want = Math.min(count, values.length);
  while (picked.size < want) picked.add(rng.pick(values));
  return [...picked];
}

/** Builds the mix from the collection at `path` (seeded: the same file gives the same bodies). */
export function buildLoadMix(path: string, options: { deckName: string; seed: number; multiItems: number }): LoadMix {
  const rng = new Rng(options.seed ^ 0x10ad);
  const db = openDatabase(path);
  let noteIds: number[];
  let cardIds: number[];
  let frontBackIds: number[];
  let decks: string[];
  try {
    noteIds = db.prepare('select id from notes order by id').pluck().all() as number[];
    cardIds = db.prepare('select id from cards order by id').pluck().all() as number[];
    // Notes whose type has Front and Back: their Back is what updateNoteFields changes.
    frontBackIds = db
      .prepare("select n.id from notes n join notetypes t on t.id = n.mid where t.name in ('Basic', 'Basic (and reversed card)') order by n.id")
      .pluck()
      .all() as number[];
    // Deck names as a client sends them (the `::` form of the `\x1f` separator).
    decks = (db.prepare('select name from decks order by id').pluck().all() as string[]).map((name) => name.split('\x1f').join('::'));
  } finally {
    db.close();
  }
  if (frontBackIds.length === 0 || decks.length === 0) throw new Error('the collection lacks Basic notes or decks');

  const bodies = (make: () => string): string[] => Array.from({ length: POOL }, make);
  const notes = (count: number): number[] => sample(rng, noteIds, count);
  const addNote = (): string => {
    const note = basicNotesBatch(rng, options.deckName, 0, 1)[0];
    if (note === undefined) throw new Error('no note');
    // A first field no other request of the run has: no addNote is refused as a duplicate.
    return requestBody('addNote', { note: { ...note, fields: { ...note.fields, Front: `loadtest ${UNIQUE_TOKEN}` } } });
  };
  const entries: Record<keyof typeof WEIGHTS, string[]> = {
    version: [requestBody('version')],
    deckNames: [requestBody('deckNames')],
    // A search that is small on any collection (the notes of a deck added this week, through the
    // id index): a plain word is a scan of every note, 25 ms of CPU on 100,000 (measured in f.),
    // and 50 clients sending those would fill this machine's cores on their own.
    findNotes: bodies(() => requestBody('findNotes', { query: `"deck:${rng.pick(decks)}" added:7` })),
    notesInfo: bodies(() => requestBody('notesInfo', { notes: notes(10) })),
    cardsInfo: bodies(() => requestBody('cardsInfo', { cards: sample(rng, cardIds, 5) })),
    addNote: bodies(addNote),
    updateNoteFields: bodies(() => requestBody('updateNoteFields', { note: { id: rng.pick(frontBackIds), fields: { Back: backField(rng) } } })),
    addTags: bodies(() => requestBody('addTags', { notes: notes(1 + rng.int(3)), tags: `loadtest ${rng.pick(['one', 'two', 'three'])}` })),
  };
  const small = (Object.keys(WEIGHTS) as (keyof typeof WEIGHTS)[]).map((label) => ({ label, weight: WEIGHTS[label], bodies: entries[label] }));

  // The multi's items are each cheap; it is their number (and the reply's size) that makes it
  // heavy. findNotes of a plain word would not do: each one scans every note (tens of ms), so
  // 50,000 of them would run for half an hour; an id search is the findNotes clients batch.
  const items = Array.from({ length: options.multiItems }, (_, i) =>
    i % 2 === 0 ? { action: 'deckNames', version: 6 } : { action: 'findNotes', version: 6, params: { query: `nid:${rng.pick(noteIds)}` } },
  );
  const multi = requestBody('multi', { actions: items });
  const heavy: LoopBody[][] = [
    [{ label: 'multi', body: multi, items: options.multiItems }],
    CATASTROPHIC_QUERIES.map((query) => ({ label: `findNotes ${query}`, body: requestBody('findNotes', { query }) })),
  ];

  const share = small.map((entry) => `${entry.label} ${entry.weight}%`).join(', ');
  return {
    small,
    heavy,
    notes: noteIds.length,
    describe: {
      small:
        `${share}, each drawn from ${POOL} seeded bodies (findNotes: "deck:<random deck>" added:7, through the id index; a plain word, a scan of every note, is not small: see f.; ` +
        `notesInfo: 10 random notes; cardsInfo: 5 random cards; addNote: a Basic note with Yomitan's options and a first field unique in the run; ` +
        `updateNoteFields: the Back of a random Basic note; addTags: 1–3 random notes)`,
      heavy:
        `a multi of ${options.multiItems.toLocaleString('en-US')} items (deckNames and findNotes "nid:<random note>" alternating; ` +
        `${(Buffer.byteLength(multi) / 1e6).toFixed(1)} MB) sent again as soon as it is answered, on one connection; on another, ` +
        `findNotes ${CATASTROPHIC_QUERIES.join(' and ')} in turn`,
    },
  };
}

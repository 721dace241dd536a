/**
 * Gathering what an .apkg of one deck holds and writing it into the package's own collection, as
 * Anki's `export_apkg` does (rslib `gather.rs`, `insert.rs`):
 *
 * - the notes with a card in the deck or one of its subdecks, and all cards of those notes;
 * - the decks those cards are in (with scheduling also their home decks when in a filtered deck),
 *   with every parent; without scheduling never the default deck, so that importing changes
 *   nobody's defaults;
 * - the note types of the notes, the review log of the cards (with scheduling), and the presets
 *   of the decks (when asked);
 * - then the changes of reset.ts, and the notes written as Anki writes them (tags in canonical
 *   form, flags and data cleared).
 *
 * The source is only read; rows stream from one connection to the other.
 */
import { clone } from '@bufbuild/protobuf';
import type { Collection } from '../../collection/collection.js';
import { encodeDeckConfig, type DeckConfig } from '../../deckconfig/store.js';
import { deckConfigId, deckFromRow, encodeDeckCommon, encodeDeckKind, isFilteredDeck, type Deck, type DeckRow } from '../../decks/deck.js';
import { ancestorNativeNames } from '../../decks/names.js';
import { AnkiConnectError } from '../../errors.js';
import { FIELD_SEPARATOR, type NoteRow } from '../../notes/note.js';
import { DeckConfigConfigSchema } from '../../storage/proto/gen/anki_storage/deck_config_pb.js';
import { joinTagsForStorage, splitStoredTags } from '../../text/index.js';
import { MediaNameCollector } from './media-names.js';
import { normalizedCardData, resetCard, resetDeck, restoreFromFilteredDeck, withoutSystemTags } from './reset.js';
import type { CardRecord } from '../../cards/card-record.js';

export interface GatherOptions {
  readonly deckId: number;
  readonly withScheduling: boolean;
  readonly withDeckConfigs: boolean;
  readonly withMedia: boolean;
  /** Called as notes are written, with the count done and the total. */
  readonly onNotes?: (done: number, total: number) => void;
}

export interface Gathered {
  readonly noteCount: number;
  /** Media names the notes and note types refer to (only when media are wanted). */
  readonly mediaNames: ReadonlySet<string>;
}

/** A note row with its derived columns, copied as they are. */
interface ExportedNoteRow extends NoteRow {
  sfld: string;
  csum: number | null;
}

const json = (ids: readonly number[]): string => JSON.stringify(ids);
const IN_IDS = 'in (select value from json_each(?))';

function decksByIds(src: Collection, ids: readonly number[]): Deck[] {
  return (src.db.prepare(`select id, name, mtime_secs, usn, common, kind from decks where id ${IN_IDS} order by id`).all(json(ids)) as DeckRow[]).map(
    deckFromRow,
  );
}

/** The gathered decks and, after them, every parent not already among them (Anki's `gather_decks`). */
function gatherDecks(src: Collection, cards: readonly CardRecord[], withOriginal: boolean, skipDefault: boolean): Deck[] {
  const ids = new Set<number>();
  for (const card of cards) {
    ids.add(card.did);
    if (withOriginal && card.odid !== 0) ids.add(card.odid);
  }
  const decks = decksByIds(src, [...ids]);
  const names = new Set(decks.map((deck) => deck.name));
  const byName = src.db.prepare('select id, name, mtime_secs, usn, common, kind from decks where name = ?');
  const parents: Deck[] = [];
  for (const deck of decks) {
    // Innermost parent first, stopping at the first name already seen or missing, as Anki walks up.
    for (const parentName of ancestorNativeNames(deck.name).reverse()) {
      if (names.has(parentName)) break;
      names.add(parentName);
      const row = byName.get(parentName) as DeckRow | undefined;
      if (row === undefined) break;
      parents.push(deckFromRow(row));
    }
  }
  return [...decks, ...parents].filter((deck) => !(skipDefault && deck.id === 1));
}

/**
 * Whether the importer can rebuild the filtered decks (Anki's `enables_filtered_decks`): every
 * card is in an exported normal deck, or its home deck is exported (or is the default deck).
 */
function allowsFilteredDecks(cards: readonly CardRecord[], decks: readonly Deck[]): boolean {
  const byId = new Map(decks.map((deck) => [deck.id, deck]));
  return cards.every((card) => {
    const deck = byId.get(card.did);
    const normalHere = card.odid === 0 && deck !== undefined && !isFilteredDeck(deck);
    return normalHere || card.odid === 1 || byId.has(card.odid);
  });
}

/** Copies the listed note types' rows as they are stored. */
function copyNotetypes(src: Collection, target: Collection, ids: readonly number[]): void {
  const idsJson = json(ids);
  const tables = [
    { table: 'notetypes', columns: 'id, name, mtime_secs, usn, config', key: 'id' },
    { table: 'fields', columns: 'ntid, ord, name, config', key: 'ntid' },
    { table: 'templates', columns: 'ntid, ord, name, mtime_secs, usn, config', key: 'ntid' },
  ];
  for (const { table, columns, key } of tables) {
    const count = columns.split(',').length;
    const insert = target.db.prepare(`insert or replace into ${table} (${columns}) values (${Array(count).fill('?').join(', ')})`);
    target.db.prepare(`delete from ${table} where ${key} ${IN_IDS}`).run(idsJson);
    for (const row of src.db.prepare(`select ${columns} from ${table} where ${key} ${IN_IDS}`).raw().iterate(idsJson)) {
      insert.run(...(row as unknown[]));
    }
  }
}

/** Anki refuses to export ids in the future (more than a day ahead): the importer would refuse them. */
function checkIds(nowMs: number, noteIds: readonly number[], cards: readonly CardRecord[]): void {
  const limit = nowMs + 86_400_000;
  if (noteIds.some((id) => id > limit) || cards.some((card) => card.id > limit)) {
    throw new AnkiConnectError('the deck has notes or cards whose ids lie in the future; Check Database in Anki repairs them');
  }
}

/** Gathers from `src` and writes into `target` (a new collection whose note types were removed). */
export function gatherInto(src: Collection, target: Collection, options: GatherOptions): Gathered {
  const { withScheduling, withDeckConfigs } = options;
  const deckIds = src.decks.withChildren(options.deckId);
  const noteIds = (src.db.prepare(`select distinct nid from cards where did ${IN_IDS} order by nid`).all(json(deckIds)) as { nid: number }[]).map(
    (row) => row.nid,
  );
  const cards = src.db
    .prepare(
      `select id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data from cards where nid ${IN_IDS} order by id`,
    )
    .all(json(noteIds)) as CardRecord[];
  checkIds(src.nowMs(), noteIds, cards);
  const decks = gatherDecks(src, cards, withScheduling, !withScheduling);
  const allowFiltered = allowsFilteredDecks(cards, decks);
  if (withScheduling) {
    if (!allowFiltered) cards.forEach(restoreFromFilteredDeck);
    cards.forEach(normalizedCardData);
  } else {
    let position = src.config.getNumber('nextPos', 0);
    for (const card of cards) if (resetCard(card, position)) position++;
  }
  const presets: DeckConfig[] = [];
  if (withDeckConfigs) {
    const seen = new Set<number>();
    for (const deck of decks) {
      const id = deckConfigId(deck);
      if (id === undefined || seen.has(id)) continue;
      seen.add(id);
      const preset = src.deckConfigs.get(id);
      if (preset === undefined) continue;
      if (withScheduling) {
        presets.push(preset);
      } else {
        // FSRS parameters are fitted to the sender's reviews, which are not exported.
        const config = clone(DeckConfigConfigSchema, preset.config);
        config.fsrsParams4 = [];
        config.fsrsParams5 = [];
        config.fsrsParams6 = [];
        presets.push({ ...preset, config });
      }
    }
  }
  const exportedDecks = decks.map((deck) => resetDeck(deck, !withDeckConfigs, !withScheduling, allowFiltered));

  const media = new MediaNameCollector();
  const notetypeIds = new Set<number>();
  target.transact(() => {
    const insertDeck = target.db.prepare('insert or replace into decks (id, name, mtime_secs, usn, common, kind) values (?, ?, ?, ?, ?, ?)');
    for (const deck of exportedDecks) {
      insertDeck.run(deck.id, deck.name, deck.mtimeSecs, deck.usn, encodeDeckCommon(deck.common), encodeDeckKind(deck.kind));
    }

    const insertNote = target.db.prepare(
      "insert or replace into notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, '')",
    );
    const svgByNotetype = new Map<number, boolean>();
    let done = 0;
    const notes = src.db
      .prepare(`select id, guid, mid, mod, usn, tags, flds, cast(sfld as text) as sfld, csum from notes where id ${IN_IDS} order by id`)
      .iterate(json(noteIds)) as IterableIterator<ExportedNoteRow>;
    for (const note of notes) {
      const tags = withScheduling ? splitStoredTags(note.tags) : withoutSystemTags(note.tags);
      insertNote.run(note.id, note.guid, note.mid, note.mod, note.usn, joinTagsForStorage(tags), note.flds, note.sfld, note.csum ?? 0);
      notetypeIds.add(note.mid);
      if (options.withMedia) {
        let svg = svgByNotetype.get(note.mid);
        if (svg === undefined) {
          svg = src.notetypes.get(note.mid)?.config.latexSvg ?? false;
          svgByNotetype.set(note.mid, svg);
        }
        media.addNote(note.flds.split(FIELD_SEPARATOR), svg);
      }
      done++;
      if (done % 1000 === 0) options.onNotes?.(done, noteIds.length);
    }
    options.onNotes?.(done, noteIds.length);

    const insertCard = target.db.prepare(
      'insert or replace into cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data) ' +
        'values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const c of cards) {
      insertCard.run(c.id, c.nid, c.did, c.ord, c.mod, c.usn, c.type, c.queue, c.due, c.ivl, c.factor, c.reps, c.lapses, c.left, c.odue, c.odid, c.flags, c.data);
    }

    copyNotetypes(src, target, [...notetypeIds]);
    if (options.withMedia) {
      for (const id of notetypeIds) {
        const notetype = src.notetypes.get(id);
        if (notetype !== undefined) media.addNotetype(notetype);
      }
    }

    if (withScheduling) {
      const insertRevlog = target.db.prepare(
        'insert or ignore into revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      const rows = src.db
        .prepare(`select id, cid, usn, ease, ivl, lastIvl, factor, time, type from revlog where cid ${IN_IDS} order by id`)
        .raw()
        .iterate(json(cards.map((card) => card.id)));
      for (const row of rows) insertRevlog.run(...(row as unknown[]));
    }

    const insertPreset = target.db.prepare('insert or replace into deck_config (id, name, mtime_secs, usn, config) values (?, ?, ?, ?, ?)');
    for (const preset of presets) insertPreset.run(preset.id, preset.name, preset.mtimeSecs, preset.usn, encodeDeckConfig(preset.config));
  });
  target.resetCaches();
  return { noteCount: noteIds.length, mediaNames: media.names };
}

import type { Collection } from '../collection/collection.js';
import { deckFromRow, encodeDeckCommon, encodeDeckKind, newNormalDeck, type Deck, type DeckRow } from './deck.js';
import { ancestorNativeNames, DECK_NAME_SEPARATOR, humanDeckName, nativeDeckName } from './names.js';

const SELECT_DECK = 'select id, name, mtime_secs, usn, common, kind from decks';

/**
 * Decks of one collection. Rows are decoded once and cached by id; name lookups go to SQLite,
 * whose `unicase` index matches names case-insensitively exactly as Anki does.
 */
export class DeckStore {
  private byId = new Map<number, Deck>();

  constructor(private readonly col: Collection) {
    col.onRollback(() => this.byId.clear());
  }

  get(id: number): Deck | undefined {
    let deck = this.byId.get(id);
    if (deck === undefined) {
      const row = this.col.stmt<[number], DeckRow>(`${SELECT_DECK} where id = ?`).get(id);
      if (row === undefined) return undefined;
      deck = deckFromRow(row);
      this.byId.set(id, deck);
    }
    return deck;
  }

  /** The id of the deck called `humanName` (normalised, case-insensitive), if any. */
  idByName(humanName: string): number | undefined {
    return this.idByNativeName(nativeDeckName(humanName));
  }

  byName(humanName: string): Deck | undefined {
    const id = this.idByName(humanName);
    return id === undefined ? undefined : this.get(id);
  }

  private idByNativeName(nativeName: string): number | undefined {
    return this.col.stmt<[string], { id: number }>('select id from decks where name = ?').get(nativeName)?.id;
  }

  /** Every deck's id and human name, in Anki's order (unicase order of the native names). */
  namesAndIds(): { id: number; name: string }[] {
    return this.col
      .stmt<[], { id: number; name: string }>('select id, name from decks order by name')
      .all()
      .map((row) => ({ id: row.id, name: humanDeckName(row.name) }));
  }

  /** Ids of the deck and all its descendants. */
  withChildren(id: number): number[] {
    const deck = this.get(id);
    if (deck === undefined) return [];
    // Every descendant's native name sorts between "name\x1f" and "name\x20": the separator is
    // U+001F and the next code point is the space.
    const children = this.col
      .stmt<[string, string], { id: number }>('select id from decks where name > ? and name < ?')
      .all(deck.name + DECK_NAME_SEPARATOR, deck.name + ' ')
      .map((row) => row.id);
    return [id, ...children];
  }

  /**
   * Returns the id of the deck called `humanName`, creating it, and any missing parents, as a
   * normal deck when it does not exist. A parent that exists under another letter case lends
   * its spelling to the new child, as in Anki.
   */
  getOrCreate(humanName: string): number {
    const native = nativeDeckName(humanName);
    const existing = this.idByNativeName(native);
    if (existing !== undefined) return existing;
    let resolvedParent = '';
    for (const ancestor of ancestorNativeNames(native)) {
      const own = ancestor.slice(ancestor.lastIndexOf(DECK_NAME_SEPARATOR) + 1);
      const candidate = resolvedParent === '' ? own : resolvedParent + DECK_NAME_SEPARATOR + own;
      const id = this.idByNativeName(candidate) ?? this.insert(candidate);
      resolvedParent = this.get(id)?.name ?? candidate;
    }
    const base = native.slice(native.lastIndexOf(DECK_NAME_SEPARATOR) + 1);
    return this.insert(resolvedParent === '' ? base : resolvedParent + DECK_NAME_SEPARATOR + base);
  }

  /**
   * Writes a changed deck back (name, common and kind blobs), stamped modified now with usn -1,
   * and keeps the written version in the cache. Returns it.
   */
  update(deck: Deck): Deck {
    const written: Deck = { ...deck, mtimeSecs: this.col.nowSecs(), usn: this.col.usn() };
    this.col
      .stmt('update decks set name = ?, mtime_secs = ?, usn = ?, common = ?, kind = ? where id = ?')
      .run(written.name, written.mtimeSecs, written.usn, encodeDeckCommon(written.common), encodeDeckKind(written.kind), written.id);
    this.byId.set(written.id, written);
    return written;
  }

  /** Deletes a deck's row and forgets its cached copy. Its cards and its grave are the caller's. */
  removeRow(id: number): void {
    this.col.stmt('delete from decks where id = ?').run(id);
    this.byId.delete(id);
  }

  private insert(nativeName: string): number {
    const deck = newNormalDeck(nativeName);
    const id = this.nextDeckId();
    this.col
      .stmt('insert into decks (id, name, mtime_secs, usn, common, kind) values (?, ?, ?, ?, ?, ?)')
      .run(id, nativeName, this.col.nowSecs(), this.col.usn(), encodeDeckCommon(deck.common), encodeDeckKind(deck.kind));
    return id;
  }

  private nextDeckId(): number {
    let id = this.col.nowMs();
    if (this.col.stmt<[number]>('select 1 from decks where id = ?').get(id) !== undefined) {
      id = (this.col.stmt<[], { id: number }>('select max(id) as id from decks').get()?.id ?? 0) + 1;
    }
    return id;
  }
}

/**
 * Importing option presets and decks (rslib `apkg/import/decks.rs`). Presets keep their ids and
 * are added only when the id is free. Decks are matched by name, ignoring case: a deck of the
 * same kind is updated with what the package sets (description, preset, limits), one of the
 * other kind (normal versus filtered) makes the incoming deck take a unique name, with its
 * children following. Parents come before children; missing parents are created, and a deck
 * cannot be put under a filtered deck, whose place a new normal deck takes.
 */
import { clone, toBinary } from '@bufbuild/protobuf';
import type { Collection } from '../../collection/collection.js';
import { collectionTiming } from '../../collection/search-context.js';
import { encodeDeckConfig, type DeckConfig } from '../../deckconfig/store.js';
import { encodeDeckCommon, encodeDeckKind, isFilteredDeck, newNormalDeck, type Deck } from '../../decks/deck.js';
import { normalizeDeckNameComponent } from '../../decks/names.js';
import {
  DeckCommonSchema,
  DeckKindSchema,
  type DayLimit,
  type NormalDeck,
} from '../../storage/proto/gen/anki_storage/decks_pb.js';

const SEPARATOR = '\x1f';

export class DeckImporter {
  /** Package deck id → deck id in the collection. */
  readonly idMap = new Map<number, number>();
  /** Parent name prefixes that changed ("old\x1f" → "new\x1f"), applied to the decks that follow. */
  private readonly renamedParents: [string, string][] = [];
  private readonly uniqueSuffix: string;
  private readonly targetToday: number;

  constructor(
    private readonly col: Collection,
    /** The package collection's day, which its today-only limits refer to. */
    private readonly sourceToday: number,
  ) {
    this.uniqueSuffix = String(col.nowSecs());
    this.targetToday = collectionTiming(col).daysElapsed;
  }

  importDeckConfigs(configs: readonly DeckConfig[]): void {
    const insert = this.col.stmt('insert or ignore into deck_config (id, name, mtime_secs, usn, config) values (?, ?, ?, ?, ?)');
    for (const preset of configs) insert.run(preset.id, preset.name, preset.mtimeSecs, this.col.usn(), encodeDeckConfig(preset.config));
  }

  importDecks(decks: readonly Deck[]): void {
    // Parents before children; a stable sort keeps the package's order within a level.
    const ordered = [...decks].sort((a, b) => levelOf(a.name) - levelOf(b.name));
    for (const deck of ordered) {
      const copy: Deck = { ...deck, common: clone(DeckCommonSchema, deck.common), kind: clone(DeckKindSchema, deck.kind) };
      this.reparent(copy);
      this.correctDayLimits(copy);
      this.importDeck(copy);
    }
  }

  private importDeck(deck: Deck): void {
    const existing = this.deckNamed(deck.name);
    if (existing !== undefined) {
      if (isFilteredDeck(existing) === isFilteredDeck(deck)) {
        this.updateDeck(deck, existing);
        return;
      }
      this.uniquifyName(deck);
    }
    this.avoidFilteredParent(deck);
    this.addDeck(deck);
  }

  private reparent(deck: Deck): void {
    const renamed = this.renamedParents.find(([old]) => deck.name.startsWith(old));
    if (renamed !== undefined) deck.name = renamed[1] + deck.name.slice(renamed[0].length);
  }

  /**
   * A today-only limit set on the package collection's current day moves to this collection's
   * day; an older one stays in the past (at most yesterday), or goes when this collection is on
   * its first day.
   */
  private correctDayLimits(deck: Deck): void {
    const kind = deck.kind.kind;
    if (kind.case !== 'normal') return;
    const correct = (limit: DayLimit | undefined): DayLimit | undefined => {
      if (limit === undefined) return undefined;
      if (limit.today === this.sourceToday) return { ...limit, today: this.targetToday };
      if (this.targetToday > 0) return { ...limit, today: Math.min(limit.today, this.targetToday - 1) };
      return undefined;
    };
    kind.value.newLimitToday = correct(kind.value.newLimitToday);
    kind.value.reviewLimitToday = correct(kind.value.reviewLimitToday);
  }

  private uniquifyName(deck: Deck): void {
    const old = deck.name + SEPARATOR;
    deck.name = `${deck.name} ${this.uniqueSuffix}`;
    this.renamedParents.push([old, deck.name + SEPARATOR]);
  }

  /** The deck's package settings applied to the existing deck of its name (only written if that changes it). */
  private updateDeck(incoming: Deck, existing: Deck): void {
    this.idMap.set(incoming.id, existing.id);
    const updated: Deck = { ...existing, common: clone(DeckCommonSchema, existing.common), kind: clone(DeckKindSchema, existing.kind) };
    const into = updated.kind.kind;
    const from = incoming.kind.kind;
    if (into.case === 'normal' && from.case === 'normal') updateNormal(into.value, from.value);
    // A filtered deck takes the package's search settings whole.
    else if (into.case === 'filtered' && from.case === 'filtered') updated.kind = clone(DeckKindSchema, incoming.kind);
    updated.name = normalizedNativeName(updated.name);
    if (sameDeck(updated, existing)) return;
    this.col.decks.update(updated);
  }

  /** When the closest existing ancestor is a filtered deck, a normal deck of a unique name stands in for it. */
  private avoidFilteredParent(deck: Deck): void {
    const ancestor = this.firstExistingParent(deck.name);
    if (ancestor === undefined || !isFilteredDeck(ancestor)) return;
    const standIn = { ...newNormalDeck(ancestor.name), id: 0, mtimeSecs: 0, usn: 0 };
    this.uniquifyName(standIn);
    this.insertDeck(standIn);
    this.reparent(deck);
  }

  private addDeck(deck: Deck): void {
    const oldId = deck.id;
    this.idMap.set(oldId, this.insertDeck(deck));
  }

  /**
   * Anki's add_deck_inner: the name normalised and made unique with `+`, stamped modified now,
   * spelled like its existing parents, missing parents created; a new id.
   */
  private insertDeck(deck: Deck): number {
    deck.name = normalizedNativeName(deck.name);
    while (this.deckNamed(deck.name) !== undefined) deck.name += '+';
    const parent = this.firstExistingParent(deck.name);
    const parts = deck.name.split(SEPARATOR);
    if (parent !== undefined) {
      const parentLevel = levelOf(parent.name);
      deck.name = [parent.name, ...parts.slice(parentLevel)].join(SEPARATOR);
      if (parentLevel !== parts.length - 1) this.createMissingParents(deck.name);
    } else if (parts.length > 1) {
      this.createMissingParents(deck.name);
    }
    return this.writeNewDeck(deck);
  }

  private createMissingParents(nativeName: string): void {
    for (let name = parentName(nativeName); name !== undefined; name = parentName(name)) {
      if (this.deckNamed(name) === undefined) this.writeNewDeck({ ...newNormalDeck(name), id: 0, mtimeSecs: 0, usn: 0 });
    }
  }

  private writeNewDeck(deck: Deck): number {
    let id = this.col.nowMs();
    if (this.col.stmt<[number]>('select 1 from decks where id = ?').get(id) !== undefined) {
      id = (this.col.stmt<[], { id: number }>('select max(id) as id from decks').get()?.id ?? 0) + 1;
    }
    this.col
      .stmt('insert into decks (id, name, mtime_secs, usn, common, kind) values (?, ?, ?, ?, ?, ?)')
      .run(id, deck.name, this.col.nowSecs(), this.col.usn(), encodeDeckCommon(deck.common), encodeDeckKind(deck.kind));
    return id;
  }

  /** The closest ancestor the collection has (Anki refuses more than ten levels of looking). */
  private firstExistingParent(nativeName: string): Deck | undefined {
    let level = 0;
    for (let name = parentName(nativeName); name !== undefined; name = parentName(name)) {
      if (level++ >= 11) throw new Error('deck nesting level too deep');
      const deck = this.deckNamed(name);
      if (deck !== undefined) return deck;
    }
    return undefined;
  }

  private deckNamed(nativeName: string): Deck | undefined {
    const id = this.col.stmt<[string], { id: number }>('select id from decks where name = ?').get(nativeName)?.id;
    return id === undefined ? undefined : this.col.decks.get(id);
  }
}

/** What the package's deck sets overrides the existing deck's (Anki's update_normal_with_other). */
function updateNormal(into: NormalDeck, from: NormalDeck): void {
  if (from.description !== '') {
    into.markdownDescription = from.markdownDescription;
    into.description = from.description;
  }
  if (from.configId !== 1n) into.configId = from.configId;
  into.reviewLimit = from.reviewLimit ?? into.reviewLimit;
  into.newLimit = from.newLimit ?? into.newLimit;
  into.reviewLimitToday = from.reviewLimitToday ?? into.reviewLimitToday;
  into.newLimitToday = from.newLimitToday ?? into.newLimitToday;
}

function sameDeck(a: Deck, b: Deck): boolean {
  return (
    a.name === b.name &&
    Buffer.from(toBinary(DeckCommonSchema, a.common)).equals(toBinary(DeckCommonSchema, b.common)) &&
    Buffer.from(toBinary(DeckKindSchema, a.kind)).equals(toBinary(DeckKindSchema, b.kind))
  );
}

/** Each component normalised as Anki's `maybe_normalize` does. */
function normalizedNativeName(nativeName: string): string {
  return nativeName.split(SEPARATOR).map(normalizeDeckNameComponent).join(SEPARATOR);
}

const levelOf = (nativeName: string): number => nativeName.split(SEPARATOR).length;

function parentName(nativeName: string): string | undefined {
  const at = nativeName.lastIndexOf(SEPARATOR);
  return at < 0 ? undefined : nativeName.slice(0, at);
}

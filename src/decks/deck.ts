import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import {
  DeckCommonSchema,
  DeckKindSchema,
  NormalDeckSchema,
  type DeckCommon,
  type DeckKind,
} from '../storage/proto/gen/anki_storage/decks_pb.js';

/** A deck as stored in schema 18: columns plus the two protobuf blobs. */
export interface Deck {
  id: number;
  /** Native form: components joined by U+001F. */
  name: string;
  mtimeSecs: number;
  usn: number;
  common: DeckCommon;
  kind: DeckKind;
}

export interface DeckRow {
  id: number;
  name: string;
  mtime_secs: number;
  usn: number;
  common: Buffer;
  kind: Buffer;
}

export function deckFromRow(row: DeckRow): Deck {
  return {
    id: row.id,
    name: row.name,
    mtimeSecs: row.mtime_secs,
    usn: row.usn,
    common: fromBinary(DeckCommonSchema, row.common),
    kind: fromBinary(DeckKindSchema, row.kind),
  };
}

export function encodeDeckCommon(common: DeckCommon): Buffer {
  return Buffer.from(toBinary(DeckCommonSchema, common));
}

export function encodeDeckKind(kind: DeckKind): Buffer {
  return Buffer.from(toBinary(DeckKindSchema, kind));
}

/**
 * A new normal deck the way Anki makes one: collapsed in both the study screen and the browser,
 * using options preset 1.
 */
export function newNormalDeck(nativeName: string): Omit<Deck, 'id' | 'mtimeSecs' | 'usn'> {
  return {
    name: nativeName,
    common: create(DeckCommonSchema, { studyCollapsed: true, browserCollapsed: true }),
    kind: create(DeckKindSchema, { kind: { case: 'normal', value: create(NormalDeckSchema, { configId: 1n }) } }),
  };
}

export function isFilteredDeck(deck: Deck): boolean {
  return deck.kind.kind.case === 'filtered';
}

/** The options preset of a normal deck; undefined for a filtered deck. */
export function deckConfigId(deck: Deck): number | undefined {
  return deck.kind.kind.case === 'normal' ? Number(deck.kind.kind.value.configId) : undefined;
}

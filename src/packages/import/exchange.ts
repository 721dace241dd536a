/**
 * What the importer takes from a package's collection (Anki's ExchangeData): the notes and their
 * cards, note types, decks, option presets and review log, plus the day the package's
 * collection was on, which review due dates count from.
 */
import type { CardRecord } from '../../cards/card-record.js';
import type { DeckConfig } from '../../deckconfig/store.js';
import type { Deck } from '../../decks/deck.js';
import type { Note } from '../../notes/note.js';
import type { RevlogRecord } from '../../revlog/reviews.js';
import type { FieldConfig, NotetypeConfig, TemplateConfig } from '../../storage/proto/gen/anki_storage/notetypes_pb.js';

/** A card row as read from the package. `data` is kept as text and rewritten on insert, as Anki does. */
export type ImportCard = CardRecord;

/** A review log row. */
export type ImportRevlog = RevlogRecord;

/**
 * A field of a note type during import. `ord` is Anki's "original ordinal": the position the field
 * had in the note type it came from, or null for a field merged in from another note type.
 */
export interface ImportField {
  ord: number | null;
  name: string;
  config: FieldConfig;
}

/** A card template during import; `ord` as for fields. */
export interface ImportTemplate {
  ord: number | null;
  name: string;
  mtimeSecs: number;
  usn: number;
  config: TemplateConfig;
}

/** A note type during import. */
export interface ImportNotetype {
  id: number;
  name: string;
  mtimeSecs: number;
  usn: number;
  config: NotetypeConfig;
  fields: ImportField[];
  templates: ImportTemplate[];
}

export interface ExchangeData {
  notes: Note[];
  cards: ImportCard[];
  decks: Deck[];
  notetypes: ImportNotetype[];
  revlog: ImportRevlog[];
  deckConfigs: DeckConfig[];
  /** The package collection's "today": days since its creation, as its review due dates count. */
  daysElapsed: number;
}

/**
 * What the SQL writer needs to know about a collection, as plain data. The collection layer
 * builds it (src/collection/search-context.ts); tests can write one by hand.
 */

export interface SearchField {
  name: string;
  ord: number;
  /** The field's "exclude from unqualified searches" option. */
  excludeFromSearch: boolean;
}

export interface SearchNotetype {
  id: number;
  name: string;
  cloze: boolean;
  /** Index of the sort field (whose stripped text is `notes.sfld`). */
  sortFieldIdx: number;
  /** In field order. */
  fields: readonly SearchField[];
  templates: readonly { name: string; ord: number }[];
}

export interface SearchDeck {
  id: number;
  /** Native name: components joined by U+001F. */
  name: string;
  /** The options preset of a normal deck; undefined for a filtered deck. */
  presetId: number | undefined;
}

/** Day boundaries (anki-semantics.md §1.8) and the current time. */
export interface SearchTiming {
  /** Today's day number: days since the collection's creation, counted in rollovers. */
  daysElapsed: number;
  /** Epoch seconds of the next rollover. */
  nextDayAt: number;
  nowSecs: number;
}

export interface SearchConfig {
  /** `normalize_note_text`: search text is NFC-normalised like saved notes (default true). */
  normalizeNoteText: boolean;
  /** `ignoreAccentsInSearch`: unqualified and `w:` searches behave as `nc:` (default false). */
  ignoreAccentsInSearch: boolean;
  /** `collapseTime`: how far ahead learning cards count as due, in seconds (default 1200). */
  learnAheadSecs: number;
}

export interface SearchContext {
  readonly notetypes: readonly SearchNotetype[];
  readonly decks: readonly SearchDeck[];
  /** Config `curDeck`, for `deck:current`. */
  readonly currentDeckId: number;
  /** Options presets by id and name, for `preset:`. */
  readonly presets: readonly { id: number; name: string }[];
  readonly timing: SearchTiming;
  readonly config: SearchConfig;
}

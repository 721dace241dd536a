/**
 * The syntax tree of an Anki search (rslib `search/parser.rs`). A query is a flat list of nodes
 * that alternates terms and operators (`And`/`Or`), exactly as Anki builds it: the SQL writer
 * emits them in order, so SQLite's own precedence (AND before OR) decides the grouping.
 */

export type Node =
  | { type: 'and' }
  | { type: 'or' }
  | { type: 'not'; node: Node }
  | { type: 'group'; nodes: Node[] }
  | { type: 'search'; term: SearchTerm };

/** How a field or tag value is matched: LIKE/glob, regex (`re:`) or without combining marks (`nc:`). */
export type FieldMode = 'normal' | 'regex' | 'nc';

/** `is:` states. */
export type CardState = 'new' | 'review' | 'learn' | 'due' | 'buried' | 'buried-manually' | 'buried-sibling' | 'suspended';

/** Which answers `rated:`/`resched:`/`prop:rated` count: one button, any button, or reschedules. */
export type RatingKind = { kind: 'button'; button: number } | { kind: 'any' } | { kind: 'reschedule' };

/** Comparison operators of `prop:`. */
export type PropOperator = '<=' | '>=' | '!=' | '=' | '<' | '>';

export type PropertyKind =
  | { kind: 'due'; days: number }
  | { kind: 'ivl'; value: number }
  | { kind: 'reps'; value: number }
  | { kind: 'lapses'; value: number }
  | { kind: 'ease'; value: number }
  | { kind: 'pos'; value: number }
  | { kind: 'rated'; days: number; rating: RatingKind }
  | { kind: 's'; value: number }
  | { kind: 'd'; value: number }
  | { kind: 'r'; value: number }
  | { kind: 'cdn'; key: string; value: number }
  | { kind: 'cds'; key: string; value: string };

/**
 * One search term. Text values keep the escapes that the wildcard converters still need
 * (`\\`, `\*`, `\_`); everything the parser itself unescapes is already unescaped.
 */
export type SearchTerm =
  | { type: 'unqualified'; text: string }
  | { type: 'field'; field: string; text: string; mode: FieldMode }
  | { type: 'added'; days: number }
  | { type: 'edited'; days: number }
  | { type: 'introduced'; days: number }
  | { type: 'template'; template: { kind: 'ordinal'; ord: number } | { kind: 'name'; name: string } }
  | { type: 'deck'; name: string }
  | { type: 'deckIds'; ids: string }
  | { type: 'notetypeId'; id: string }
  | { type: 'notetype'; name: string }
  | { type: 'rated'; days: number; rating: RatingKind }
  | { type: 'tag'; tag: string; mode: FieldMode }
  | { type: 'dupe'; notetypeId: string; text: string }
  | { type: 'state'; state: CardState }
  | { type: 'flag'; flag: number }
  | { type: 'noteIds'; ids: string }
  | { type: 'cardIds'; ids: string }
  | { type: 'property'; operator: PropOperator; property: PropertyKind }
  | { type: 'wholeCollection' }
  | { type: 'regex'; pattern: string }
  | { type: 'noCombining'; text: string }
  | { type: 'stripClozes'; text: string }
  | { type: 'wordBoundary'; text: string }
  | { type: 'customData'; key: string }
  | { type: 'preset'; name: string };

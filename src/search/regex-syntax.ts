/**
 * The syntax tree of a Rust regex as the translator parses it (regex-parser.ts) and re-emits it
 * (regex-emitter.ts), and the error for a pattern Rust would refuse.
 */

/** A pattern Rust's regex crate would refuse. */
export class RustRegexError extends Error {
  override readonly name = 'RustRegexError';
}

/** Rust's inline flags in force at a point of the pattern (`u` and `R` included). */
export interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  U: boolean;
  x: boolean;
  u: boolean;
  R: boolean;
}

/** The Perl classes `\d`, `\w` and `\s` (their negations are the upper-case letters). */
export type PerlKind = 'd' | 'w' | 's';

/** One member of a bracketed class; `raw` is JavaScript class syntax emitted as it is. */
export type ClassItem =
  | { type: 'char'; cp: number }
  | { type: 'range'; from: number; to: number }
  | { type: 'raw'; text: string }
  | { type: 'nested'; set: ClassSet };

/** A class: a union of items, optionally combined left to right with set operators, optionally negated. */
export interface ClassSet {
  negated: boolean;
  first: ClassItem[];
  rest: { op: '&&' | '--' | '~~'; items: ClassItem[] }[];
}

/**
 * A zero-width assertion: the start or end of the text or of a line (lines end at `\n`, also at
 * `\r` under `(?R)`), or one of the word boundaries (Unicode `\w` unless `(?-u)`).
 */
export type AssertionKind =
  | 'text-start'
  | 'text-end'
  | 'line-start'
  | 'line-end'
  | 'word'
  | 'not-word'
  | 'word-start'
  | 'word-end'
  | 'word-start-half'
  | 'word-end-half';

/**
 * A parsed pattern. `ci` marks literals and classes read under `(?i)`; `dot` is the dot, its
 * class given as JavaScript class syntax.
 */
export type Node =
  | { type: 'literal'; cp: number; ci: boolean }
  | { type: 'class'; set: ClassSet; ci: boolean }
  | { type: 'dot'; text: string }
  | { type: 'assert'; kind: AssertionKind; crlf: boolean; unicode: boolean }
  | { type: 'group'; node: Node }
  | { type: 'concat'; items: Node[] }
  | { type: 'alt'; branches: Node[] }
  | { type: 'repeat'; node: Node; min: number; max: number | undefined; greedy: boolean };

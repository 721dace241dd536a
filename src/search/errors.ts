/**
 * Search errors with Anki's own texts (rslib `error/search.rs` kinds, English strings of
 * `ftl/core/search.ftl`), so a client sees what Anki-Connect would send for the same query.
 *
 * One difference: Anki desktop formats these with Fluent's Unicode isolation marks (U+2068 and
 * U+2069) around every interpolated value; they are invisible, and left out here.
 */
import { AnkiConnectError } from '../errors.js';

/** The kinds of rslib's `SearchErrorKind`, plus `Regex` for an invalid regular expression. */
export type SearchErrorKind =
  | 'MisplacedAnd'
  | 'MisplacedOr'
  | 'EmptyGroup'
  | 'UnopenedGroup'
  | 'UnclosedGroup'
  | 'EmptyQuote'
  | 'UnclosedQuote'
  | 'MissingKey'
  | 'UnknownEscape'
  | 'InvalidState'
  | 'InvalidFlag'
  | 'InvalidPropProperty'
  | 'InvalidPropOperator'
  | 'InvalidNumber'
  | 'InvalidWholeNumber'
  | 'InvalidPositiveWholeNumber'
  | 'InvalidNegativeWholeNumber'
  | 'InvalidAnswerButton'
  | 'Regex'
  | 'Other';

/** What a search error carries besides its kind (the values Anki interpolates into its text). */
export interface SearchErrorDetail {
  /** The offending input: the escape sequence, `is:` value, prop clause or number. */
  provided?: string;
  /** The term the number was read from (`added:`, `ivl>foo`, …). */
  context?: string;
  /** Free text for `Other` (Anki's untranslated id-list and dupe messages) and `Regex`. */
  info?: string;
}

/** A query that is not valid Anki search syntax. Its message is the text a client receives. */
export class SearchError extends AnkiConnectError {
  constructor(
    readonly kind: SearchErrorKind,
    readonly detail: SearchErrorDetail = {},
  ) {
    super(`Invalid search: ${reason(kind, detail)}`);
  }
}

// Anki replaces backticks in interpolated input by single quotes, as backticks mark literal
// input in its messages.
const tick = (text: string | undefined): string => (text ?? '').replaceAll('`', "'");

function reason(kind: SearchErrorKind, d: SearchErrorDetail): string {
  switch (kind) {
    case 'MisplacedAnd':
      return 'an `and` was found but it is not connecting two search terms. If you want to search for the word itself, wrap it in double quotes: `"and"`.';
    case 'MisplacedOr':
      return 'an `or` was found but it is not connecting two search terms. If you want to search for the word itself, wrap it in double quotes: `"or"`.';
    case 'EmptyGroup':
      return 'a group `(...)` was found, but there was nothing between the brackets to search for. If you want to search for literal brackets, wrap them in double quotes: `"( )"`.';
    case 'UnopenedGroup':
      return 'a closing bracket `)` was found, but there was no opening bracket `(` preceding it. If you want to search for a literal `)`, wrap it in double quotes or prepend a backslash: `")"` or `\\)`.';
    case 'UnclosedGroup':
      return 'an opening bracket `(` was found, but there was no closing bracket `)` following it. If you want to search for a literal `(`, wrap it in double quotes or prepend a backslash: `"("` or `\\(` .';
    case 'EmptyQuote':
      return 'a pair of double quotes `""` was found, but there was nothing between them to search for. If you want to search for literal double quotes, prepend backslashes: `\\"\\"`.';
    case 'UnclosedQuote':
      return 'an opening double quote `"` was found, but there was no second one to close it. If you want to search for a literal `"`, prepend a backslash: `\\"`.';
    case 'MissingKey':
      return 'a colon `:` was found, but there was no keyword preceding it. If you want to search for a literal `:`, prepend a backslash: `\\:`.';
    case 'UnknownEscape':
      return `the escape sequence \`${tick(d.provided)}\` is not defined. If you want to search for a literal backslash \`\\\`, prepend another one: \`\\\\\`.`;
    case 'InvalidState':
      return `\`is:\` was given an invalid argument '\`${tick(d.provided)}\`'.`;
    case 'InvalidFlag':
      return '`flag:` must be followed by a valid flag number: `1` (red), `2` (orange), `3` (green), `4` (blue), `5` (pink), `6` (turquoise), `7` (purple) or `0` (no flag).';
    case 'InvalidPropProperty':
      return `\`prop:\` was given an invalid argument '\`${tick(d.provided)}\`'.`;
    case 'InvalidPropOperator':
      return `\`prop:${d.provided ?? ''}\` must be followed by one of the following comparison operators: \`=\`, \`!=\`, \`<\`, \`>\`, \`<=\` or \`>=\`.`;
    case 'InvalidNumber':
      return `expected a number in "\`${tick(d.context)}\`", but found "\`${tick(d.provided)}\`".`;
    case 'InvalidWholeNumber':
      return `expected a whole number in "\`${tick(d.context)}\`", but found "\`${tick(d.provided)}\`".`;
    case 'InvalidPositiveWholeNumber':
      return `expected a positive whole number in "\`${tick(d.context)}\`", but found "\`${tick(d.provided)}\`".`;
    case 'InvalidNegativeWholeNumber':
      return `expected a whole number less than or equal to 0 in "\`${tick(d.context)}\`", but found "\`${tick(d.provided)}\`".`;
    case 'InvalidAnswerButton':
      return `expected an answer button between 1-4 in "\`${tick(d.context)}\`", but found "\`${tick(d.provided)}\`".`;
    case 'Regex':
      return `the regular expression \`${tick(d.provided)}\` is not valid: ${d.info ?? 'syntax error'}.`;
    case 'Other':
      return d.info ?? 'please check for typing mistakes.';
  }
}

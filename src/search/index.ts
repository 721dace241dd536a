/**
 * Anki's search, as a pure core: the query parser, the syntax tree, and the SQL writer that turns
 * a query into a SELECT of card or note ids with bound parameters. It knows the collection only
 * through a plain-data SearchContext, and runs no SQL itself.
 */
export type { Node, SearchTerm } from './ast.js';
export type { SearchContext, SearchDeck, SearchNotetype, SearchTiming, SearchConfig, SearchField } from './context.js';
export { SearchError } from './errors.js';
export type { SearchErrorKind } from './errors.js';
export { parseSearch } from './parser.js';
export { isQuickSearch } from './cost.js';
export { compileRustRegex, RustRegexError, translateRustRegex, type RustRegex } from './rust-regex.js';
export { buildSearchSql, TOO_BIG, writeSearchSql } from './sql-writer.js';
export type { SearchItem, SearchSql, SqlParam } from './sql-writer.js';
export { stripClozes, withoutCombining } from './text.js';

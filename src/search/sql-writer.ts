/**
 * The syntax tree to SQL, term by term as Anki's `SqlWriter` (rslib `search/sqlwriter.rs`,
 * anki-semantics.md §1.1, 1.7, 1.9), with every value a bound parameter.
 *
 * Operators are written in the order the parser produced them, so AND binds tighter than OR as
 * in Anki, and `sc:` keeps its unparenthesised form (`did:` is bracketed since Anki 26.09). Names (decks, note types,
 * templates, fields, presets) are resolved against the context here, so the SQL tests ids and
 * the indexes on `did`, `mid`, `nid` and `csum` apply. Regexes are checked here, so an invalid one
 * is a search error before any SQL runs.
 *
 * This file holds the entry points, the walk over the tree and the dispatch of each term to its
 * family: note text (sql-note-text.ts), names of decks, note types, templates, presets and tags
 * (sql-names.ts), and card states, dates and properties (sql-scheduling.ts); the pieces they
 * share are in sql-shared.ts, and the choice of tables in sql-tables.ts.
 */
import { normalizeToNfc } from '../text/index.js';
import type { Node, SearchTerm } from './ast.js';
import type { SearchContext } from './context.js';
import { SearchError } from './errors.js';
import { parseSearch } from './parser.js';
import { writeDeck, writeNotetype, writePreset, writeTag, writeTemplateName } from './sql-names.js';
import { writeDupe, writeField, writeRegex, writeUnqualified } from './sql-note-text.js';
import { writeAdded, writeEdited, writeIntroduced, writeProperty, writeRated, writeState } from './sql-scheduling.js';
import { idList, MAX_INLINE_IDS } from './sql-shared.js';
import { combine, nodeTable } from './sql-tables.js';
import type { Table } from './sql-tables.js';
import { toRe } from './text.js';

/** What a search returns: card ids (findCards) or note ids (findNotes). */
export type SearchItem = 'cards' | 'notes';

/** A bound parameter of the SELECT. */
export type SqlParam = string | number | bigint;

/** A complete SELECT of ids and its parameters, in order. */
export interface SearchSql {
  sql: string;
  params: SqlParam[];
  /**
   * The statement may return an id more than once (the note ids of several matching cards);
   * the caller removes the repeats. Leaving that to the caller keeps SQLite's plan the plan of
   * the card filter alone: asking for `distinct` makes it walk the whole note-id index.
   */
  repeats?: boolean;
}

/** Parses `query` and writes the SELECT that returns the matching card or note ids. */
export function buildSearchSql(query: string, item: SearchItem, ctx: SearchContext): SearchSql {
  try {
    return writeSearchSql(parseSearch(query), item, ctx);
  } catch (err) {
    // Brackets nested tens of thousands deep exhaust the stack of the recursive parser.
    if (err instanceof RangeError) throw new SearchError('Other', { info: TOO_BIG });
    throw err;
  }
}

/** The message for a query SQLite or the parser cannot take (Anki has no text for it). */
export const TOO_BIG = 'the search is too long or too deeply nested to run.';

/**
 * Writes the SELECT for a parsed query. findNotes on a query that needs only the notes table
 * reads notes alone, and findCards on a cards-only query reads cards alone, as in Anki. When
 * findNotes needs only card columns, the matching cards' note ids are returned directly: the same
 * notes as Anki's `distinct` join in any collection where every card has its note (a card whose
 * note is gone is damage Check Database repairs), at a fraction of the join's cost.
 */
export function writeSearchSql(nodes: Node[], item: SearchItem, ctx: SearchContext): SearchSql {
  const root: Node = { type: 'group', nodes };
  const needed = nodeTable(root);
  if (item === 'notes' && needed === 'cards') {
    const inner = new SqlWriter(ctx, 'cards');
    inner.write(root);
    return { sql: `select c.nid from cards c where ${inner.sql}`, params: inner.params, repeats: true };
  }
  const combined = combine(item === 'cards' ? 'cards' : 'notes', needed);
  const table = combined === 'either' ? item : combined;
  const writer = new SqlWriter(ctx, table);
  writer.write(root);
  let head: string;
  if (table === 'cards') head = 'select c.id from cards c where ';
  else if (table === 'notes') head = 'select n.id from notes n where ';
  else if (item === 'cards') head = 'select c.id from cards c, notes n where c.nid = n.id and ';
  else head = 'select distinct n.id from cards c, notes n where c.nid = n.id and ';
  return { sql: head + writer.sql, params: writer.params };
}

/** Writes one query's SQL text and its parameters, in order; the term families add to both. */
export class SqlWriter {
  sql = '';
  readonly params: SqlParam[] = [];

  constructor(
    readonly ctx: SearchContext,
    private readonly table: Exclude<Table, 'either'>,
  ) {}

  /** Appends a node: operators as written, groups in brackets, terms through their family. */
  write(node: Node): void {
    switch (node.type) {
      case 'and':
        this.sql += ' and ';
        return;
      case 'or':
        this.sql += ' or ';
        return;
      case 'not':
        this.sql += 'not ';
        this.write(node.node);
        return;
      case 'group':
        this.sql += '(';
        for (const child of node.nodes) this.write(child);
        this.sql += ')';
        return;
      case 'search':
        this.term(node.term);
        return;
    }
  }

  /**
   * Appends SQL text with `?` placeholders and their values. Whole numbers are bound as
   * integers (bigint): better-sqlite3 binds every JavaScript number as a REAL, and Anki, which
   * writes them into the SQL text, relies on integer arithmetic (`prop:due`'s division).
   */
  emit(sql: string, ...params: SqlParam[]): void {
    this.sql += sql;
    for (const param of params) this.params.push(typeof param === 'number' && Number.isSafeInteger(param) ? BigInt(param) : param);
  }

  private get noteIdColumn(): string {
    return this.table === 'cards' ? 'c.nid' : 'n.id';
  }

  /** Search text NFC-normalised when the collection normalises note text. */
  private normNote(text: string): string {
    return this.ctx.config.normalizeNoteText ? normalizeToNfc(text) : text;
  }

  /** Appends one term, through the family that writes it. */
  private term(term: SearchTerm): void {
    const ignoreAccents = this.ctx.config.ignoreAccentsInSearch;
    switch (term.type) {
      case 'unqualified':
        writeUnqualified(this, this.normNote(term.text), ignoreAccents, false);
        return;
      case 'field':
        writeField(this, normalizeToNfc(term.field), this.normNote(term.text), term.mode);
        return;
      case 'dupe':
        writeDupe(this, term.notetypeId, this.normNote(term.text));
        return;
      case 'regex':
        writeRegex(this, this.normNote(term.pattern), false);
        return;
      case 'noCombining':
        writeUnqualified(this, this.normNote(term.text), true, false);
        return;
      case 'stripClozes':
        writeUnqualified(this, this.normNote(term.text), ignoreAccents, true);
        return;
      case 'wordBoundary':
        writeRegex(this, `\\b${toRe(this.normNote(term.text))}\\b`, ignoreAccents);
        return;
      case 'added':
        writeAdded(this, term.days);
        return;
      case 'edited':
        writeEdited(this, term.days);
        return;
      case 'introduced':
        writeIntroduced(this, term.days);
        return;
      case 'template':
        if (term.template.kind === 'ordinal') this.emit('c.ord = ?', term.template.ord);
        else writeTemplateName(this, normalizeToNfc(term.template.name));
        return;
      case 'deck':
        writeDeck(this, normalizeToNfc(term.name));
        return;
      case 'notetypeId':
        this.emit('n.mid = ?', BigInt(term.id));
        return;
      case 'deckIds': {
        // Bracketed, as Anki writes it since 26.09 (anki PR #5500): `-did:1` excludes the cards
        // lent to filtered decks too. Older Anki left it bare, so `-` and `or` reached into it.
        const list = idList(term.ids, MAX_INLINE_IDS);
        this.emit(`(c.did in ${list.sql} or (c.odid != 0 and c.odid in ${list.sql}))`, ...list.params, ...list.params);
        return;
      }
      case 'notetype':
        writeNotetype(this, normalizeToNfc(term.name));
        return;
      case 'rated':
        writeRated(this, '>', -term.days, term.rating);
        return;
      case 'tag':
        writeTag(this, normalizeToNfc(term.tag), term.mode);
        return;
      case 'state':
        writeState(this, term.state);
        return;
      case 'flag':
        this.emit('(c.flags & 7) == ?', term.flag);
        return;
      case 'noteIds': {
        const list = idList(term.ids, 0);
        this.emit(`${this.noteIdColumn} in ${list.sql}`, ...list.params);
        return;
      }
      case 'cardIds': {
        const list = idList(term.ids, 0);
        this.emit(`c.id in ${list.sql}`, ...list.params);
        return;
      }
      case 'property':
        writeProperty(this, term.operator, term.property);
        return;
      case 'customData':
        this.emit('extract_custom_data(c.data, ?) is not null', term.key);
        return;
      case 'wholeCollection':
        this.sql += 'true';
        return;
      case 'preset':
        writePreset(this, term.name);
        return;
    }
  }
}

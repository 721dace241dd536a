/**
 * The syntax tree to SQL, term by term as Anki's `SqlWriter` (rslib `search/sqlwriter.rs`,
 * anki-semantics.md §1.1, 1.7, 1.9), with every value a bound parameter.
 *
 * Operators are written in the order the parser produced them, so AND binds tighter than OR as
 * in Anki, and `did:` and `sc:` keep their unparenthesised forms. Names (decks, note types,
 * templates, fields, presets) are resolved against the context here, so the SQL tests ids and
 * the indexes on `did`, `mid`, `nid` and `csum` apply. Regexes are checked here, so an invalid one
 * is a search error before any SQL runs.
 */
import { equalsIgnoringCase, fieldChecksum, normalizeToNfc, stripHtmlPreservingMediaFilenames } from '../text/index.js';
import { normalizeDeckNameComponent } from '../decks/names.js';
import type { FieldMode, Node, PropertyKind, PropOperator, RatingKind, SearchTerm } from './ast.js';
import type { SearchContext, SearchNotetype } from './context.js';
import { SearchError } from './errors.js';
import { f32AsSqlNumber, f32ToU32 } from './numbers.js';
import { parseSearch } from './parser.js';
import { compileRustRegex, RustRegexError } from './rust-regex.js';
import { isGlob, regexEscape, toCustomRe, toRe, toSql, toText, withoutCombining } from './text.js';

/** What a search returns: card ids (findCards) or note ids (findNotes). */
export type SearchItem = 'cards' | 'notes';

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

/** Which tables a search touches (Anki's `RequiredTable`). */
type Table = 'notes' | 'cards' | 'both' | 'either';

function combine(a: Table, b: Table): Table {
  if (a === 'both' || b === 'both') return 'both';
  if (a === 'either') return b;
  if (b === 'either') return a;
  return a === b ? a : 'both';
}

function termTable(term: SearchTerm): Table {
  switch (term.type) {
    case 'added':
    case 'introduced':
    case 'deck':
    case 'deckIds':
    case 'rated':
    case 'state':
    case 'flag':
    case 'cardIds':
    case 'property':
    case 'customData':
    case 'preset':
      return 'cards';
    case 'noteIds':
    case 'wholeCollection':
      return 'either';
    case 'template':
      return 'both';
    default:
      return 'notes';
  }
}

function nodeTable(node: Node): Table {
  switch (node.type) {
    case 'and':
    case 'or':
      return 'either';
    case 'not':
      return nodeTable(node.node);
    case 'group':
      return node.nodes.reduce<Table>((table, child) => combine(table, nodeTable(child)), 'either');
    case 'search':
      return termTable(node.term);
  }
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

/** Card queue and type numbers (anki-semantics.md §3.2). */
const QUEUE = { suspended: -1, schedBuried: -2, userBuried: -3, learn: 1, review: 2, dayLearn: 3, preview: 4 } as const;
const TYPE = { new: 0, learn: 1, review: 2, relearn: 3 } as const;
const DAY = 86_400;
// `process_text` flags (Anki's ProcessTextFlags).
const NO_COMBINING = 1;
const STRIP_CLOZES = 2;
/** Above this many ids a list is passed as one JSON parameter instead of one parameter each. */
const MAX_INLINE_IDS = 500;
const ORIGINAL_OR_DUE = '(case when c.odue != 0 then c.odue else c.due end)';
/**
 * Tag texts for which LIKE (ASCII case-insensitive) finds every tag the `(?i)` regex finds:
 * printable ASCII without k and s, the only ASCII letters whose Unicode case-fold partners
 * (K KELVIN SIGN, ſ LONG S) are not ASCII. `*` and `_` become `%` and `_`, which match more
 * than the regex's `\S*` and `\S`.
 */
const likePrefilterSafe = (tag: string): boolean => /^[\x21-\x7e]*$/.test(tag) && !/[ksKS]/.test(tag);

class SqlWriter {
  sql = '';
  readonly params: SqlParam[] = [];

  constructor(
    private readonly ctx: SearchContext,
    private readonly table: Exclude<Table, 'either'>,
  ) {}

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
  private emit(sql: string, ...params: SqlParam[]): void {
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

  private term(term: SearchTerm): void {
    const ignoreAccents = this.ctx.config.ignoreAccentsInSearch;
    switch (term.type) {
      case 'unqualified':
        this.unqualified(this.normNote(term.text), ignoreAccents, false);
        return;
      case 'field':
        this.field(normalizeToNfc(term.field), this.normNote(term.text), term.mode);
        return;
      case 'dupe':
        this.dupe(term.notetypeId, this.normNote(term.text));
        return;
      case 'regex':
        this.regex(this.normNote(term.pattern), false);
        return;
      case 'noCombining':
        this.unqualified(this.normNote(term.text), true, false);
        return;
      case 'stripClozes':
        this.unqualified(this.normNote(term.text), ignoreAccents, true);
        return;
      case 'wordBoundary':
        this.regex(`\\b${toRe(this.normNote(term.text))}\\b`, ignoreAccents);
        return;
      case 'added':
        this.emit('c.id > ?', this.cutoff(term.days) * 1000);
        return;
      case 'edited':
        this.emit('n.mod > ?', this.cutoff(term.days));
        return;
      case 'introduced': {
        const cutoff = this.cutoff(term.days) * 1000;
        this.emit(
          '((select coalesce(min(id) > ?, false) from revlog where cid = c.id and ease != 0) and c.id in (select cid from revlog where id > ?))',
          cutoff,
          cutoff,
        );
        return;
      }
      case 'template':
        if (term.template.kind === 'ordinal') this.emit('c.ord = ?', term.template.ord);
        else this.templateName(normalizeToNfc(term.template.name));
        return;
      case 'deck':
        this.deck(normalizeToNfc(term.name));
        return;
      case 'notetypeId':
        this.emit('n.mid = ?', BigInt(term.id));
        return;
      case 'deckIds': {
        // Anki leaves this unparenthesised; `-did:1` and `did:1 or …` inherit its precedence.
        const list = this.idList(term.ids, MAX_INLINE_IDS);
        this.emit(`c.did in ${list.sql} or (c.odid != 0 and c.odid in ${list.sql})`, ...list.params, ...list.params);
        return;
      }
      case 'notetype':
        this.notetype(normalizeToNfc(term.name));
        return;
      case 'rated':
        this.rated('>', -term.days, term.rating);
        return;
      case 'tag':
        this.tag(normalizeToNfc(term.tag), term.mode);
        return;
      case 'state':
        this.state(term.state);
        return;
      case 'flag':
        this.emit('(c.flags & 7) == ?', term.flag);
        return;
      case 'noteIds': {
        const list = this.idList(term.ids, 0);
        this.emit(`${this.noteIdColumn} in ${list.sql}`, ...list.params);
        return;
      }
      case 'cardIds': {
        const list = this.idList(term.ids, 0);
        this.emit(`c.id in ${list.sql}`, ...list.params);
        return;
      }
      case 'property':
        this.property(term.operator, term.property);
        return;
      case 'customData':
        this.emit('extract_custom_data(c.data, ?) is not null', term.key);
        return;
      case 'wholeCollection':
        this.sql += 'true';
        return;
      case 'preset':
        this.preset(term.name);
        return;
    }
  }

  /** `next_day_at - 86400 * days`: the start of the day `days - 1` days ago. */
  private cutoff(days: number): number {
    return this.ctx.timing.nextDayAt - DAY * days;
  }

  /**
   * A parenthesised list of ids for `in`: one placeholder each (which lets SQLite use the
   * indexes of an `or`), or past `inlineLimit`, a JSON array read by `json_each`. Ids outside
   * SQLite's integer range compare as the float SQLite would read, as in Anki.
   */
  private idList(ids: string | readonly number[], inlineLimit: number): { sql: string; params: SqlParam[] } {
    const values = typeof ids === 'string' ? ids.split(',').map(bindableId) : [...ids];
    if (values.length <= inlineLimit) return { sql: `(${values.map(() => '?').join(', ')})`, params: values };
    return { sql: '(select value from json_each(?))', params: [`[${values.map(String).join(',')}]`] };
  }

  /** Checks a Rust regex now, so a bad one is a search error rather than an SQL error. */
  private checkedRegex(pattern: string, shown: string = pattern): string {
    try {
      compileRustRegex(pattern);
    } catch (err) {
      if (err instanceof RustRegexError) throw new SearchError('Regex', { provided: shown, info: err.message });
      throw err;
    }
    return pattern;
  }

  private matchesRegex(pattern: string, text: string): boolean {
    return compileRustRegex(pattern).test(text);
  }

  // -- note text ----------------------------------------------------------------------------

  private unqualified(text: string, noCombining: boolean, stripClozesFirst: boolean): void {
    let pattern = toSql(text);
    if (noCombining) pattern = withoutCombining(pattern);
    pattern = `%${pattern}%`;
    const flags = (noCombining ? NO_COMBINING : 0) | (stripClozesFirst ? STRIP_CLOZES : 0);
    const sfld = flags === 0 ? 'n.sfld' : `process_text(cast(n.sfld as text), ${flags})`;
    const flds = flags === 0 ? 'n.flds' : `process_text(n.flds, ${flags})`;

    if (stripClozesFirst) {
      // Anki writes `(<cloze note types>) and (…)` without outer brackets: `-sc:x` negates only
      // the note type test.
      const cloze = this.ctx.notetypes.filter((nt) => nt.cloze);
      if (cloze.length === 0) this.sql += '(false) and ';
      else this.emit(`(${cloze.map(() => 'n.mid = ?').join(' or ')}) and `, ...cloze.map((nt) => nt.id));
    }

    const included = this.includedFieldsByNotetype();
    if (included === undefined) {
      this.emit(`(${sfld} like ? escape '\\' or ${flds} like ? escape '\\')`, pattern, pattern);
      return;
    }
    // Some fields are excluded from search: test each note type's included fields.
    const clauses: string[] = [];
    const params: SqlParam[] = [];
    for (const { notetype, ranges, sortFieldExcluded } of included) {
      const parts: string[] = [];
      const partParams: SqlParam[] = [];
      for (const range of ranges) {
        parts.push(`${flds} like ? escape '\\'`);
        partParams.push(fieldPattern(notetype.fields.length, range, pattern, '%'));
      }
      if (!sortFieldExcluded) {
        parts.push(`${sfld} like ? escape '\\'`);
        partParams.push(pattern);
      }
      clauses.push(`(n.mid = ? and (${parts.join(' or ')}))`);
      params.push(notetype.id, ...partParams);
    }
    if (clauses.length === 0) this.sql += '(false)';
    else this.emit(`(${clauses.join(' or ')})`, ...params);
  }

  /** Note types with their searchable field runs, or undefined when no field is excluded. */
  private includedFieldsByNotetype():
    | { notetype: SearchNotetype; ranges: FieldRange[]; sortFieldExcluded: boolean }[]
    | undefined {
    let anyExcluded = false;
    const out: { notetype: SearchNotetype; ranges: FieldRange[]; sortFieldExcluded: boolean }[] = [];
    for (const notetype of sortedById(this.ctx.notetypes)) {
      let sortFieldExcluded = false;
      const ords: number[] = [];
      for (const field of notetype.fields) {
        if (field.excludeFromSearch) {
          anyExcluded = true;
          if (field.ord === notetype.sortFieldIdx) sortFieldExcluded = true;
        } else {
          ords.push(field.ord);
        }
      }
      const ranges = collectRanges(ords, true);
      if (ranges.length > 0) out.push({ notetype, ranges, sortFieldExcluded });
    }
    return anyExcluded ? out : undefined;
  }

  private field(fieldName: string, value: string, mode: FieldMode): void {
    if (fieldName === '*' || fieldName === '_*' || fieldName === '*_') {
      if (mode === 'regex') {
        this.emit('regexp_fields(?, n.flds)', this.checkedRegex(`(?i)${value}`, value));
      } else {
        this.emit('regexp_fields(?, n.flds)', this.checkedRegex(`(?is)^${toRe(value)}$`, value));
      }
      return;
    }
    if (mode === 'regex') {
      const byNotetype = this.matchingFields(fieldName);
      if (byNotetype.length === 0) {
        this.sql += 'false';
        return;
      }
      const regex = this.checkedRegex(`(?i)${value}`, value);
      const clauses = byNotetype.map(({ ords }) => `(n.mid = ? and regexp_fields(?, n.flds, ${ords.map(() => '?').join(', ')}))`);
      this.emit(`(${clauses.join(' or ')})`, ...byNotetype.flatMap(({ notetype, ords }) => [notetype.id, regex, ...ords]));
      return;
    }
    const anyContent = value === '*' || value === '_*' || value === '*_';
    const byNotetype = this.matchingFields(fieldName).map(({ notetype, ords }) => ({
      notetype,
      ranges: collectRanges(ords, !anyContent),
    }));
    if (byNotetype.length === 0) {
      this.sql += 'false';
      return;
    }
    let slot = toSql(value);
    let flds = 'n.flds';
    if (mode === 'nc') {
      slot = withoutCombining(slot);
      flds = `process_text(n.flds, ${NO_COMBINING})`;
    }
    const clauses: string[] = [];
    const params: SqlParam[] = [];
    for (const { notetype, ranges } of byNotetype) {
      clauses.push(`(n.mid = ? and (${ranges.map(() => `${flds} like ? escape '\\'`).join(' or ')}))`);
      params.push(notetype.id, ...ranges.map((range) => fieldPattern(notetype.fields.length, range, slot, '%')));
    }
    this.emit(`(${clauses.join(' or ')})`, ...params);
  }

  /** Note types that have fields matching `fieldName` (a glob, case-insensitive), with their ords. */
  private matchingFields(fieldName: string): { notetype: SearchNotetype; ords: number[] }[] {
    const matches = this.nameMatcher(fieldName, '^(?i)');
    const out: { notetype: SearchNotetype; ords: number[] }[] = [];
    for (const notetype of sortedById(this.ctx.notetypes)) {
      const ords = notetype.fields.filter((field) => matches(field.name)).map((field) => field.ord);
      if (ords.length > 0) out.push({ notetype, ords });
    }
    return out;
  }

  private regex(pattern: string, noCombining: boolean): void {
    const flds = noCombining ? `process_text(n.flds, ${NO_COMBINING})` : 'n.flds';
    const word = noCombining ? withoutCombining(pattern) : pattern;
    const regex = this.checkedRegex(`(?i)${word}`, word);
    const perNotetype = sortedById(this.ctx.notetypes).map((notetype) => ({
      notetype,
      ords: notetype.fields.filter((field) => !field.excludeFromSearch).map((field) => field.ord),
    }));
    if (perNotetype.every(({ notetype, ords }) => ords.length === notetype.fields.length)) {
      this.emit(`${flds} regexp ?`, regex);
      return;
    }
    const clauses: string[] = [];
    const params: SqlParam[] = [];
    for (const { notetype, ords } of perNotetype) {
      if (ords.length === 0) continue;
      if (ords.length === notetype.fields.length) {
        clauses.push(`(n.mid = ? and ${flds} regexp ?)`);
        params.push(notetype.id, regex);
      } else {
        clauses.push(`(n.mid = ? and regexp_fields(?, ${flds}, ${ords.map(() => '?').join(', ')}))`);
        params.push(notetype.id, regex, ...ords);
      }
    }
    if (clauses.length === 0) this.sql += '(false)';
    else this.emit(`(${clauses.join(' or ')})`, ...params);
  }

  private dupe(notetypeId: string, text: string): void {
    // Anki collects the notes with this checksum and note type whose stripped first field is
    // the text, then tests `n.id in (…)`; testing the note itself is the same, and lets SQLite
    // find it through the csum index (the `+` keeps it off the note type index when the
    // collection has no statistics).
    const stripped = stripHtmlPreservingMediaFilenames(text);
    this.emit(
      '(n.csum = ? and +n.mid = ? and strip_html_media(field_at_index(n.flds, 0)) = ?)',
      fieldChecksum(stripped),
      BigInt(notetypeId),
      stripped,
    );
  }

  private tag(tag: string, mode: FieldMode): void {
    if (mode === 'regex') {
      this.emit('regexp_tags(?, n.tags)', this.checkedRegex(`(?i)${tag}`, tag));
      return;
    }
    if (tag === 'none') {
      this.sql += "n.tags = ''";
    } else if (tag === '*') {
      this.sql += 'true';
    } else if (tag.includes(' ')) {
      this.sql += 'false';
    } else {
      const name = mode === 'nc' ? withoutCombining(tag) : tag;
      const tags = mode === 'nc' ? `process_text(n.tags, ${NO_COMBINING})` : 'n.tags';
      const regex = this.checkedRegex(`(?i).* ${toCustomRe(name, '\\S')}(::| ).*`, tag);
      if (mode === 'normal' && likePrefilterSafe(tag)) {
        // A LIKE that every match of the regex also satisfies, tested first: SQLite's LIKE is
        // much cheaper than a call into JavaScript, and the regex still decides.
        this.emit(`(n.tags like ? escape '\\' and n.tags regexp ?)`, `% ${toSql(tag)}%`, regex);
      } else {
        this.emit(`${tags} regexp ?`, regex);
      }
    }
  }

  // -- names --------------------------------------------------------------------------------

  private deck(name: string): void {
    if (name === '*') {
      this.sql += 'true';
      return;
    }
    if (name === 'filtered') {
      this.sql += 'c.odid != 0';
      return;
    }
    let native: string;
    if (name === 'current') {
      const current = this.ctx.decks.find((deck) => deck.id === this.ctx.currentDeckId);
      native = regexEscape(current?.name ?? 'Default');
    } else {
      native = toRe(name).split('::').map(normalizeDeckNameComponent).join('\x1f');
    }
    const pattern = this.checkedRegex(`(?i)^${native}($|\x1f)`, name);
    const ids = this.ctx.decks.filter((deck) => this.matchesRegex(pattern, deck.name)).map((deck) => deck.id);
    this.deckIds(ids, '(c.did in % or (c.odid != 0 and c.odid in %))');
  }

  /** Writes `template` with `%` replaced by the id list, or `false` when there are no ids. */
  private deckIds(ids: readonly number[], template: string): void {
    if (ids.length === 0) {
      this.sql += 'false';
      return;
    }
    const list = this.idList(ids, MAX_INLINE_IDS);
    const parts = template.split('%');
    this.emit(parts.join(list.sql), ...Array.from({ length: parts.length - 1 }, () => list.params).flat());
  }

  private preset(name: string): void {
    const preset = this.ctx.presets.find((candidate) => equalsIgnoringCase(candidate.name, name));
    if (preset === undefined) {
      this.sql += 'false';
      return;
    }
    const ids = this.ctx.decks.filter((deck) => deck.presetId === preset.id).map((deck) => deck.id);
    this.deckIds(ids, '(c.did in % or c.odid in %)');
  }

  private notetype(name: string): void {
    const matches = this.nameMatcher(name, '(?i)^');
    const ids = this.ctx.notetypes.filter((nt) => matches(nt.name)).map((nt) => nt.id);
    if (ids.length === 0) this.sql += 'false';
    else this.emit(`n.mid in (${ids.map(() => '?').join(', ')})`, ...ids);
  }

  private templateName(name: string): void {
    const matches = this.nameMatcher(name, '(?i)^');
    const pairs = this.ctx.notetypes.flatMap((nt) =>
      nt.templates.filter((template) => matches(template.name)).map((template) => [nt.id, template.ord] as const),
    );
    if (pairs.length === 0) this.sql += 'false';
    else this.emit(`(${pairs.map(() => '(n.mid = ? and c.ord = ?)').join(' or ')})`, ...pairs.flat());
  }

  /**
   * A test for names (fields, note types, templates): a glob becomes the regex `prefix…$` of
   * `to_re`, matched case-insensitively; anything else is compared with backslashes removed,
   * with Unicode case folding (unicase).
   */
  private nameMatcher(name: string, prefix: string): (candidate: string) => boolean {
    if (isGlob(name)) {
      const pattern = this.checkedRegex(`${prefix}${toRe(name)}$`, name);
      return (candidate) => this.matchesRegex(pattern, candidate);
    }
    const text = toText(name);
    return (candidate) => equalsIgnoringCase(candidate, text);
  }

  // -- cards --------------------------------------------------------------------------------

  private state(state: string): void {
    const { daysElapsed, nowSecs } = this.ctx.timing;
    switch (state) {
      case 'new':
        this.emit('c.type = ?', TYPE.new);
        return;
      case 'review':
        this.emit('c.type in (?, ?)', TYPE.review, TYPE.relearn);
        return;
      case 'learn':
        this.emit('c.type in (?, ?)', TYPE.learn, TYPE.relearn);
        return;
      case 'buried':
        this.emit('c.queue in (?, ?)', QUEUE.schedBuried, QUEUE.userBuried);
        return;
      case 'buried-manually':
        this.emit('c.queue = ?', QUEUE.userBuried);
        return;
      case 'buried-sibling':
        this.emit('c.queue = ?', QUEUE.schedBuried);
        return;
      case 'suspended':
        this.emit('c.queue = ?', QUEUE.suspended);
        return;
      default:
        // is:due: review and day-learning cards due today or earlier, learning cards due
        // within the learn-ahead limit.
        this.emit(
          '((c.queue in (?, ?) and c.due <= ?) or (c.queue in (?, ?) and c.due <= ?))',
          QUEUE.review,
          QUEUE.dayLearn,
          daysElapsed,
          QUEUE.learn,
          QUEUE.preview,
          nowSecs + this.ctx.config.learnAheadSecs,
        );
    }
  }

  /**
   * `rated:`, `resched:` and `prop:rated`/`prop:resched`: revlog ids (milliseconds) compared with
   * the day `days` days from today (0 = today, -1 = yesterday).
   */
  private rated(op: PropOperator, days: number, rating: RatingKind): void {
    const nextDayAt = this.ctx.timing.nextDayAt;
    const dayEnd = (nextDayAt + DAY * days) * 1000;
    const dayStart = (nextDayAt + DAY * (days - 1)) * 1000;
    let range: string;
    let params: SqlParam[];
    switch (op) {
      case '>':
        [range, params] = ['id >= ?', [dayEnd]];
        break;
      case '>=':
        [range, params] = ['id >= ?', [dayStart]];
        break;
      case '<':
        [range, params] = ['id < ?', [dayStart]];
        break;
      case '<=':
        [range, params] = ['id < ?', [dayEnd]];
        break;
      case '=':
        [range, params] = ['id between ? and ?', [dayStart, dayEnd - 1]];
        break;
      case '!=':
        [range, params] = ['id not between ? and ?', [dayStart, dayEnd - 1]];
        break;
    }
    if (rating.kind === 'button') this.emit(`c.id in (select cid from revlog where ${range} and ease = ?)`, ...params, rating.button);
    else this.emit(`c.id in (select cid from revlog where ${range} and ease ${rating.kind === 'any' ? '> 0' : '= 0'})`, ...params);
  }

  private property(op: PropOperator, prop: PropertyKind): void {
    const { daysElapsed, nextDayAt, nowSecs } = this.ctx.timing;
    switch (prop.kind) {
      case 'due':
        // Learning cards are due in seconds: whole days from the next rollover, with SQLite's
        // integer division truncating toward zero.
        this.emit(
          `((c.queue in (?, ?) and ${ORIGINAL_OR_DUE} ${op} ?) or (c.queue in (?, ?) and ((${ORIGINAL_OR_DUE} - ?) / 86400) ${op} ?))`,
          QUEUE.review,
          QUEUE.dayLearn,
          prop.days + daysElapsed,
          QUEUE.learn,
          QUEUE.preview,
          nextDayAt,
          prop.days,
        );
        return;
      case 'pos':
        this.emit(`(c.type = ? and ${ORIGINAL_OR_DUE} ${op} ?)`, TYPE.new, prop.value);
        return;
      case 'ivl':
        this.emit(`c.ivl ${op} ?`, prop.value);
        return;
      case 'reps':
        this.emit(`c.reps ${op} ?`, prop.value);
        return;
      case 'lapses':
        this.emit(`c.lapses ${op} ?`, prop.value);
        return;
      case 'ease':
        this.emit(`c.factor ${op} ?`, f32ToU32(Math.fround(prop.value * 1000)));
        return;
      case 'rated':
        this.rated(op, prop.days, prop.rating);
        return;
      case 'cdn':
        this.emit(`cast(extract_custom_data(c.data, ?) as float) ${op} ?`, prop.key, f32AsSqlNumber(prop.value));
        return;
      case 'cds':
        this.emit(`extract_custom_data(c.data, ?) ${op} ?`, prop.key, prop.value);
        return;
      case 's':
        this.emit(`extract_fsrs_variable(c.data, 's') ${op} ?`, f32AsSqlNumber(prop.value));
        return;
      case 'd':
        this.emit(`extract_fsrs_variable(c.data, 'd') ${op} ?`, f32AsSqlNumber(Math.fround(Math.fround(prop.value * 9) + 1)));
        return;
      case 'r':
        // New cards have no retrievability.
        this.emit(
          `(case when c.type = ? then false else extract_fsrs_retrievability(c.data, ${ORIGINAL_OR_DUE}, c.ivl, ?, ?, ?) ${op} ? end)`,
          TYPE.new,
          daysElapsed,
          nextDayAt,
          nowSecs,
          f32AsSqlNumber(prop.value),
        );
        return;
    }
  }
}

/** A run of consecutive field ords, `start` inclusive and `end` exclusive. */
interface FieldRange {
  start: number;
  end: number;
}

/** Anki's `collect_ranges`: consecutive ords joined into runs when `join`, else one run each. */
function collectRanges(ords: readonly number[], join: boolean): FieldRange[] {
  const out: FieldRange[] = [];
  for (const ord of ords) {
    const last = out.at(-1);
    if (join && last !== undefined && ord === last.end) last.end++;
    else out.push({ start: ord, end: ord + 1 });
  }
  return out;
}

/**
 * The LIKE pattern over all of `flds` for one run of fields: the value at the run's first
 * field, nothing for the rest of the run, `other` for every other field, joined by U+001F
 * (anki-semantics.md §1.9, including its adjacent-field quirk).
 */
function fieldPattern(fieldCount: number, range: FieldRange, value: string, other: string): string {
  const parts: string[] = [];
  for (let i = 0; i < fieldCount; i++) {
    if (i === range.start) parts.push(value);
    else if (i < range.start || i >= range.end) parts.push(other);
  }
  return parts.join('\x1f');
}

function sortedById(notetypes: readonly SearchNotetype[]): SearchNotetype[] {
  return [...notetypes].sort((a, b) => a.id - b.id);
}

/** An id from a digits-only list, bound exactly: a bigint within SQLite's range, else a float. */
function bindableId(digits: string): SqlParam {
  const value = BigInt(digits);
  if (value <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(value);
  return value <= 2n ** 63n - 1n ? value : Number(digits);
}

/**
 * Anki's search parser (rslib `search/parser.rs`, anki-semantics.md §1.2–1.3, 1.7), rule for
 * rule: the same tokens, the same implicit AND, the same error for the same bad input.
 *
 * Lexing follows Anki's nom combinators. An "unquoted" term runs to whitespace, `"`, `(` or `)`
 * with backslash escapes; a quoted term keeps its escapes raw; `key:"…"` quotes only the value.
 * The term is then split at its first unescaped `:` and the key picks the kind of search.
 */
import type { CardState, FieldMode, Node, PropertyKind, PropOperator, RatingKind, SearchTerm } from './ast.js';
import { SearchError } from './errors.js';
import { I32_MAX, I32_MIN, parseF32, parseI64, parseSigned, parseUnsigned, U16_MAX, U32_MAX, U8_MAX } from './numbers.js';
import { unescape, unescapeQuotes, unescapeQuotesAndBackslashes } from './text.js';

/** A soft failure: this alternative does not apply, try the next one (nom's `Err::Error`). */
const NO_MATCH = Symbol('no match');
type NoMatch = typeof NO_MATCH;

type Step<T> = { rest: string; value: T } | NoMatch;

const IDEOGRAPHIC_SPACE = '\u3000';
// Rust's `\s`: the Unicode White_Space property.
const WHITESPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/g;

/**
 * Parses a query into its top-level node list. An empty or blank query is the whole collection.
 * Throws SearchError for anything Anki rejects.
 */
export function parseSearch(query: string): Node[] {
  // Rust's trim, on text whose only whitespace is now the plain space.
  const input = query.replace(WHITESPACE, ' ').replace(/^ +| +$/g, '');
  if (input === '') return [{ type: 'search', term: { type: 'wholeCollection' } }];
  const { rest, value } = groupInner(input);
  // An unmatched `)` is the only character no node consumes.
  if (rest !== '') throw new SearchError('UnopenedGroup');
  refuseNegatedOperators(value);
  return value;
}

/**
 * `-and` and `-or` parse in Anki as a negated operator, which it writes as `not  and ` and which
 * SQLite then refuses with a syntax error. The query is refused here too, once the whole query
 * has parsed (Anki reports any parse error first), with the misplaced-operator message, which
 * says what is wrong and how to search for the word.
 */
function refuseNegatedOperators(nodes: readonly Node[]): void {
  for (const node of nodes) {
    if (node.type === 'group') refuseNegatedOperators(node.nodes);
    if (node.type !== 'not') continue;
    if (node.node.type === 'and') throw new SearchError('MisplacedAnd');
    if (node.node.type === 'or') throw new SearchError('MisplacedOr');
    if (node.node.type === 'group') refuseNegatedOperators(node.node.nodes);
  }
}

const isSpace = (char: string | undefined): boolean => char === ' ' || char === IDEOGRAPHIC_SPACE;

function skipSpaces(s: string): string {
  let i = 0;
  while (isSpace(s[i])) i++;
  return s.slice(i);
}

/** Zero or more nodes with implicit ANDs, up to a `)` or the end. */
function groupInner(input: string): { rest: string; value: Node[] } {
  let remaining = input;
  const nodes: Node[] = [];
  for (;;) {
    const step = node(remaining);
    if (step === NO_MATCH) break;
    remaining = step.rest;
    const parsed = step.value;
    const isOperator = parsed.type === 'and' || parsed.type === 'or';
    if (nodes.length % 2 === 0) {
      if (parsed.type === 'and') throw new SearchError('MisplacedAnd');
      if (parsed.type === 'or') throw new SearchError('MisplacedOr');
    } else if (!isOperator) {
      nodes.push({ type: 'and' });
    }
    nodes.push(parsed);
  }
  const last = nodes.at(-1);
  if (last?.type === 'and') throw new SearchError('MisplacedAnd');
  if (last?.type === 'or') throw new SearchError('MisplacedOr');
  return { rest: skipSpaces(remaining), value: nodes };
}

/** Optional spaces, then a negated node, a group or text. */
function node(input: string): Step<Node> {
  const s = skipSpaces(input);
  const negated = negatedNode(s);
  if (negated !== NO_MATCH) return negated;
  const grouped = group(s);
  if (grouped !== NO_MATCH) return grouped;
  return text(s);
}

function negatedNode(s: string): Step<Node> {
  if (!s.startsWith('-')) return NO_MATCH;
  const after = s.slice(1);
  let inner = group(after);
  if (inner === NO_MATCH) inner = text(after);
  if (inner === NO_MATCH) return NO_MATCH;
  return { rest: inner.rest, value: { type: 'not', node: inner.value } };
}

function group(s: string): Step<Node> {
  if (!s.startsWith('(')) return NO_MATCH;
  const { rest, value } = groupInner(s.slice(1));
  if (!rest.startsWith(')')) throw new SearchError('UnclosedGroup');
  if (value.length === 0) throw new SearchError('EmptyGroup');
  return { rest: rest.slice(1), value: { type: 'group', nodes: value } };
}

function text(s: string): Step<Node> {
  const quoted = quotedTerm(s);
  if (quoted !== NO_MATCH) return quoted;
  const partial = partiallyQuotedTerm(s);
  if (partial !== NO_MATCH) return partial;
  return unquotedTerm(s);
}

function quotedTerm(s: string): Step<Node> {
  const quoted = quotedString(s);
  if (quoted === NO_MATCH) return quoted;
  return { rest: quoted.rest, value: { type: 'search', term: termForText(quoted.value) } };
}

/** `key:"value"`: the key may not contain `"`, `(`, `)`, `:` or spaces. */
function partiallyQuotedTerm(s: string): Step<Node> {
  const key = escaped(s, '"(): \u3000\\', (char) => !isSpace(char));
  if (key === NO_MATCH || typeof key.value !== 'string' || !key.rest.startsWith(':')) return NO_MATCH;
  const value = quotedString(key.rest.slice(1));
  if (value === NO_MATCH) return NO_MATCH;
  return { rest: value.rest, value: { type: 'search', term: termWithArgument(key.value, value.value) } };
}

function unquotedTerm(s: string): Step<Node> {
  const step = escaped(s, '"() \u3000\\', (char) => !isSpace(char));
  if (step === NO_MATCH) {
    if (s === '' || '"() \u3000'.includes(s.charAt(0))) return NO_MATCH;
    // Only a trailing lone backslash gets here.
    throw new SearchError('UnknownEscape', { provided: '\\' });
  }
  if (typeof step.value !== 'string') {
    // A backslash followed by a space: Anki reports the backslash and the rest of the input.
    throw new SearchError('UnknownEscape', { provided: '\\' + step.value.badEscapeAt });
  }
  const term = step.value;
  if (term === '') return NO_MATCH;
  const lower = asciiLower(term);
  if (term.length === 3 && lower === 'and') return { rest: step.rest, value: { type: 'and' } };
  if (term.length === 2 && lower === 'or') return { rest: step.rest, value: { type: 'or' } };
  return { rest: step.rest, value: { type: 'search', term: termForText(term) } };
}

/**
 * nom's `escaped(is_not(stop), '\\', escapable)`: characters not in `stop`, or a backslash and
 * one character accepted by `escapable`. Returns the matched text (possibly empty at the end of
 * the input); NoMatch when nothing matched before a stop character or a trailing backslash;
 * `{badEscapeAt}` when a backslash is followed by a character `escapable` refuses.
 */
function escaped(
  s: string,
  stop: string,
  escapable: (char: string) => boolean,
): { rest: string; value: string | { badEscapeAt: string } } | NoMatch {
  let i = 0;
  while (i < s.length) {
    const char = s.charAt(i);
    if (char === '\\') {
      if (i + 1 >= s.length) return NO_MATCH;
      const next = String.fromCodePoint(s.codePointAt(i + 1) ?? 0);
      if (!escapable(next)) return { rest: s, value: { badEscapeAt: s.slice(i + 1) } };
      i += 1 + next.length;
      continue;
    }
    if (stop.includes(char)) {
      if (i === 0) return NO_MATCH;
      break;
    }
    i++;
  }
  return { rest: s.slice(i), value: s.slice(0, i) };
}

/** A non-empty string between unescaped double quotes, escapes kept. */
function quotedString(s: string): Step<string> {
  if (!s.startsWith('"')) return NO_MATCH;
  const opened = s.slice(1);
  if (opened.startsWith('"')) throw new SearchError('EmptyQuote');
  let i = 0;
  while (i < opened.length) {
    const char = opened.charAt(i);
    if (char === '"') return { rest: opened.slice(i + 1), value: opened.slice(0, i) };
    i += char === '\\' ? 2 : 1;
  }
  throw new SearchError('UnclosedQuote');
}

/** Splits a term at its first unescaped `:`; without one it is plain text. */
function termForText(s: string): SearchTerm {
  let i = 0;
  while (i < s.length && s.charAt(i) !== ':') i += s.charAt(i) === '\\' ? 2 : 1;
  if (i === 0) throw new SearchError('MissingKey');
  if (i >= s.length) return { type: 'unqualified', text: unescape(s) };
  return termWithArgument(s.slice(0, i), s.slice(i + 1));
}

/** The search for `key:val` (key compared in ASCII lower case); any other key is a field. */
function termWithArgument(key: string, val: string): SearchTerm {
  switch (asciiLower(key)) {
    case 'deck':
      return { type: 'deck', name: unescape(val) };
    case 'note':
      return { type: 'notetype', name: unescape(val) };
    case 'tag':
      return parseTag(val);
    case 'card':
      return parseTemplate(val);
    case 'flag':
      return parseFlag(val);
    case 'resched':
      return { type: 'rated', days: u32(val, 'resched:'), rating: { kind: 'reschedule' } };
    case 'prop':
      return parseProp(val);
    case 'added':
      return { type: 'added', days: Math.max(u32(val, 'added:'), 1) };
    case 'edited':
      return { type: 'edited', days: Math.max(u32(val, 'edited:'), 1) };
    case 'introduced':
      return { type: 'introduced', days: Math.max(u32(val, 'introduced:'), 1) };
    case 'rated':
      return parseRated(val);
    case 'is':
      return { type: 'state', state: parseState(val) };
    case 'did':
      return { type: 'deckIds', ids: idList(val, key) };
    case 'mid':
      return { type: 'notetypeId', id: i64(val, 'mid:') };
    case 'nid':
      return { type: 'noteIds', ids: idList(val, key) };
    case 'cid':
      return { type: 'cardIds', ids: idList(val, key) };
    case 're':
      return { type: 'regex', pattern: unescapeQuotes(val) };
    case 'nc':
      return { type: 'noCombining', text: unescape(val) };
    case 'sc':
      return { type: 'stripClozes', text: unescape(val) };
    case 'w':
      return { type: 'wordBoundary', text: unescape(val) };
    case 'dupe':
      return parseDupe(val);
    case 'has-cd':
      return { type: 'customData', key: unescape(val) };
    case 'preset':
      return { type: 'preset', name: val };
    default:
      return parseField(key, val);
  }
}

const asciiLower = (text: string): string => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

function parseTag(val: string): SearchTerm {
  if (val.startsWith('re:')) return { type: 'tag', tag: unescapeQuotes(val.slice(3)), mode: 'regex' };
  if (val.startsWith('nc:')) return { type: 'tag', tag: unescape(val.slice(3)), mode: 'nc' };
  return { type: 'tag', tag: unescape(val), mode: 'normal' };
}

function parseTemplate(val: string): SearchTerm {
  const ord = parseUnsigned(val, U16_MAX);
  if (ord !== undefined) return { type: 'template', template: { kind: 'ordinal', ord: Math.max(ord, 1) - 1 } };
  return { type: 'template', template: { kind: 'name', name: unescape(val) } };
}

function parseFlag(val: string): SearchTerm {
  const flag = parseUnsigned(val, U8_MAX);
  if (flag === undefined || flag > 7) throw new SearchError('InvalidFlag');
  return { type: 'flag', flag };
}

const STATES: readonly CardState[] = ['new', 'review', 'learn', 'due', 'buried', 'buried-manually', 'buried-sibling', 'suspended'];

function parseState(val: string): CardState {
  const state = STATES.find((candidate) => candidate === val);
  if (state === undefined) throw new SearchError('InvalidState', { provided: val });
  return state;
}

function parseRated(val: string): SearchTerm {
  const colon = val.indexOf(':');
  const daysText = colon < 0 ? val : val.slice(0, colon);
  const days = Math.max(u32(daysText, 'rated:'), 1);
  const rating = answerButton(colon < 0 ? undefined : val.slice(colon + 1), val);
  return { type: 'rated', days, rating };
}

function answerButton(text: string | undefined, context: string): RatingKind {
  if (text === undefined) return { kind: 'any' };
  const button = parseUnsigned(text, U8_MAX);
  if (button === undefined || button < 1 || button > 4) throw new SearchError('InvalidAnswerButton', { context, provided: text });
  return { kind: 'button', button };
}

/** `nid:`, `cid:`, `did:`: digits separated by single commas (Anki's `^(\d+,)*\d+$`). */
function idList(val: string, key: string): string {
  if (/^(?:[0-9]+,)*[0-9]+$/.test(val)) return val;
  throw new SearchError('Other', { info: `expected only digits and commas in ${key}:` });
}

function parseDupe(val: string): SearchTerm {
  const comma = val.indexOf(',');
  const id = i64(comma < 0 ? val : val.slice(0, comma), val);
  if (comma < 0) throw new SearchError('Other', { info: "invalid 'dupe:' search" });
  return { type: 'dupe', notetypeId: id, text: unescapeQuotesAndBackslashes(val.slice(comma + 1)) };
}

function parseField(key: string, val: string): SearchTerm {
  let mode: FieldMode = 'normal';
  let text: string;
  if (val.startsWith('re:')) {
    mode = 'regex';
    text = unescapeQuotes(val.slice(3));
  } else if (val.startsWith('nc:')) {
    mode = 'nc';
    text = unescapeQuotes(val.slice(3));
  } else {
    text = val;
  }
  const field = unescape(key);
  return { type: 'field', field, text: mode === 'normal' ? unescape(text) : text, mode };
}

// Tried in this order, as Anki's `alt`; the first that is a prefix wins.
const PROPERTIES = ['ivl', 'due', 'reps', 'lapses', 'ease', 'pos', 'rated', 'resched', 's', 'd', 'r'] as const;
const OPERATORS: readonly PropOperator[] = ['<=', '>=', '!=', '=', '<', '>'];

function parseProp(clause: string): SearchTerm {
  let prop: string | undefined = PROPERTIES.find((name) => clause.startsWith(name));
  prop ??= /^cd[ns]:[0-9A-Za-z]+/.exec(clause)?.[0];
  if (prop === undefined) throw new SearchError('InvalidPropProperty', { provided: clause });
  const tail = clause.slice(prop.length);
  const operator = OPERATORS.find((op) => tail.startsWith(op));
  if (operator === undefined) throw new SearchError('InvalidPropOperator', { provided: prop });
  const num = tail.slice(operator.length);
  return { type: 'property', operator, property: propertyKind(prop, num, clause) };
}

function propertyKind(prop: string, num: string, clause: string): PropertyKind {
  switch (prop) {
    case 'ease':
      return { kind: 'ease', value: f32(num, clause) };
    case 'due':
      return { kind: 'due', days: i32(num, clause) };
    case 'rated': {
      const colon = num.indexOf(':');
      const days = nonPositiveI32(colon < 0 ? num : num.slice(0, colon), clause);
      return { kind: 'rated', days, rating: answerButton(colon < 0 ? undefined : num.slice(colon + 1), clause) };
    }
    case 'resched':
      return { kind: 'rated', days: nonPositiveI32(num, clause), rating: { kind: 'reschedule' } };
    case 'ivl':
      return { kind: 'ivl', value: u32(num, clause) };
    case 'reps':
      return { kind: 'reps', value: u32(num, clause) };
    case 'lapses':
      return { kind: 'lapses', value: u32(num, clause) };
    case 'pos':
      return { kind: 'pos', value: u32(num, clause) };
    case 's':
      return { kind: 's', value: f32(num, clause) };
    case 'd':
      return { kind: 'd', value: f32(num, clause) };
    case 'r':
      return { kind: 'r', value: f32(num, clause) };
    default:
      if (prop.startsWith('cdn:')) return { kind: 'cdn', key: prop.slice(4), value: f32(num, clause) };
      return { kind: 'cds', key: prop.slice(4), value: num };
  }
}

function u32(num: string, context: string): number {
  const value = parseUnsigned(num, U32_MAX);
  if (value === undefined) throw new SearchError('InvalidPositiveWholeNumber', { context, provided: num });
  return value;
}

function i32(num: string, context: string): number {
  const value = parseSigned(num, I32_MIN, I32_MAX);
  if (value === undefined) throw new SearchError('InvalidWholeNumber', { context, provided: num });
  return value;
}

function nonPositiveI32(num: string, context: string): number {
  const value = parseSigned(num, I32_MIN, I32_MAX);
  if (value === undefined || value > 0) throw new SearchError('InvalidNegativeWholeNumber', { context, provided: num });
  return value;
}

function i64(num: string, context: string): string {
  const value = parseI64(num);
  if (value === undefined) throw new SearchError('InvalidWholeNumber', { context, provided: num });
  return value.toString();
}

function f32(num: string, context: string): number {
  const value = parseF32(num);
  if (value === undefined) throw new SearchError('InvalidNumber', { context, provided: num });
  return value;
}

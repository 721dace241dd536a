// The search table: every term, operator, escape and documented quirk of Anki's search
// (reference/anki-semantics.md §1), each case a query and the notes (and, where they differ from
// "all cards of those notes", the cards) it must find on the collection of ./fixture.ts, or the
// error kind it must raise. Expectations are derived from the rules, not from this server's output.
// Shared by search-table.test.ts (expectations) and test-anki/search.test.ts (real Anki).
//
// Placeholders in queries are replaced by ids: {note:cat}, {card:dog/2}, {deck:Mining}, {nt:Basic}.
import type { SearchErrorKind } from '../../src/search/index.js';
import { NOTES, type SearchFixture } from './fixture.js';

export interface Case {
  q: string;
  notes?: readonly string[];
  cards?: readonly string[];
  error?: SearchErrorKind;
}

const ALL = NOTES.map((note) => note.label);
const TWO_CARDS = new Set(['dog', 'cloze1', 'optional', 'vocab', 'dup3']);
export const ALL_CARDS = ALL.flatMap((label) => (TWO_CARDS.has(label) ? [`${label}/1`, `${label}/2`] : [`${label}/1`]));
const except = (...labels: string[]): string[] => ALL.filter((label) => !labels.includes(label));
const cardsExcept = (...labels: string[]): string[] => ALL_CARDS.filter((label) => !labels.includes(label));
const ADDED_TODAY = NOTES.filter((note) => note.daysAgo === 0).map((note) => note.label);
const NONE: string[] = [];
const BASIC = ['cat', 'bird', 'cafe', 'naive', 'html', 'number', 'snake', 'snakex', 'quote', 'paren', 'minus', 'upper', 'russian', 'dup1', 'dup2', 'paris'];
const BASIC_FAMILY = except('cloze1', 'cloze2', 'vocab');
const IN_DEFAULT = ['naive', 'html', 'number', 'snake', 'snakex', 'quote', 'paren', 'minus', 'russian', 'empty', 'dup1', 'dup2', 'dup3', 'paris'];
const MINING = ['cat', 'dog', 'bird', 'cloze2', 'vocab'];
const MINING_CARDS = ['cat/1', 'dog/1', 'dog/2', 'bird/1', 'cloze2/1', 'vocab/1', 'vocab/2'];
const NEW_CARDS = ['cafe/1', 'snake/1', 'snakex/1', 'quote/1', 'paren/1', 'minus/1', 'optional/1', 'optional/2', 'vocab/2', 'upper/1', 'russian/1', 'empty/1', 'dup1/1', 'dup2/1', 'dup3/1', 'dup3/2', 'paris/1'];
const FLAGGED = ['cat/1', 'dog/1', 'dog/2', 'html/1', 'snake/1', 'snakex/1', 'bird/1'];
const WITH_IVL = ['cat/1', 'dog/2', 'bird/1', 'naive/1', 'cloze1/1', 'cloze2/1', 'html/1', 'vocab/1'];
const WITH_FACTOR = ['cat/1', 'dog/2', 'bird/1', 'naive/1', 'cloze1/1', 'cloze2/1', 'vocab/1', 'html/1'];

export const CASES: Case[] = [
  // ---- §1.1/1.2 whole collection, whitespace, implicit AND, operators, precedence ----
  // An empty query is the whole collection.
  { q: '', notes: ALL },
  // A blank query too.
  { q: '   ', notes: ALL },
  // Every Unicode whitespace becomes a space, then the query is trimmed.
  { q: '\t\n\u00a0', notes: ALL },
  // The ideographic space U+3000 is whitespace as well.
  { q: '\u3000', notes: ALL },
  // Plain text matches inside fields.
  { q: 'dog', notes: ['dog'] },
  // Plain text is LIKE: ASCII letters match in any case.
  { q: 'DOG', notes: ['dog'] },
  // Surrounding spaces are trimmed.
  { q: '  dog  ', notes: ['dog'] },
  // A tab separates terms like a space.
  { q: 'dog\tinu', notes: ['dog'] },
  // So does U+3000.
  { q: 'dog\u3000inu', notes: ['dog'] },
  // And a no-break space (Rust's \s), replaced before parsing.
  { q: 'dog\u00a0inu', notes: ['dog'] },
  // Adjacent terms are joined by an implicit AND.
  { q: 'cat animal', notes: ['cat'] },
  // `and` is an explicit AND.
  { q: 'cat and animal', notes: ['cat'] },
  // Operators are ASCII case-insensitive.
  { q: 'cat AND animal', notes: ['cat'] },
  // Any letter case.
  { q: 'cat AnD animal', notes: ['cat'] },
  // `or` joins alternatives ("cat" also occurs in "duplicate").
  { q: 'cat or dog', notes: ['cat', 'dog', 'dup1', 'dup2', 'dup3'] },
  // `OR` in capitals.
  { q: 'cat OR dog', notes: ['cat', 'dog', 'dup1', 'dup2', 'dup3'] },
  // AND binds tighter than OR: dog OR (cat AND bird).
  { q: 'dog or cat bird', notes: ['dog'] },
  // bird OR (cat AND animal) ("animal" is field text of cat only; dog has it as a tag).
  { q: 'bird or cat animal', notes: ['bird', 'cat'] },
  // A group changes the grouping: (dog OR cat) AND animal.
  { q: '(dog or cat) animal', notes: ['cat'] },
  // (dog OR cat) AND bird matches nothing.
  { q: '(dog or cat) bird', notes: NONE },
  // A group of one term.
  { q: 'dog (inu)', notes: ['dog'] },
  // Nested groups.
  { q: '((dog))', notes: ['dog'] },
  // `-` negates the following term.
  { q: '-cat', notes: except('cat', 'dup1', 'dup2', 'dup3') },
  // `-` negates a whole group.
  { q: '-(cat or dog)', notes: except('cat', 'dog', 'dup1', 'dup2', 'dup3') },
  // Two negations are ANDed.
  { q: '-cat -dog', notes: except('cat', 'dog', 'dup1', 'dup2', 'dup3') },
  // A term and the negation of another field's text.
  { q: 'dog -inu', notes: NONE },
  // A lone `-` is text, the same as `\-`.
  { q: '-', notes: ['minus'] },
  // `\-` is an escaped hyphen.
  { q: '\\-', notes: ['minus'] },
  // `-\-minus`: NOT the text "-minus".
  { q: '-\\-minus', notes: except('minus') },
  // `--minus`: the second hyphen belongs to the negated text.
  { q: '--minus', notes: except('minus') },
  // A quoted hyphen is text.
  { q: '"-minus"', notes: ['minus'] },
  // `"` and `(` end an unquoted term: dog"inu"(Dog) is dog inu (Dog).
  { q: 'dog"inu"(Dog)', notes: ['dog'] },
  // A quoted "and" is text.
  { q: '"and"', notes: ['minus'] },
  // A quoted "or" is text ("tori", "word").
  { q: '"or"', notes: ['bird', 'html'] },
  // Quoted operators in any case are text too.
  { q: '"AND"', notes: ['minus'] },
  // Text that only starts like an operator is text.
  { q: 'andy', notes: NONE },
  // An operator with nothing on its left: MisplacedAnd.
  { q: 'and', error: 'MisplacedAnd' },
  // `or` alone: MisplacedOr.
  { q: 'or', error: 'MisplacedOr' },
  // An operator at the end.
  { q: 'dog and', error: 'MisplacedAnd' },
  // An operator at the start.
  { q: 'or dog', error: 'MisplacedOr' },
  // Two operators in a row.
  { q: 'dog or or cat', error: 'MisplacedOr' },
  // `and or`: the `or` follows an operator.
  { q: 'dog and or cat', error: 'MisplacedOr' },
  // `or and`: the `and` follows an operator.
  { q: 'dog or and cat', error: 'MisplacedAnd' },
  // Inside a group the same rules apply.
  { q: '(and dog)', error: 'MisplacedAnd' },
  // A negated operator: Anki writes `not  and` and SQLite refuses it; a misplaced operator here.
  { q: '-and', error: 'MisplacedAnd' },
  // Also between terms.
  { q: 'dog -OR cat', error: 'MisplacedOr' },
  // An operator before a closing bracket.
  { q: 'dog (cat or)', error: 'MisplacedOr' },
  // A closing bracket without an opening one.
  { q: ')', error: 'UnopenedGroup' },
  // Also in the middle.
  { q: 'dog ) cat', error: 'UnopenedGroup' },
  // One closing bracket too many.
  { q: '(dog) cat)', error: 'UnopenedGroup' },
  // An opening bracket never closed.
  { q: '(', error: 'UnclosedGroup' },
  // Also after a term.
  { q: 'dog ( cat', error: 'UnclosedGroup' },
  // An inner group closed, the outer not.
  { q: '(dog (cat)', error: 'UnclosedGroup' },
  // An empty group.
  { q: '()', error: 'EmptyGroup' },
  // A group of spaces is empty.
  { q: '( )', error: 'EmptyGroup' },
  // An empty group inside another.
  { q: '(dog () cat)', error: 'EmptyGroup' },
  // An empty quoted term.
  { q: '""', error: 'EmptyQuote' },
  // An empty quoted value.
  { q: 'front:""', error: 'EmptyQuote' },
  // A quote never closed.
  { q: '"dog', error: 'UnclosedQuote' },
  // A lone quote between spaces.
  { q: ' " ', error: 'UnclosedQuote' },
  // `"\`: the backslash escapes nothing and the quote stays open.
  { q: '"\\', error: 'UnclosedQuote' },
  // An unclosed quoted value.
  { q: 'front:"dog', error: 'UnclosedQuote' },
  // `\"` escapes the would-be closing quote.
  { q: 'front:"dog\\"', error: 'UnclosedQuote' },
  // A colon with no key.
  { q: ':', error: 'MissingKey' },
  // A term starting with a colon.
  { q: ':dog', error: 'MissingKey' },
  // Also inside quotes.
  { q: '":dog"', error: 'MissingKey' },
  // A quoted term ends at its quote, so `"back extra":geo*` leaves `:geo*` without a key.
  { q: '"back extra":geo*', error: 'MissingKey' },
  // A lone backslash.
  { q: '\\', error: 'UnknownEscape' },
  // A trailing odd backslash.
  { q: 'dog\\', error: 'UnknownEscape' },
  // `\%` is not an escape Anki knows.
  { q: '\\%', error: 'UnknownEscape' },
  // `\d` neither (search text is not a regex).
  { q: '\\dog', error: 'UnknownEscape' },
  // A backslash before a space in unquoted text.
  { q: 'dog\\ inu', error: 'UnknownEscape' },
  // Inside quotes `\ ` is checked when the text is unescaped.
  { q: '"\\ "', error: 'UnknownEscape' },
  // Field values are unescaped and checked.
  { q: 'front:\\x', error: 'UnknownEscape' },
  // Field names too.
  { q: 'fr\\ont:dog', error: 'UnknownEscape' },
  // A quoted term.
  { q: '"dog" inu', notes: ['dog'] },
  // A quoted phrase must occur as written.
  { q: '"dog inu"', notes: NONE },
  // One LIKE pattern spans the whole flds, so `*` crosses the field separator.
  { q: '"Dog*inu"', notes: ['dog'] },
  // `key:"value"`: only the value quoted.
  { q: 'front:"Dog"', notes: ['dog'] },
  // Escaped quotes inside a quoted value.
  { q: 'front:"say \\"hi\\""', notes: ['quote'] },
  // The whole term quoted.
  { q: '"front:say \\"hi\\""', notes: ['quote'] },

  // ---- §1.3 escapes ----
  // The parser unescapes `\" \: \( \) \-`.
  { q: '\\"\\:\\(\\)\\-', notes: NONE },
  // Escaped brackets are text.
  { q: '\\(paren\\)', notes: ['paren'] },
  // Brackets need no escape inside quotes.
  { q: '"(paren)"', notes: ['paren'] },
  // Escaping them inside quotes is optional.
  { q: '"\\(paren\\)"', notes: ['paren'] },
  // Unescaped, they make a group around the word.
  { q: '(paren)', notes: ['paren'] },
  // An escaped colon is text, not a key.
  { q: 'colon\\:here', notes: ['paren'] },
  // Also inside quotes.
  { q: '"colon\\:here"', notes: ['paren'] },
  // Unescaped it is a search of the field "colon", which no note type has.
  { q: 'colon:here', notes: NONE },
  // The same inside quotes.
  { q: '"colon:here"', notes: NONE },
  // Plain word.
  { q: 'say', notes: ['quote'] },
  // Escaped quotes inside a quoted phrase.
  { q: '"say \\"hi\\""', notes: ['quote'] },
  // Escaped quotes in unquoted text.
  { q: '\\"hi\\"', notes: ['quote'] },
  // `\\` is a literal backslash.
  { q: 'back\\\\slash', notes: ['quote'] },
  // `*` matches anything, the backslash included.
  { q: 'back*slash', notes: ['quote'] },

  // ---- §1.4 wildcards in text ----
  // `_` is one character in LIKE.
  { q: 'snake_case', notes: ['snake', 'snakex'] },
  // `\_` is a literal underscore.
  { q: 'snake\\_case', notes: ['snake'] },
  // `*` is any run of characters.
  { q: 'snake*case', notes: ['snake', 'snakex'] },
  // `\*` is a literal star.
  { q: 'snake\\*case', notes: NONE },
  // `%` is escaped: a literal percent sign.
  { q: '100%', notes: ['snake'] },
  // `100*` matches both "100%" and "1000".
  { q: '100*', notes: ['snake', 'snakex'] },
  // `_` matches the `%` and the `0`.
  { q: '100_', notes: ['snake', 'snakex'] },
  // A lone percent sign.
  { q: '%', notes: ['snake'] },
  // A lone star matches everything.
  { q: '*', notes: ALL },
  // A lone underscore: any note with at least one character.
  { q: '_', notes: ALL },

  // ---- §1.5 case, Unicode, normalisation ----
  // LIKE is case-sensitive outside ASCII: Cyrillic lower case does not find Привет.
  { q: 'привет', notes: NONE },
  // The exact spelling does.
  { q: 'Привет', notes: ['russian'] },
  // Upper case neither.
  { q: 'ПРИВЕТ', notes: NONE },
  // Regexes fold Unicode case.
  { q: 're:привет', notes: ['russian'] },
  // In either direction.
  { q: 're:ПРИВЕТ', notes: ['russian'] },
  // Accented lower case as stored.
  { q: 'àéî', notes: ['upper'] },
  // Accented upper case as stored.
  { q: 'ÀÉÎ', notes: ['upper'] },
  // Mixed case of non-ASCII letters does not match.
  { q: 'àÉî', notes: NONE },
  // ASCII letters match in any case.
  { q: 'upper LOWER', notes: ['upper'] },
  // The accented word.
  { q: 'naïve', notes: ['naive'] },
  // Ï is not ï to LIKE.
  { q: 'NAÏVE', notes: NONE },
  // Accents matter without nc:.
  { q: 'naive', notes: NONE },
  // nc: removes combining marks on both sides.
  { q: 'nc:naive', notes: ['naive'] },
  // nc: then LIKE's ASCII case-insensitivity.
  { q: 'nc:NAIVE', notes: ['naive'] },
  // The search text is folded too.
  { q: 'nc:naïve', notes: ['naive'] },
  // nc: maps ß to a single s: "Straße" becomes "Strase".
  { q: 'nc:strase', notes: ['naive'] },
  // So "strasse" does not match.
  { q: 'nc:strasse', notes: NONE },
  // nc: on café.
  { q: 'nc:cafe', notes: ['cafe'] },
  // Without nc: the accent matters.
  { q: 'cafe', notes: NONE },
  // The composed spelling.
  { q: 'café', notes: ['cafe'] },
  // A decomposed é is NFC-normalised before searching.
  { q: 'cafe\u0301', notes: ['cafe'] },
  // A regex dot matches the é.
  { q: 're:caf.', notes: ['cafe'] },
  // CJK text.
  { q: '猫', notes: ['cat'] },
  // nc: leaves CJK alone.
  { q: 'nc:猫', notes: ['cat'] },
  // A CJK prefix with a wildcard.
  { q: '食べ*', notes: ['vocab'] },
  // ß as stored.
  { q: 'Straße', notes: ['naive'] },
  // LIKE does not expand ß to SS.
  { q: 'STRASSE', notes: NONE },

  // ---- §1.6 what the notes table stores ----
  // sfld holds the stripped sort field: "<b>bold</b>word" is found as "boldword".
  { q: 'boldword', notes: ['html'] },
  // Part of a word.
  { q: 'bold', notes: ['html'] },
  // flds holds raw HTML.
  { q: '<b>', notes: ['cat', 'html'] },
  // Entities are stored encoded, so "a&b" is not found…
  { q: 'a&b', notes: NONE },
  // …but "a&amp;b" is.
  { q: 'a&amp;b', notes: ['html'] },
  // Encoded angle brackets.
  { q: '&lt;tag&gt;', notes: ['html'] },
  // Decoded ones are not in flds.
  { q: '<tag>', notes: NONE },
  // Media file names inside tags are in flds.
  { q: 'pic.jpg', notes: ['html'] },
  // A numeric sort field is stored as an integer; LIKE compares its text.
  { q: '2345', notes: ['number'] },
  // The whole number.
  { q: '12345', notes: ['number'] },
  // One pattern spans fields.
  { q: '猫*cat', notes: ['cat'] },
  // `_` matches the field separator itself.
  { q: '猫_cat', notes: ['cat'] },
  // Field order matters.
  { q: 'inu*Dog', notes: NONE },

  // ---- §1.7 field searches ----
  // A field search is an exact whole-field match, ASCII case-insensitive.
  { q: 'front:dog', notes: ['dog'] },
  // As stored.
  { q: 'front:Dog', notes: ['dog'] },
  // Field names are case-insensitive.
  { q: 'Front:dog', notes: ['dog'] },
  // In capitals.
  { q: 'FRONT:dog', notes: ['dog'] },
  // Not a substring search.
  { q: 'front:do', notes: NONE },
  // A trailing wildcard.
  { q: 'front:do*', notes: ['dog'] },
  // A leading wildcard.
  { q: 'front:*og', notes: ['dog'] },
  // `_` for one character.
  { q: 'front:d_g', notes: ['dog'] },
  // `field:*`: every note whose type has the field, whatever its content.
  { q: 'front:*', notes: BASIC_FAMILY },
  // `field:_*`: the field is not empty.
  { q: 'front:_*', notes: BASIC_FAMILY },
  // `field:`: the field is empty.
  { q: 'front:', notes: NONE },
  // An empty Back.
  { q: 'back:', notes: ['empty'] },
  // A non-empty Back.
  { q: 'back:_*', notes: except('cloze1', 'cloze2', 'vocab', 'empty') },
  // Notes whose type has Back.
  { q: 'back:*', notes: BASIC_FAMILY },
  // A glob over field names: Back and Back Extra, each empty.
  { q: 'back*:', notes: ['cloze2', 'empty'] },
  // A field name with a space, the whole term quoted.
  { q: '"back extra:geo*"', notes: ['cloze1'] },
  // The exact value.
  { q: '"back extra:geo extra"', notes: ['cloze1'] },
  // Cloze text holds the markup.
  { q: 'text:*Berlin*', notes: ['cloze2'] },
  // So the bare word is not the whole field.
  { q: 'text:berlin', notes: NONE },
  // A glob field name.
  { q: 'fro*:猫', notes: ['cat'] },
  // `_` in a field name.
  { q: 'f_ont:猫', notes: ['cat'] },
  // A leading `*` in a field name.
  { q: '*ont:dog', notes: ['dog'] },
  // Any other key is a field search; no note type has "nofield".
  { q: 'nofield:dog', notes: NONE },
  // Also with an empty value.
  { q: 'nofield:', notes: NONE },
  // Numbers are text in fields.
  { q: 'front:12345', notes: ['number'] },
  // Exact, so a part does not match.
  { q: 'front:2345', notes: NONE },
  // With a wildcard it does.
  { q: 'front:*2345', notes: ['number'] },
  // Later colons need no escape.
  { q: 'back:3:30*', notes: ['number'] },
  // `%` in a field value is literal.
  { q: 'back:100%*', notes: ['snake'] },
  // `_` in a field value is one character.
  { q: 'back:100_*', notes: ['snake', 'snakex'] },
  // An escaped underscore.
  { q: 'front:snake\\_case', notes: ['snake'] },
  // An unescaped one.
  { q: 'front:snake_case', notes: ['snake', 'snakex'] },
  // A value with spaces, by wildcard.
  { q: 'front:say*', notes: ['quote'] },
  // A literal backslash in a value.
  { q: 'back:back\\\\slash', notes: ['quote'] },
  // A bracket ends an unquoted term: `front:` (empty) AND the group (paren).
  { q: 'front:(paren)', notes: NONE },
  // Escaped brackets in a value.
  { q: 'front:\\(paren\\)', notes: ['paren'] },
  // A quoted value with brackets.
  { q: 'front:"(paren)"', notes: ['paren'] },
  // An escaped hyphen in a value.
  { q: 'front:\\-minus', notes: ['minus'] },
  // A hyphen inside a term is not a negation.
  { q: 'front:-minus', notes: ['minus'] },
  // A negated field search.
  { q: '-front:dog', notes: except('dog') },
  // Field values are raw HTML.
  { q: 'front:<b>bold</b>word', notes: ['html'] },
  // So the stripped text is not the field.
  { q: 'front:boldword', notes: NONE },
  // `field:re:` finds a match anywhere in the field, case-insensitively.
  { q: 'front:re:^d', notes: ['dog', 'dup1', 'dup3'] },
  // Upper case in the regex.
  { q: 'front:re:^D', notes: ['dog', 'dup1', 'dup3'] },
  // `(?-i)` makes it case-sensitive (quoted: a bracket would end an unquoted term).
  { q: '"front:re:(?-i)^D"', notes: ['dog'] },
  // Unquoted, the bracket starts a group even inside a regex: `front:re:` AND (?-i) AND ^D.
  { q: 'front:re:(?-i)^D', notes: NONE },
  // `$` is the end of the field.
  { q: 'front:re:og$', notes: ['dog'] },
  // `\b` is a Unicode word boundary: `_` is a word character, so none in "snake_case".
  { q: 'front:re:\\bcase', notes: NONE },
  // `\d` and counted repetition.
  { q: 'back:re:\\d{3}', notes: ['snake', 'snakex'] },
  // Five digits in Front.
  { q: 'front:re:\\d{5}', notes: ['number'] },
  // An invalid regex is a search error.
  { q: 'front:re:[', error: 'Regex' },
  // `field:nc:` folds accents.
  { q: 'front:nc:cafe', notes: ['cafe'] },
  // On naïve.
  { q: 'front:nc:naive', notes: ['naive'] },
  // With LIKE's ASCII case-insensitivity.
  { q: 'front:nc:NAIVE', notes: ['naive'] },
  // With a wildcard.
  { q: 'front:nc:caf*', notes: ['cafe'] },
  // `*:` any field matches the whole value.
  { q: '*:inu', notes: ['dog'] },
  // Case-insensitively (a regex).
  { q: '*:INU', notes: ['dog'] },
  // A wildcard in the value.
  { q: '*:in*', notes: ['dog'] },
  // `_*:` is the same as `*:`.
  { q: '_*:tori', notes: ['bird'] },
  // So is `*_:`.
  { q: '*_:tori', notes: ['bird'] },
  // `*:re:` with anchors per field.
  { q: '*:re:^tori$', notes: ['bird'] },
  // `*:re:` finds a match inside any field.
  { q: '*:re:ori', notes: ['bird'] },
  // `*:` with nothing: some field is empty.
  { q: '*:', notes: ['cloze2', 'empty'] },
  // `*:*`: every note.
  { q: '*:*', notes: ALL },
  // `*:nc:` is read as a plain all-field value: "cafe" is not "café".
  { q: '*:nc:cafe', notes: NONE },
  // Two adjacent matching fields at the end of the note: the value must be in the last one.
  { q: '"*ing:to eat"', notes: ['vocab'] },
  // …so the middle field's value is not found (adjacent-field quirk).
  { q: '*ing:たべる', notes: NONE },
  // Two adjacent matching fields at the start: the value must be in the first one.
  { q: '*r*:食べる', notes: ['vocab'] },
  // …and the second is not searched.
  { q: '*r*:たべる', notes: NONE },
  // With `*`, each matched field is its own run.
  { q: '*ing:*', notes: ['vocab'] },
  // With `_*` too.
  { q: '*ing:_*', notes: ['vocab'] },
  // A single field at the start.
  { q: 'word:食べる', notes: ['vocab'] },
  // A single field in the middle.
  { q: 'reading:たべる', notes: ['vocab'] },
  // A single field at the end.
  { q: 'meaning:to*', notes: ['vocab'] },
  // A quoted value with a space.
  { q: 'meaning:"to eat"', notes: ['vocab'] },

  // ---- deck:, did: ----
  // A deck includes its subdecks and filtered cards whose home deck it is.
  { q: 'deck:Mining', notes: MINING, cards: MINING_CARDS },
  // Deck names are case-insensitive.
  { q: 'deck:mining', notes: MINING, cards: MINING_CARDS },
  // In capitals.
  { q: 'deck:MINING', notes: MINING, cards: MINING_CARDS },
  // A subdeck and its child.
  { q: 'deck:Mining::Sub', notes: ['dog', 'bird'], cards: ['dog/1', 'dog/2', 'bird/1'] },
  // Every component case-insensitive.
  { q: 'deck:mining::sub::deep', notes: ['bird'] },
  // `deck:a::*`: subdecks only.
  { q: 'deck:Mining::*', notes: ['dog', 'bird'], cards: ['dog/1', 'dog/2', 'bird/1'] },
  // A deck without its subdecks.
  { q: 'deck:Mining -deck:Mining::*', notes: ['cat', 'cloze2', 'vocab'], cards: ['cat/1', 'cloze2/1', 'vocab/1', 'vocab/2'] },
  // A glob.
  { q: 'deck:Min*', notes: MINING, cards: MINING_CARDS },
  // A deck name is matched whole…
  { q: 'deck:Min', notes: NONE },
  // …from the start.
  { q: 'deck:ining', notes: NONE },
  // `deck:*` is every card.
  { q: 'deck:*', notes: ALL },
  // `deck:filtered` means "in a filtered deck"; the normal deck called "filtered" is not searched.
  { q: 'deck:filtered', notes: ['cloze2'] },
  // The filtered deck by name.
  { q: 'deck:"Filtered Deck"', notes: ['cloze2'] },
  // A glob reaches the deck called "filtered" as well.
  { q: 'deck:Filtered*', notes: ['cloze2', 'upper'] },
  // A non-ASCII deck name.
  { q: 'deck:Café', notes: ['cafe'] },
  // Deck regexes fold Unicode case.
  { q: 'deck:CAFÉ', notes: ['cafe'] },
  // But accents matter.
  { q: 'deck:cafe', notes: NONE },
  // A decomposed name is NFC-normalised.
  { q: 'deck:Cafe\u0301', notes: ['cafe'] },
  // A name with a space, quoted.
  { q: 'deck:"Japanese Vocab"', notes: ['cloze1'] },
  // `_` matches the space.
  { q: 'deck:Japanese_Vocab', notes: ['cloze1'] },
  // A glob.
  { q: 'deck:Japanese*', notes: ['cloze1'] },
  // The first word alone is not the deck.
  { q: 'deck:Japanese', notes: NONE },
  // A star in a name matches itself as a wildcard…
  { q: 'deck:Star*Deck', notes: ['optional'] },
  // …or escaped.
  { q: 'deck:Star\\*Deck', notes: ['optional'] },
  // Part of that name.
  { q: 'deck:Star', notes: NONE },
  // The default deck.
  { q: 'deck:Default', notes: IN_DEFAULT },
  // `deck:current` is config curDeck (1, Default).
  { q: 'deck:current', notes: IN_DEFAULT },
  // Name components are trimmed, as deck names are.
  { q: 'deck:" Mining "', notes: MINING, cards: MINING_CARDS },
  // An empty component becomes "blank".
  { q: 'deck:Mining::', notes: NONE },
  // A deck and a field (Yomitan's duplicate lookup): a subdeck's note.
  { q: '"deck:Mining" "front:dog"', notes: ['dog'] },
  // A deck and a field: the deck's own note.
  { q: '"deck:Mining" "front:猫"', notes: ['cat'] },
  // Another deck.
  { q: '"deck:Default" "front:猫"', notes: NONE },
  // Two decks.
  { q: 'deck:Mining or deck:Café', notes: [...MINING, 'cafe'] },
  // A deck and a tag.
  { q: 'deck:Mining::Sub tag:animal', notes: ['dog'] },
  // A deck and a parent tag.
  { q: 'deck:Mining tag:jp', notes: ['cat', 'dog'] },
  // `did:` lists deck ids: no subdecks, filtered cards by home deck.
  { q: 'did:{deck:Mining}', notes: ['cat', 'cloze2', 'vocab'], cards: ['cat/1', 'cloze2/1', 'vocab/1', 'vocab/2'] },
  // Several ids.
  { q: 'did:{deck:Mining::Sub},{deck:Mining::Sub::Deep}', notes: ['dog', 'bird'], cards: ['dog/1', 'dog/2', 'bird/1'] },
  // `-did:X` excludes the filtered card whose home deck is X too (Anki 26.09 brackets `did:`).
  { q: '-did:{deck:Mining}', notes: except('cat', 'cloze2', 'vocab'), cards: cardsExcept('cat/1', 'cloze2/1', 'vocab/1', 'vocab/2') },
  // Not digits: Anki's untranslated id-list error.
  { q: 'did:1x', error: 'Other' },
  // A leading comma.
  { q: 'did:,1', error: 'Other' },
  // A trailing comma.
  { q: 'did:{deck:Mining},', error: 'Other' },
  // Nothing.
  { q: 'did:', error: 'Other' },
  // An unknown id.
  { q: 'did:9999', notes: NONE },

  // ---- note:, mid: ----
  // Note type by name: Basic only, not its variants.
  { q: 'note:Basic', notes: BASIC },
  // Case-insensitive (unicase).
  { q: 'note:basic', notes: BASIC },
  // In capitals.
  { q: 'note:BASIC', notes: BASIC },
  // A glob.
  { q: 'note:Basic*', notes: BASIC_FAMILY },
  // A name with spaces and brackets, quoted.
  { q: 'note:"Basic (and reversed card)"', notes: ['dog', 'dup3'] },
  // `_` and `*` in a glob (quoted for the bracket).
  { q: '"note:Basic_(and*"', notes: ['dog', 'dup3'] },
  // Unquoted, the bracket opens a group that is never closed.
  { q: 'note:Basic_(and*', error: 'UnclosedGroup' },
  // Cloze.
  { q: 'note:Cloze', notes: ['cloze1', 'cloze2'] },
  // Lower case.
  { q: 'note:cloze', notes: ['cloze1', 'cloze2'] },
  // The custom note type.
  { q: 'note:Vocab', notes: ['vocab'] },
  // A prefix is not the name.
  { q: 'note:Voc', notes: NONE },
  // Every note type.
  { q: 'note:*', notes: ALL },
  // An unknown name.
  { q: 'note:Nope', notes: NONE },
  // `mid:` by id.
  { q: 'mid:{nt:Cloze}', notes: ['cloze1', 'cloze2'] },
  // An unknown id.
  { q: 'mid:123', notes: NONE },
  // Not a number: InvalidWholeNumber.
  { q: 'mid:x', error: 'InvalidWholeNumber' },
  // A negative id is a valid i64.
  { q: 'mid:-5', notes: NONE },
  // Beyond i64.
  { q: 'mid:99999999999999999999', error: 'InvalidWholeNumber' },

  // ---- card: ----
  // `card:N` is the template (or cloze) number.
  { q: 'card:1', notes: ALL, cards: ALL_CARDS.filter((label) => label.endsWith('/1')) },
  // `card:0` is the same as `card:1`.
  { q: 'card:0', notes: ALL, cards: ALL_CARDS.filter((label) => label.endsWith('/1')) },
  // Second templates and cloze 2.
  { q: 'card:2', notes: ['dog', 'cloze1', 'optional', 'vocab', 'dup3'], cards: ['dog/2', 'cloze1/2', 'optional/2', 'vocab/2', 'dup3/2'] },
  // No third card anywhere.
  { q: 'card:3', notes: NONE },
  // Rust's integer parsing accepts a `+`.
  { q: 'card:+2', notes: ['dog', 'cloze1', 'optional', 'vocab', 'dup3'], cards: ['dog/2', 'cloze1/2', 'optional/2', 'vocab/2', 'dup3/2'] },
  // By template name.
  { q: 'card:"Card 2"', notes: ['dog', 'optional', 'dup3'], cards: ['dog/2', 'optional/2', 'dup3/2'] },
  // A template-name glob.
  { q: 'card:card_2', notes: ['dog', 'optional', 'dup3'], cards: ['dog/2', 'optional/2', 'dup3/2'] },
  // A custom template.
  { q: 'card:Recall', notes: ['vocab'], cards: ['vocab/2'] },
  // Case-insensitive.
  { q: 'card:recognition', notes: ['vocab'], cards: ['vocab/1'] },
  // `card:Cloze` is the cloze template, ord 0 only: cloze 2 is not found.
  { q: 'card:Cloze', notes: ['cloze1', 'cloze2'], cards: ['cloze1/1', 'cloze2/1'] },
  // Every "Card N" template.
  {
    q: 'card:Card*',
    notes: BASIC_FAMILY,
    cards: ALL_CARDS.filter((label) => !/^(cloze1|cloze2|vocab)\//.test(label)),
  },
  // Too big for u16: a template name, which none has.
  { q: 'card:70000', notes: NONE },
  // An unknown name.
  { q: 'card:Nope', notes: NONE },

  // ---- tag: ----
  // A tag, case-insensitive.
  { q: 'tag:animal', notes: ['cat', 'dog'] },
  // In capitals.
  { q: 'tag:ANIMAL', notes: ['cat', 'dog'] },
  // A glob.
  { q: 'tag:anim*', notes: ['cat', 'dog'] },
  // A prefix is not a tag.
  { q: 'tag:anim', notes: NONE },
  // A tag matches its descendants.
  { q: 'tag:jp', notes: ['cat', 'dog'] },
  // A child tag.
  { q: 'tag:jp::n5', notes: ['cat'] },
  // Case-insensitive.
  { q: 'tag:JP::N4', notes: ['dog'] },
  // Children only.
  { q: 'tag:jp::*', notes: ['cat', 'dog'] },
  // `_` is one non-space character.
  { q: 'tag:jp::n_', notes: ['cat', 'dog'] },
  // A child's own name does not match.
  { q: 'tag:n5', notes: NONE },
  // `tag:none`: no tags.
  { q: 'tag:none', notes: ['bird', 'quote', 'paren', 'minus', 'russian', 'empty', 'dup1', 'dup2', 'dup3'] },
  // `tag:*`: every note.
  { q: 'tag:*', notes: ALL },
  // Notes with tags.
  { q: '-tag:none', notes: ['cat', 'dog', 'cafe', 'naive', 'cloze1', 'cloze2', 'html', 'number', 'snake', 'snakex', 'optional', 'vocab', 'upper', 'paris'] },
  // A parent and its child.
  { q: 'tag:geo', notes: ['cloze1', 'cloze2'] },
  // The child.
  { q: 'tag:geo::europe', notes: ['cloze2'] },
  // The child's name alone.
  { q: 'tag:europe', notes: NONE },
  // A non-ASCII tag.
  { q: 'tag:français', notes: ['cafe'] },
  // Tag regexes fold Unicode case.
  { q: 'tag:FRANÇAIS', notes: ['cafe'] },
  // Accents matter.
  { q: 'tag:francais', notes: NONE },
  // `tag:nc:` folds them.
  { q: 'tag:nc:francais', notes: ['cafe'] },
  // Greek capital omega found in lower case.
  { q: 'tag:ωmega', notes: ['naive'] },
  // Rust's (?i) folds ſ (LONG S) to s, so "ſtar" is found as "star" (LIKE alone would miss it).
  { q: 'tag:star', notes: ['paris'] },
  // And as "STAR".
  { q: 'tag:STAR', notes: ['paris'] },
  // `_` in a tag is a wildcard.
  { q: 'tag:tag_with_underscore', notes: ['snake', 'snakex'] },
  // `\_` is a literal underscore.
  { q: 'tag:tag\\_with\\_underscore', notes: ['snake'] },
  // A grandparent tag.
  { q: 'tag:parent', notes: ['optional'] },
  // A parent tag.
  { q: 'tag:parent::child', notes: ['optional'] },
  // A middle component alone.
  { q: 'tag:child', notes: NONE },
  // `*` crosses `::`.
  { q: 'tag:*child', notes: ['optional'] },
  // Case-insensitive.
  { q: 'tag:parentless', notes: ['upper'] },
  // A tag with a space matches nothing.
  { q: 'tag:"a b"', notes: NONE },
  // `tag:re:` tests each tag.
  { q: 'tag:re:^ani', notes: ['cat', 'dog'] },
  // Anchored at the end of a tag.
  { q: 'tag:re:n5$', notes: ['cat'] },
  // The empty pieces at both ends of the tags column match `^$`: every note.
  { q: 'tag:re:^$', notes: ALL },
  // A whole tag, not its descendants.
  { q: 'tag:re:^geo$', notes: ['cloze1'] },
  // An invalid regex.
  { q: '"tag:re:("', error: 'Regex' },
  // Another tag.
  { q: 'tag:marked', notes: ['html'] },

  // ---- is: ----
  // New cards (by type; a buried new card too).
  { q: 'is:new', notes: ['cafe', 'snake', 'snakex', 'quote', 'paren', 'minus', 'optional', 'vocab', 'upper', 'russian', 'empty', 'dup1', 'dup2', 'dup3', 'paris'], cards: NEW_CARDS },
  // Learning and relearning cards (types 1 and 3).
  { q: 'is:learn', notes: ['dog', 'cloze1', 'number'], cards: ['dog/1', 'cloze1/1', 'cloze1/2', 'number/1'] },
  // Review and relearning cards (types 2 and 3), suspended and buried ones included.
  {
    q: 'is:review',
    notes: ['cat', 'dog', 'bird', 'naive', 'cloze1', 'cloze2', 'html', 'vocab'],
    cards: ['cat/1', 'dog/2', 'bird/1', 'naive/1', 'cloze1/1', 'cloze2/1', 'html/1', 'vocab/1'],
  },
  // Due: reviews due today or earlier (raw due: the filtered review card counts), learning within 20 minutes.
  { q: 'is:due', notes: ['cat', 'dog', 'cloze1', 'cloze2', 'html'], cards: ['cat/1', 'dog/1', 'cloze1/1', 'cloze1/2', 'cloze2/1', 'html/1'] },
  // Suspended.
  { q: 'is:suspended', notes: ['bird'], cards: ['bird/1'] },
  // Buried, either way.
  { q: 'is:buried', notes: ['cafe', 'naive'], cards: ['cafe/1', 'naive/1'] },
  // Buried with a sibling.
  { q: 'is:buried-sibling', notes: ['cafe'], cards: ['cafe/1'] },
  // Buried by hand.
  { q: 'is:buried-manually', notes: ['naive'], cards: ['naive/1'] },
  // States are case-sensitive.
  { q: 'is:DUE', error: 'InvalidState' },
  // There is no is:new-sibling.
  { q: 'is:new-sibling', error: 'InvalidState' },
  // Nothing after is:.
  { q: 'is:', error: 'InvalidState' },
  // A trailing space inside quotes is part of the state.
  { q: '"is:learn "', error: 'InvalidState' },
  // Due but not learning.
  { q: 'is:due -is:learn', notes: ['cat', 'cloze2', 'html'], cards: ['cat/1', 'cloze2/1', 'html/1'] },

  // ---- flag: ----
  // Red.
  { q: 'flag:1', notes: ['cat'], cards: ['cat/1'] },
  // Orange.
  { q: 'flag:2', notes: ['dog'], cards: ['dog/1'] },
  // Green.
  { q: 'flag:3', notes: ['dog'], cards: ['dog/2'] },
  // Blue.
  { q: 'flag:4', notes: ['html'], cards: ['html/1'] },
  // Pink.
  { q: 'flag:5', notes: ['snake'], cards: ['snake/1'] },
  // Turquoise.
  { q: 'flag:6', notes: ['snakex'], cards: ['snakex/1'] },
  // Purple.
  { q: 'flag:7', notes: ['bird'], cards: ['bird/1'] },
  // No flag.
  { q: 'flag:0', notes: except('cat', 'dog', 'html', 'snake', 'snakex', 'bird'), cards: cardsExcept(...FLAGGED) },
  // Only 0–7.
  { q: 'flag:8', error: 'InvalidFlag' },
  // `-0` is not a u8.
  { q: 'flag:-0', error: 'InvalidFlag' },
  // Nothing.
  { q: 'flag:', error: 'InvalidFlag' },
  // Not a whole number.
  { q: 'flag:1.1', error: 'InvalidFlag' },
  // A `+` sign is accepted.
  { q: 'flag:+1', notes: ['cat'], cards: ['cat/1'] },

  // ---- §1.8 day-based terms: added:, edited:, introduced:, rated:, resched: ----
  // Cards created since the last rollover (today 04:00).
  { q: 'added:1', notes: ADDED_TODAY },
  // `added:0` counts as 1.
  { q: 'added:0', notes: ADDED_TODAY },
  // Since yesterday's rollover.
  { q: 'added:2', notes: [...ADDED_TODAY, 'naive'] },
  // Four days.
  { q: 'added:4', notes: [...ADDED_TODAY, 'naive', 'cafe', 'bird'] },
  // Eleven days.
  { q: 'added:11', notes: except('cat') },
  // 30 days reach back to 29 days ago at 04:00: the card added 30 days ago at 10:00 is older.
  { q: 'added:30', notes: except('cat') },
  // 31 days.
  { q: 'added:31', notes: ALL },
  // Negative days.
  { q: 'added:-1', error: 'InvalidPositiveWholeNumber' },
  // A fraction.
  { q: 'added:1.5', error: 'InvalidPositiveWholeNumber' },
  // Not a number.
  { q: 'added:x', error: 'InvalidPositiveWholeNumber' },
  // Nothing.
  { q: 'added:', error: 'InvalidPositiveWholeNumber' },
  // Notes modified since the rollover.
  { q: 'edited:1', notes: ADDED_TODAY },
  // Three days: naive, café, and the cat note edited two days ago.
  { q: 'edited:3', notes: [...ADDED_TODAY, 'naive', 'cafe', 'cat'] },
  // `edited:0` counts as 1.
  { q: 'edited:0', notes: ADDED_TODAY },
  // Not a number.
  { q: 'edited:x', error: 'InvalidPositiveWholeNumber' },
  // First answered today.
  { q: 'introduced:1', notes: ['dog'], cards: ['dog/1'] },
  // First answered within four days.
  { q: 'introduced:4', notes: ['dog', 'html'], cards: ['dog/1', 'html/1'] },
  // A manual reschedule does not count as the first answer.
  { q: 'introduced:11', notes: ['dog', 'html', 'bird'], cards: ['dog/1', 'html/1', 'bird/1'] },
  // 21 days.
  { q: 'introduced:21', notes: ['dog', 'html', 'bird', 'cat'], cards: ['dog/1', 'html/1', 'bird/1', 'cat/1'] },
  // `introduced:0` counts as 1.
  { q: 'introduced:0', notes: ['dog'], cards: ['dog/1'] },
  // Not a number.
  { q: 'introduced:x', error: 'InvalidPositiveWholeNumber' },
  // Answered today.
  { q: 'rated:1', notes: ['cat', 'dog'], cards: ['cat/1', 'dog/1'] },
  // `rated:0` counts as 1.
  { q: 'rated:0', notes: ['cat', 'dog'], cards: ['cat/1', 'dog/1'] },
  // Answered Hard today.
  { q: 'rated:1:2', notes: ['dog'], cards: ['dog/1'] },
  // Answered Good today.
  { q: 'rated:1:3', notes: ['cat'], cards: ['cat/1'] },
  // Again yesterday.
  { q: 'rated:2:1', notes: ['cat'], cards: ['cat/1'] },
  // No Again today.
  { q: 'rated:1:1', notes: NONE },
  // Four days include the review three days ago.
  { q: 'rated:4', notes: ['cat', 'dog', 'html'], cards: ['cat/1', 'dog/1', 'html/1'] },
  // Three days start two days ago at 04:00; the manual entry (ease 0) does not count.
  { q: 'rated:3', notes: ['cat', 'dog'], cards: ['cat/1', 'dog/1'] },
  // Eleven days.
  { q: 'rated:11', notes: ['cat', 'dog', 'html', 'bird'], cards: ['cat/1', 'dog/1', 'html/1', 'bird/1'] },
  // Buttons are 1–4.
  { q: 'rated:1:5', error: 'InvalidAnswerButton' },
  // An empty button.
  { q: 'rated:1:', error: 'InvalidAnswerButton' },
  // A negative button.
  { q: 'rated:2:-1', error: 'InvalidAnswerButton' },
  // Not a number.
  { q: 'rated:x', error: 'InvalidPositiveWholeNumber' },
  // Manually rescheduled (ease 0) within three days.
  { q: 'resched:3', notes: ['bird'], cards: ['bird/1'] },
  // Two days start yesterday at 04:00.
  { q: 'resched:2', notes: NONE },
  // `resched:0` is not raised to 1: it means from the next rollover on.
  { q: 'resched:0', notes: NONE },
  // Not a number.
  { q: 'resched:x', error: 'InvalidPositiveWholeNumber' },

  // ---- prop: ----
  // Interval over ten days.
  { q: 'prop:ivl>10', notes: ['cat', 'bird', 'naive', 'html', 'vocab'], cards: ['cat/1', 'bird/1', 'naive/1', 'html/1', 'vocab/1'] },
  // At least thirty.
  { q: 'prop:ivl>=30', notes: ['bird', 'naive', 'html'], cards: ['bird/1', 'naive/1', 'html/1'] },
  // Exactly three.
  { q: 'prop:ivl=3', notes: ['dog'], cards: ['dog/2'] },
  // Not zero.
  { q: 'prop:ivl!=0', notes: ['cat', 'dog', 'bird', 'naive', 'cloze1', 'cloze2', 'html', 'vocab'], cards: WITH_IVL },
  // Below three (new and learning cards have 0).
  { q: 'prop:ivl<3', notes: except('cat', 'bird', 'naive', 'cloze2', 'html'), cards: cardsExcept('cat/1', 'dog/2', 'bird/1', 'naive/1', 'cloze2/1', 'html/1', 'vocab/1') },
  // Intervals are whole numbers.
  { q: 'prop:ivl>3.5', error: 'InvalidPositiveWholeNumber' },
  // A missing number.
  { q: 'prop:ivl>', error: 'InvalidPositiveWholeNumber' },
  // Negative.
  { q: 'prop:ivl>-1', error: 'InvalidPositiveWholeNumber' },
  // Repetitions.
  { q: 'prop:reps>5', notes: ['bird', 'cloze1', 'html'], cards: ['bird/1', 'cloze1/1', 'html/1'] },
  // One repetition.
  { q: 'prop:reps=1', notes: ['dog', 'number'], cards: ['dog/1', 'number/1'] },
  // Lapses.
  { q: 'prop:lapses>2', notes: ['cloze1', 'html'], cards: ['cloze1/1', 'html/1'] },
  // One lapse.
  { q: 'prop:lapses=1', notes: ['cat'], cards: ['cat/1'] },
  // Ease: factor > 2400.
  { q: 'prop:ease>2.4', notes: ['cat', 'bird', 'naive', 'cloze2', 'vocab'], cards: ['cat/1', 'bird/1', 'naive/1', 'cloze2/1', 'vocab/1'] },
  // 2.3 is read as an f32 and multiplied in f32: exactly 2300.
  { q: 'prop:ease=2.3', notes: ['dog'], cards: ['dog/2'] },
  // Below 1.5, cards that never graduated (factor 0) included.
  {
    q: 'prop:ease<1.5',
    notes: except('cat', 'bird', 'naive', 'cloze2'),
    cards: cardsExcept(...WITH_FACTOR.filter((label) => label !== 'html/1')),
  },
  // At least 2.7.
  { q: 'prop:ease>=2.7', notes: ['bird'], cards: ['bird/1'] },
  // Not a number: InvalidNumber.
  { q: 'prop:ease>one', error: 'InvalidNumber' },
  // A decimal comma is not a number.
  { q: 'prop:ease<1,3', error: 'InvalidNumber' },
  // Due today: reviews due on day 40, day-learning due today, learning cards due within a day of the rollover.
  { q: 'prop:due=0', notes: ['cat', 'dog', 'cloze1', 'number'], cards: ['cat/1', 'dog/1', 'cloze1/1', 'cloze1/2', 'number/1'] },
  // Today or overdue (the filtered card by its original due).
  {
    q: 'prop:due<=0',
    notes: ['cat', 'dog', 'cloze1', 'number', 'html', 'cloze2'],
    cards: ['cat/1', 'dog/1', 'cloze1/1', 'cloze1/2', 'number/1', 'html/1', 'cloze2/1'],
  },
  // Tomorrow.
  { q: 'prop:due=1', notes: ['dog'], cards: ['dog/2'] },
  // Tomorrow or later (buried and suspended cards are not in a review queue).
  { q: 'prop:due>=1', notes: ['dog', 'vocab'], cards: ['dog/2', 'vocab/1'] },
  // The filtered card's original due was two days ago.
  { q: 'prop:due=-2', notes: ['cloze2'], cards: ['cloze2/1'] },
  // Overdue.
  { q: 'prop:due<0', notes: ['html', 'cloze2'], cards: ['html/1', 'cloze2/1'] },
  // A buried review card is not counted.
  { q: 'prop:due=10', notes: NONE },
  // Days are whole numbers.
  { q: 'prop:due>0.5', error: 'InvalidWholeNumber' },
  // A missing number.
  { q: 'prop:due>', error: 'InvalidWholeNumber' },
  // New-card position below 12.
  { q: 'prop:pos<12', notes: ['cafe', 'snake', 'snakex'], cards: ['cafe/1', 'snake/1', 'snakex/1'] },
  // Both cards of a note share a position.
  { q: 'prop:pos=15', notes: ['optional'], cards: ['optional/1', 'optional/2'] },
  // The last note added.
  { q: 'prop:pos>22', notes: ['paris'], cards: ['paris/1'] },
  // Answered today.
  { q: 'prop:rated=0', notes: ['cat', 'dog'], cards: ['cat/1', 'dog/1'] },
  // Answered yesterday.
  { q: 'prop:rated=-1', notes: ['cat'], cards: ['cat/1'] },
  // After yesterday: today.
  { q: 'prop:rated>-1', notes: ['cat', 'dog'], cards: ['cat/1', 'dog/1'] },
  // From yesterday on.
  { q: 'prop:rated>=-1', notes: ['cat', 'dog'], cards: ['cat/1', 'dog/1'] },
  // Before yesterday.
  { q: 'prop:rated<-1', notes: ['cat', 'bird', 'html'], cards: ['cat/1', 'bird/1', 'html/1'] },
  // Three days ago or earlier.
  { q: 'prop:rated<=-3', notes: ['cat', 'bird', 'html'], cards: ['cat/1', 'bird/1', 'html/1'] },
  // Before three days ago.
  { q: 'prop:rated<-3', notes: ['cat', 'bird'], cards: ['cat/1', 'bird/1'] },
  // Again three days ago.
  { q: 'prop:rated=-3:1', notes: ['html'], cards: ['html/1'] },
  // Not Hard.
  { q: 'prop:rated=-3:2', notes: NONE },
  // Answered on some day other than today.
  { q: 'prop:rated!=0', notes: ['cat', 'bird', 'html'], cards: ['cat/1', 'bird/1', 'html/1'] },
  // After today: nothing.
  { q: 'prop:rated>0', notes: NONE },
  // Days must be 0 or less.
  { q: 'prop:rated>1', error: 'InvalidNegativeWholeNumber' },
  // Buttons 1–4.
  { q: 'prop:rated=-1:5', error: 'InvalidAnswerButton' },
  // Rescheduled two days ago.
  { q: 'prop:resched=-2', notes: ['bird'], cards: ['bird/1'] },
  // Not today.
  { q: 'prop:resched=0', notes: NONE },
  // After three days ago.
  { q: 'prop:resched>-3', notes: ['bird'], cards: ['bird/1'] },
  // Positive days.
  { q: 'prop:resched=1', error: 'InvalidNegativeWholeNumber' },
  // `rated:5:3` is `prop:rated>-5:3`.
  { q: 'rated:5:3', notes: ['cat'], cards: ['cat/1'] },
  // The same.
  { q: 'prop:rated>-5:3', notes: ['cat'], cards: ['cat/1'] },
  // FSRS stability.
  { q: 'prop:s>10', notes: ['cat', 'html'], cards: ['cat/1', 'html/1'] },
  // Low stability.
  { q: 'prop:s<1', notes: ['vocab'], cards: ['vocab/1'] },
  // Cards without a stability match neither a test nor its negation (SQL NULL).
  { q: '-prop:s>10', notes: ['vocab'], cards: ['vocab/1'] },
  // The stored value compared as an f32.
  { q: 'prop:s>=12.5', notes: ['cat', 'html'], cards: ['cat/1', 'html/1'] },
  // Difficulty 0–1 is stored as 1–10: d > 5.5.
  { q: 'prop:d>0.5', notes: ['html'], cards: ['html/1'] },
  // d >= 5.5.
  { q: 'prop:d>=0.5', notes: ['cat', 'html'], cards: ['cat/1', 'html/1'] },
  // d < 1.9.
  { q: 'prop:d<0.1', notes: ['vocab'], cards: ['vocab/1'] },
  // Retrievability now: cat ≈0.918 (10 days since lrt), html ≈0.924 (decay 0.1542).
  { q: 'prop:r>0.9', notes: ['cat', 'html'], cards: ['cat/1', 'html/1'] },
  // Only html.
  { q: 'prop:r>0.92', notes: ['html'], cards: ['html/1'] },
  // vocab: no lrt, so nine days from due − ivl ≈0.438.
  { q: 'prop:r<0.5', notes: ['vocab'], cards: ['vocab/1'] },
  // New cards give false, whose negation is true; cards without memory state give NULL.
  {
    q: '-prop:r<0.5',
    notes: ['cat', 'html', 'cafe', 'snake', 'snakex', 'quote', 'paren', 'minus', 'optional', 'vocab', 'upper', 'russian', 'empty', 'dup1', 'dup2', 'dup3', 'paris'],
    cards: ['cat/1', 'html/1', ...NEW_CARDS],
  },
  // Not a number.
  { q: 'prop:r>x', error: 'InvalidNumber' },
  // Custom data as a number.
  { q: 'prop:cdn:foo>4', notes: ['bird'], cards: ['bird/1'] },
  // Equal.
  { q: 'prop:cdn:foo=5', notes: ['bird'], cards: ['bird/1'] },
  // Less.
  { q: 'prop:cdn:foo<5', notes: NONE },
  // Custom data as a string.
  { q: 'prop:cds:bar=x', notes: ['bird'], cards: ['bird/1'] },
  // Another string.
  { q: 'prop:cds:bar=y', notes: NONE },
  // Text cast to a float is 0.
  { q: 'prop:cdn:bar>0', notes: NONE },
  // A key is required.
  { q: 'prop:cdn:=5', error: 'InvalidPropProperty' },
  // So is its colon.
  { q: 'prop:cdn=5', error: 'InvalidPropProperty' },
  // An operator is required.
  { q: 'prop:cdn:foo', error: 'InvalidPropOperator' },
  // `has-cd:` finds a key.
  { q: 'has-cd:foo', notes: ['bird'], cards: ['bird/1'] },
  // A key holding JSON null exists.
  { q: 'has-cd:nul', notes: ['bird'], cards: ['bird/1'] },
  // A missing key.
  { q: 'has-cd:baz', notes: NONE },
  // No property.
  { q: 'prop:', error: 'InvalidPropProperty' },
  // An operator without a property.
  { q: 'prop:=1', error: 'InvalidPropProperty' },
  // Properties are case-sensitive.
  { q: 'prop:DUE<5', error: 'InvalidPropProperty' },
  // No operator.
  { q: 'prop:lapses', error: 'InvalidPropOperator' },
  // An unknown operator.
  { q: 'prop:pos~1', error: 'InvalidPropOperator' },
  // A number straight after the property.
  { q: 'prop:reps10', error: 'InvalidPropOperator' },

  // ---- nid:, cid: ----
  // A note id.
  { q: 'nid:{note:cat}', notes: ['cat'] },
  // Several.
  { q: 'nid:{note:cat},{note:dog}', notes: ['cat', 'dog'] },
  // An unknown id.
  { q: 'nid:1', notes: NONE },
  // Leading zeros are the same number.
  { q: 'nid:00{note:cat}', notes: ['cat'] },
  // Only digits and commas.
  { q: 'nid:1_2', error: 'Other' },
  // A letter.
  { q: 'nid:1,2,x', error: 'Other' },
  // A leading comma.
  { q: 'nid:,2', error: 'Other' },
  // A trailing comma.
  { q: 'nid:1,', error: 'Other' },
  // A card id.
  { q: 'cid:{card:dog/2}', notes: ['dog'], cards: ['dog/2'] },
  // Two card ids.
  { q: 'cid:{card:dog/1},{card:cat/1}', notes: ['cat', 'dog'], cards: ['cat/1', 'dog/1'] },
  // Only digits.
  { q: 'cid:x', error: 'Other' },
  // A note or a card.
  { q: 'nid:{note:cat} or cid:{card:dog/2}', notes: ['cat', 'dog'], cards: ['cat/1', 'dog/2'] },
  // Beyond SQLite's integers: no error, no match.
  { q: 'nid:99999999999999999999', notes: NONE },

  // ---- dupe: ----
  // Same note type, same stripped first field.
  { q: 'dupe:{nt:Basic},duplicate', notes: ['dup1', 'dup2'] },
  // The search text is stripped of HTML too.
  { q: 'dupe:{nt:Basic},<i>duplicate</i>', notes: ['dup1', 'dup2'] },
  // Another note type.
  { q: 'dupe:{nt:Basic (and reversed card)},duplicate', notes: ['dup3'] },
  // Exact comparison.
  { q: 'dupe:{nt:Basic},Duplicate', notes: NONE },
  // CJK.
  { q: 'dupe:{nt:Basic},猫', notes: ['cat'] },
  // No id.
  { q: 'dupe:', error: 'InvalidWholeNumber' },
  // Not a whole number.
  { q: 'dupe:1.1', error: 'InvalidWholeNumber' },
  // Not a number.
  { q: 'dupe:foo', error: 'InvalidWholeNumber' },
  // No comma: Anki's untranslated message.
  { q: 'dupe:{nt:Basic}', error: 'Other' },
  // `\"` in dupe text.
  { q: '"dupe:{nt:Basic},say \\"hi\\""', notes: ['quote'] },

  // ---- preset: ----
  // The decks using a preset (Mining::Sub uses "Fast", its child does not).
  { q: 'preset:Fast', notes: ['dog'] },
  // Preset names are case-insensitive.
  { q: 'preset:fast', notes: ['dog'] },
  // The default preset: every normal deck but Mining::Sub; the filtered card by its home deck.
  { q: 'preset:Default', notes: except('dog') },
  // An unknown preset matches nothing.
  { q: 'preset:Nope', notes: NONE },
  // A quoted value.
  { q: 'preset:"Fast"', notes: ['dog'] },

  // ---- re:, w:, nc:, sc: ----
  // re: is tested against the whole flds: `^` is the start of the first field.
  { q: 're:^dog', notes: ['dog'] },
  // `$` is the end of the last field.
  { q: 're:inu$', notes: ['dog'] },
  // A second field is not at `^`.
  { q: 're:^inu', notes: NONE },
  // The field separator is part of the text.
  { q: 're:\\x1finu', notes: ['dog'] },
  // `(?-i)` turns case-insensitivity off.
  { q: 're:(?-i)^dog', notes: NONE },
  // A dot.
  { q: 're:c.t', notes: ['cat', 'dup1', 'dup2', 'dup3'] },
  // Word boundaries.
  { q: 're:\\bcat\\b', notes: ['cat'] },
  // Counted repetition.
  { q: 're:\\d{5}', notes: ['number'] },
  // Unclosed class.
  { q: 're:[', error: 'Regex' },
  // Rust's regex has no look-around.
  { q: '"re:(?=a)"', error: 'Regex' },
  // Nor back-references.
  { q: '"re:(a)\\1"', error: 'Regex' },
  // `\w` is Unicode-aware ("caf" before é, "à" before é in "àéî").
  { q: 're:\\w+é', notes: ['cafe', 'upper'] },
  // A quoted regex value.
  { q: 're:"hi"', notes: ['quote'] },
  // `w:` is a whole word.
  { q: 'w:cat', notes: ['cat'] },
  // Case-insensitive.
  { q: 'w:CAT', notes: ['cat'] },
  // A wildcard inside the word.
  { q: 'w:dupl*', notes: ['dup1', 'dup2', 'dup3'] },
  // A partial word.
  { q: 'w:dupl', notes: NONE },
  // Colons inside a word search.
  { q: 'w:3:30', notes: ['number'] },
  // CJK words.
  { q: 'w:食べる', notes: ['vocab'] },
  // "sur" is inside "sure".
  { q: 'w:sur', notes: NONE },
  // The whole word.
  { q: 'w:sure', notes: ['snake', 'snakex'] },
  // `_` is any one character.
  { q: 'w:caf_', notes: ['cafe'] },
  // sc: strips cloze markup first.
  { q: 'sc:"capital of France"', notes: ['cloze1'] },
  // Without sc: the markup is in the way.
  { q: '"capital of France"', notes: NONE },
  // Another cloze note.
  { q: 'sc:"Berlin is"', notes: ['cloze2'] },
  // Hints are removed.
  { q: 'sc:country', notes: NONE },
  // They are text without sc:.
  { q: 'country', notes: ['cloze1'] },
  // sc: only looks at cloze note types.
  { q: 'sc:Paris', notes: ['cloze1'] },
  // `-sc:` negates only the note type test (Anki writes no brackets around sc:).
  { q: '-sc:Paris', notes: ['paris'] },
  // Every cloze note.
  { q: 'sc:*', notes: ['cloze1', 'cloze2'] },
];

/** `query` with its placeholders replaced by the ids of the fixture's notes, cards, decks and note types. */
export function substitute(query: string, fixture: Pick<SearchFixture, 'note' | 'card' | 'deck' | 'notetype'>): string {
  return query.replace(/\{(note|card|deck|nt):([^}]+)\}/g, (_match, kind: string, name: string) => {
    if (kind === 'note') return String(fixture.note(name));
    if (kind === 'card') return String(fixture.card(name));
    if (kind === 'deck') return String(fixture.deck(name));
    return String(fixture.notetype(name));
  });
}

/**
 * Unicode property names in `\p{…}` and `\P{…}`, from Rust's spelling to JavaScript's. Rust
 * matches them loosely (case, spaces, `_`, `-` and an `is` prefix ignored) and takes a bare name
 * as a binary property, then a general category, then a script; JavaScript wants exact names and
 * `Script=` for scripts. Properties JavaScript lacks (`Age`, `Word_Break`, …) are not supported.
 */
import { RustRegexError } from './regex-syntax.js';

const GENERAL_CATEGORIES = [
  'Cased_Letter', 'Close_Punctuation', 'Connector_Punctuation', 'Control', 'Currency_Symbol', 'Dash_Punctuation',
  'Decimal_Number', 'Enclosing_Mark', 'Final_Punctuation', 'Format', 'Initial_Punctuation', 'Letter', 'Letter_Number',
  'Line_Separator', 'Lowercase_Letter', 'Mark', 'Math_Symbol', 'Modifier_Letter', 'Modifier_Symbol', 'Nonspacing_Mark',
  'Number', 'Open_Punctuation', 'Other', 'Other_Letter', 'Other_Number', 'Other_Punctuation', 'Other_Symbol',
  'Paragraph_Separator', 'Private_Use', 'Punctuation', 'Separator', 'Space_Separator', 'Spacing_Mark', 'Surrogate',
  'Symbol', 'Titlecase_Letter', 'Unassigned', 'Uppercase_Letter', 'C', 'Cc', 'Cf', 'Cn', 'Co', 'Cs', 'L', 'LC', 'Ll',
  'Lm', 'Lo', 'Lt', 'Lu', 'M', 'Mc', 'Me', 'Mn', 'N', 'Nd', 'Nl', 'No', 'P', 'Pc', 'Pd', 'Pe', 'Pf', 'Pi', 'Po', 'Ps',
  'S', 'Sc', 'Sk', 'Sm', 'So', 'Z', 'Zl', 'Zp', 'Zs', 'digit', 'punct', 'Combining_Mark',
];
const BINARY_PROPERTIES = [
  'ASCII', 'ASCII_Hex_Digit', 'Alphabetic', 'Any', 'Assigned', 'Bidi_Control', 'Bidi_Mirrored', 'Case_Ignorable',
  'Cased', 'Changes_When_Casefolded', 'Changes_When_Casemapped', 'Changes_When_Lowercased',
  'Changes_When_NFKC_Casefolded', 'Changes_When_Titlecased', 'Changes_When_Uppercased', 'Dash',
  'Default_Ignorable_Code_Point', 'Deprecated', 'Diacritic', 'Emoji', 'Emoji_Component', 'Emoji_Modifier',
  'Emoji_Modifier_Base', 'Emoji_Presentation', 'Extended_Pictographic', 'Extender', 'Grapheme_Base',
  'Grapheme_Extend', 'Hex_Digit', 'IDS_Binary_Operator', 'IDS_Trinary_Operator', 'ID_Continue', 'ID_Start',
  'Ideographic', 'Join_Control', 'Logical_Order_Exception', 'Lowercase', 'Math', 'Noncharacter_Code_Point',
  'Pattern_Syntax', 'Pattern_White_Space', 'Quotation_Mark', 'Radical', 'Regional_Indicator', 'Sentence_Terminal',
  'Soft_Dotted', 'Terminal_Punctuation', 'Unified_Ideograph', 'Uppercase', 'Variation_Selector', 'White_Space',
  'XID_Continue', 'XID_Start',
];

/**
 * Rust's loose matching of property names and values (UAX44-LM3 as regex-syntax applies it):
 * a leading `is` dropped, spaces, `_` and `-` removed, ASCII lower-cased, anything beyond
 * ASCII dropped.
 */
function loose(name: string): string {
  const startsWithIs = /^is/i.test(name);
  const ascii = Array.from(startsWithIs ? name.slice(2) : name).filter((char) => char.charCodeAt(0) < 0x80);
  const out = ascii.join('').replace(/[ _-]/g, '').toLowerCase();
  // `isc` is the Other category's alias, not an `is` prefix on `c`.
  return startsWithIs && out === 'c' ? 'isc' : out;
}

const looseMap = (names: readonly string[]): Map<string, string> => new Map(names.map((known) => [loose(known), known]));
let categories: Map<string, string> | undefined;
let binaries: Map<string, string> | undefined;

function validProperty(body: string): boolean {
  try {
    new RegExp(`\\p{${body}}`, 'v');
    return true;
  } catch {
    return false;
  }
}

const titleCase = (name: string): string =>
  name
    .split(/[\s_-]+/)
    .filter((part) => part !== '')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1).toLowerCase())
    .join('_');

/** The JavaScript spelling of a script (or script extension) value, when JavaScript knows it. */
function scriptValue(key: 'Script' | 'Script_Extensions', value: string): string | undefined {
  const bare = value.replace(/^is/i, '');
  const forms = [value, bare, titleCase(bare), titleCase(loose(value)), bare.toUpperCase()];
  const found = forms.find((form) => form !== '' && validProperty(`${key}=${form}`));
  return found === undefined ? undefined : `${key}=${found}`;
}

/** A general category, by any of its names. */
function category(value: string): string | undefined {
  categories ??= looseMap(GENERAL_CATEGORIES);
  const name = categories.get(loose(value));
  return name === undefined ? undefined : `General_Category=${name}`;
}

/**
 * The JavaScript `\p{…}` or `\P{…}` for the property Rust calls `name` (`Greek`, `sc=Greek`,
 * `gc!=L`, or one letter after `\p`), looked up as regex-syntax does: a bare name as a binary
 * property, then a general category, then a script; `key=value` by the key's values. Throws
 * RustRegexError with Rust's reason when Rust has no such property or value.
 */
export function unicodeProperty(name: string, negatedEscape: boolean, oneLetter = false): string {
  let negated = negatedEscape;
  // Split at the first `!=`, else the first `:`, else the first `=`, as regex-syntax does.
  const op = oneLetter ? null : (/^(.*?)(!=)(.*)$/s.exec(name) ?? /^(.*?)(:)(.*)$/s.exec(name) ?? /^(.*?)(=)(.*)$/s.exec(name));
  let body: string | undefined;
  if (op === null) {
    const norm = loose(name);
    binaries ??= looseMap(BINARY_PROPERTIES);
    // `cf`, `sc` and `lc` are general categories, not the properties they also abbreviate.
    const binary = norm === 'cf' || norm === 'sc' || norm === 'lc' ? undefined : binaries.get(norm);
    body = binary ?? category(name) ?? (norm === '' ? undefined : scriptValue('Script', name));
    if (body === undefined) throw new RustRegexError('Unicode property not found');
  } else {
    const [, rawKey = '', operator, value = ''] = op;
    if (operator === '!=') negated = !negated;
    const key = loose(rawKey);
    if (key === 'gc' || key === 'generalcategory') body = category(value);
    else if (key === 'sc' || key === 'script') body = scriptValue('Script', value);
    else if (key === 'scx' || key === 'scriptextensions') body = scriptValue('Script_Extensions', value);
    else throw new RustRegexError('Unicode property not found');
    if (body === undefined) throw new RustRegexError('Unicode property value not found');
  }
  if (!validProperty(body)) throw new RustRegexError('Unicode property not found');
  return `\\${negated ? 'P' : 'p'}{${body}}`;
}

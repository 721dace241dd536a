/**
 * Unicode property names in `\p{…}` and `\P{…}`, from Rust's spelling to JavaScript's. Rust
 * matches them loosely (case, spaces, `_` and `-` ignored) and takes a bare name as a general
 * category, then a script, then a binary property; JavaScript wants exact names and `Script=` for
 * scripts.
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

const loose = (name: string): string => name.toLowerCase().replace(/[\s_-]+/g, '');

let looseNames: Map<string, string> | undefined;
function canonicalName(name: string): string | undefined {
  looseNames ??= new Map([...GENERAL_CATEGORIES, ...BINARY_PROPERTIES].map((known) => [loose(known), known]));
  return looseNames.get(loose(name));
}

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

/**
 * The JavaScript `\p{…}` or `\P{…}` for the property Rust calls `name` (`Greek`, `sc=Greek`,
 * `gc!=L`); throws RustRegexError when there is none.
 */
export function unicodeProperty(name: string, negatedEscape: boolean): string {
  let negated = negatedEscape;
  let key: string | undefined;
  let value = name;
  const op = /^(.*?)(!=|=|:)(.*)$/s.exec(name);
  if (op !== null) {
    key = op[1] ?? '';
    value = op[3] ?? '';
    if (op[2] === '!=') negated = !negated;
  }
  const candidates: string[] = [];
  const forms = [value, canonicalName(value), titleCase(value), value.toUpperCase()].filter((f): f is string => f !== undefined && f !== '');
  if (key === undefined) {
    for (const form of forms) candidates.push(form);
    for (const form of forms) candidates.push(`Script=${form}`);
  } else {
    const k = loose(key);
    const jsKey =
      k === 'gc' || k === 'generalcategory'
        ? 'General_Category'
        : k === 'sc' || k === 'script'
          ? 'Script'
          : k === 'scx' || k === 'scriptextensions'
            ? 'Script_Extensions'
            : undefined;
    if (jsKey !== undefined) for (const form of forms) candidates.push(`${jsKey}=${form}`);
  }
  const found = candidates.find(validProperty);
  if (found === undefined) throw new RustRegexError('Unicode property not found');
  return `\\${negated ? 'P' : 'p'}{${found}}`;
}

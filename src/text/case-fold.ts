/**
 * Case-insensitive comparison the way Rust's `unicase` crate (and the native `unicase` SQLite
 * collation) does it: full Unicode case folding, then code point order. Anki uses it for tag
 * names and for deck, note type, field, template and preset names.
 *
 * JavaScript has no case folding API: `toLowerCase()` differs on ß (stays ß, folds to "ss"),
 * final sigma, Cherokee and others. So folding uses a generated table from CaseFolding.txt (see
 * generate-case-fold-data.ts), the same table the SQLite collation is built from. Its Unicode
 * version can differ from the one compiled into Anki's unicase crate, which matters only for
 * characters added between the two versions.
 */
import { CASE_FOLDING_DATA } from './case-fold-data.js';

const NON_ASCII = /[\u0080-\u{10ffff}]/u;

let foldTable: Map<number, string> | undefined;

// Parsed on first use, so importing the text utilities costs nothing for ASCII-only work.
function table(): Map<number, string> {
  if (foldTable) return foldTable;
  const map = new Map<number, string>();
  for (const entry of CASE_FOLDING_DATA.split(';')) {
    if (!entry) continue;
    const [from, to] = entry.split(':');
    if (from === undefined || to === undefined) continue;
    const folded = String.fromCodePoint(...to.split(' ').map((hex) => parseInt(hex, 16)));
    map.set(parseInt(from, 16), folded);
  }
  foldTable = map;
  return map;
}

/**
 * The full Unicode case folding of `s` (CaseFolding.txt statuses C and F): `"Straße"` →
 * `"strasse"`, `"ΣΑΣ"` and `"σας"` both → `"σασ"`. ASCII input is lower-cased, which is the same.
 * Folding is a key for comparison, not a display form.
 */
export function foldCase(s: string): string {
  if (!NON_ASCII.test(s)) return s.toLowerCase();
  const map = table();
  let out = '';
  for (const char of s) {
    const code = char.codePointAt(0) ?? 0;
    out += map.get(code) ?? char;
  }
  return out;
}

/** True when `a` and `b` are equal after full case folding (unicase equality). */
export function equalsIgnoringCase(a: string, b: string): boolean {
  return a === b || foldCase(a) === foldCase(b);
}

/**
 * Orders `a` and `b` as unicase does (negative, zero or positive): their case foldings compared
 * code point by code point. This is the `unicase` collation's order, and the order in which
 * Anki sorts a note's tags.
 */
export function compareIgnoringCase(a: string, b: string): number {
  return compareCodePoints(foldCase(a), foldCase(b));
}

/**
 * Compares two strings by Unicode code point rather than by UTF-16 code unit (JavaScript's `<`),
 * which differ when a character above U+FFFF meets one in U+E000–U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

// Moves surrogates (which only occur as parts of code points above U+FFFF) after U+E000–U+FFFF,
// so that comparing ranks of the first differing code unit gives code point order.
function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit <= 0xdfff ? unit + 0x2000 : unit - 0x800;
}

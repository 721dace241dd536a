/**
 * Finds `<img|audio|video|object|source …>` tags that carry a `src=` or `data=` attribute, with
 * exactly the matches of Anki's `HTML_MEDIA_TAGS` regex (rslib `text.rs`).
 *
 * Facts about that regex that this module reproduces:
 * - Case-insensitive, with Unicode word boundaries: the element name must not be followed by a
 *   word character (`<imgx` is not an image) and the attribute must not be preceded by one
 *   (`xsrc=` is not a source, `data-src=` is, through its `src=`).
 * - Between the name and the attribute, any characters except `>`, or whole `"…"`/`'…'` strings
 *   (at least one character inside), which may contain `>`. At least one character is required.
 * - The value is `"…"` or `'…'` (at least one character, then anything up to the next `>`), or
 *   unquoted. Anki's pattern is written in verbose mode, where Rust's regex ignores the space in
 *   `[^ >]`, so an unquoted value is any run of non-`>` characters (tabs, newlines and quotes
 *   included, and a leading space too) that ends at the first space followed later by `>`, or at
 *   `>` itself. `src=""` therefore yields the unquoted value `""`.
 * - The earliest match wins, and among matches starting at the same `<`, the one a backtracking
 *   engine finds first (the first attribute position, preferring plain characters over quoted
 *   strings, and double quotes over single quotes over unquoted for the value).
 *
 * A JavaScript regex can express the same pattern, but its nested alternation backtracks
 * exponentially on tags with many quoted attributes and no `src`. This matcher walks the same
 * search order with a memo of positions already known to fail, so the work stays linear.
 */

/** One media tag: the half-open range it spans in the input and the raw attribute value. */
export interface MediaTagMatch {
  readonly start: number;
  readonly end: number;
  /** The attribute value exactly as written: not entity-decoded, not trimmed. */
  readonly filename: string;
}

// Rust's Unicode `\w`: Alphabetic, marks, decimal digits, connector punctuation, joiners.
const WORD = String.raw`[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}]`;

// The opening `<name` of a media element. Anki's `<\b` is always true before a letter, so only
// the boundary after the name needs checking.
const TAG_START = new RegExp(String.raw`<(?:img|audio|video|object|source)(?!${WORD})`, 'giu');

// `\b(?:src|data)=` anchored at a position. The lookbehind sees the whole code point before it.
const ATTRIBUTE = new RegExp(String.raw`(?<!${WORD})(?:src|data)=`, 'iuy');

const GT = 0x3e;
const SPACE = 0x20;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;

/**
 * Every media tag in `html`, in order, non-overlapping (as Rust's `captures_iter` and
 * `replace_all` see them).
 */
export function findMediaTags(html: string): MediaTagMatch[] {
  const found: MediaTagMatch[] = [];
  if (!html.includes('<')) return found;
  const lastGt = html.lastIndexOf('>');
  if (lastGt === -1) return found;

  // Whether the search from a position (after at least one character of the tag body) is known
  // to fail. That outcome depends on the position only, so it is shared by every candidate.
  let failed: Uint8Array | undefined;
  TAG_START.lastIndex = 0;
  for (let start = TAG_START.exec(html); start !== null; start = TAG_START.exec(html)) {
    const bodyStart = start.index + start[0].length;
    // Every match ends with a `>`; none remain after this point.
    if (bodyStart > lastGt) break;
    failed ??= new Uint8Array(html.length + 1);
    const match = matchTagBody(html, bodyStart, failed);
    if (match !== undefined) {
      found.push({ start: start.index, end: match.end, filename: match.filename });
      TAG_START.lastIndex = match.end;
    }
  }
  return found;
}

interface ValueMatch {
  readonly end: number;
  readonly filename: string;
}

/**
 * Depth-first search over the tag body `(?:[^>]|"[^"]+?"|'[^']+?')+?` followed by the
 * attribute, in the order a backtracking engine would try it. Iterative, so long tags cannot
 * overflow the call stack.
 */
function matchTagBody(html: string, bodyStart: number, failed: Uint8Array): ValueMatch | undefined {
  const positions: number[] = [bodyStart];
  const alternatives: number[] = [0];
  while (positions.length > 0) {
    const top = positions.length - 1;
    const pos = positions[top] ?? 0;
    const alternative = alternatives[top] ?? 0;
    alternatives[top] = alternative + 1;

    let next = -1;
    if (alternative === 0) {
      if (pos < html.length && html.charCodeAt(pos) !== GT) next = pos + 1;
    } else if (alternative === 1) {
      next = quotedEnd(html, pos, DOUBLE_QUOTE);
    } else if (alternative === 2) {
      next = quotedEnd(html, pos, SINGLE_QUOTE);
    } else {
      positions.pop();
      alternatives.pop();
      // The body's first position is entered without trying the attribute, so it is not the
      // same state as that position reached later; only later states are memoised.
      if (top > 0) failed[pos] = 1;
      continue;
    }
    if (next === -1 || failed[next] === 1) continue;

    // The body's loop is lazy: try to finish here before consuming more.
    const value = matchAttribute(html, next);
    if (value !== undefined) return value;
    positions.push(next);
    alternatives.push(0);
  }
  return undefined;
}

/** End (exclusive) of a `"…"` or `'…'` string with at least one character inside, or -1. */
function quotedEnd(html: string, pos: number, quote: number): number {
  if (html.charCodeAt(pos) !== quote) return -1;
  if (pos + 1 >= html.length || html.charCodeAt(pos + 1) === quote) return -1;
  const close = html.indexOf(quote === DOUBLE_QUOTE ? '"' : "'", pos + 2);
  return close === -1 ? -1 : close + 1;
}

/** `src=`/`data=` then a value, at `pos`. */
function matchAttribute(html: string, pos: number): ValueMatch | undefined {
  // Cheap first-letter filter before the regex: s, S, ſ (U+017F folds to s), d, D.
  const first = html.charCodeAt(pos);
  if (first !== 0x73 && first !== 0x53 && first !== 0x17f && first !== 0x64 && first !== 0x44) {
    return undefined;
  }
  ATTRIBUTE.lastIndex = pos;
  const attribute = ATTRIBUTE.exec(html);
  if (attribute === null) return undefined;
  return matchValue(html, pos + attribute[0].length);
}

function matchValue(html: string, pos: number): ValueMatch | undefined {
  const first = html.charCodeAt(pos);
  if (first === DOUBLE_QUOTE || first === SINGLE_QUOTE) {
    const close = quotedEnd(html, pos, first);
    const gt = close === -1 ? -1 : html.indexOf('>', close);
    if (gt !== -1) return { end: gt + 1, filename: html.slice(pos + 1, close - 1) };
    // An empty or unclosed quoted value, or one with no `>` after it (`src="a>b"` at the very
    // end), falls through to the unquoted form, quote included.
  }
  if (pos >= html.length || first === GT) return undefined;
  // The unquoted value takes at least one character, then stops at the first space or `>`.
  for (let i = pos + 1; i < html.length; i++) {
    const code = html.charCodeAt(i);
    if (code === GT) return { end: i + 1, filename: html.slice(pos, i) };
    if (code === SPACE) {
      const gt = html.indexOf('>', i + 1);
      // With no `>` after this space there is none after any later one either.
      return gt === -1 ? undefined : { end: gt + 1, filename: html.slice(pos, i) };
    }
  }
  return undefined;
}

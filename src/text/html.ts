/**
 * HTML to plain text, the way Anki's rslib `text.rs` does it for sort fields, checksums,
 * duplicate checks and the `{{text:}}` filter.
 */
import { HTML4_ENTITIES } from './html4-entities.js';
import { findMediaTags } from './media-tags.js';

/**
 * Removes what Anki's HTML regex matches — `(?si)(<!--.*?-->)|(<style.*?>.*?</style>)|
 * (<script.*?>.*?</script>)|(<.*?>)`, tried left to right at each `<` — with a linear scan.
 * The regex itself takes quadratic time on text with many `<` and no `>` (each `<` searches to
 * the end), which reaches sort fields, checksums and the text filter on pasted content.
 */
function removeHtmlParts(html: string): string {
  let out = '';
  let copied = 0;
  // Positions of the next "-->", "</style>" and "</script>": once a search fails it fails for
  // every later start too, so each is searched at most once per position it can move to.
  let commentEnd = -2;
  let styleEnd = -2;
  let scriptEnd = -2;
  let i = html.indexOf('<');
  while (i !== -1) {
    const gt = html.indexOf('>', i + 1);
    // Every alternative needs a '>' after the '<': without one nothing more can match.
    if (gt === -1) break;
    let end = -1;
    if (html.startsWith('<!--', i)) {
      if (commentEnd !== -1 && commentEnd < i + 4) commentEnd = html.indexOf('-->', i + 4);
      if (commentEnd !== -1) end = commentEnd + 3;
    }
    if (end === -1 && wordAt(html, i + 1, 'style')) {
      const open = html.indexOf('>', i + 6);
      if (open !== -1) {
        if (styleEnd !== -1 && styleEnd <= open) styleEnd = indexOfWordTag(html, '</style>', open + 1);
        if (styleEnd !== -1) end = styleEnd + 8;
      }
    }
    if (end === -1 && wordAt(html, i + 1, 'script')) {
      const open = html.indexOf('>', i + 7);
      if (open !== -1) {
        if (scriptEnd !== -1 && scriptEnd <= open) scriptEnd = indexOfWordTag(html, '</script>', open + 1);
        if (scriptEnd !== -1) end = scriptEnd + 9;
      }
    }
    if (end === -1) end = gt + 1;
    out += html.slice(copied, i);
    copied = end;
    i = html.indexOf('<', end);
  }
  return copied === 0 ? html : out + html.slice(copied);
}

/**
 * Whether `word` (lower-case ASCII) is at `pos`, compared as the regex's `(?i)` does: ASCII
 * letters in either case, and `ſ` (U+017F, whose simple case folding is `s`) for `s`.
 */
function wordAt(text: string, pos: number, word: string): boolean {
  if (pos + word.length > text.length) return false;
  for (let k = 0; k < word.length; k++) {
    const c = text.charCodeAt(pos + k);
    const w = word.charCodeAt(k);
    const lower = c >= 0x41 && c <= 0x5a ? c + 32 : c;
    if (lower !== w && !(w === 0x73 && c === 0x17f)) return false;
  }
  return true;
}

/** The next `tag` (e.g. `</style>`, ASCII-case-insensitive as above) at or after `from`, or -1. */
function indexOfWordTag(text: string, tag: string, from: number): number {
  for (let pos = text.indexOf('<', from); pos !== -1; pos = text.indexOf('<', pos + 1)) {
    if (text.charCodeAt(pos + 1) === 0x2f && wordAt(text, pos + 2, tag.slice(2, -1)) && text.charCodeAt(pos + tag.length - 1) === 0x3e) {
      return pos;
    }
  }
  return -1;
}

const NBSP_G = /\u00a0/g;

/**
 * Removes HTML comments, `<style>`/`<script>` elements and every remaining tag, keeping entities
 * as they are (Anki's `strip_html_preserving_entities`).
 */
export function stripHtmlPreservingEntities(html: string): string {
  if (!html.includes('<')) return html;
  return removeHtmlParts(html);
}

/**
 * Anki's `strip_html`: removes comments, `<style>…</style>`, `<script>…</script>` and all tags,
 * then decodes entities with {@link decodeEntities}. Text such as `[sound:x.mp3]` is kept, and
 * nothing is trimmed.
 */
export function stripHtml(html: string): string {
  return decodeEntities(stripHtmlPreservingEntities(html));
}

/**
 * Anki's `strip_html_preserving_media_filenames`, used for `sfld` and `csum`: every
 * `<img|audio|video|object|source …>` tag with a `src=`/`data=` attribute becomes
 * `" FILENAME "` (the raw attribute value between two spaces), then {@link stripHtml} runs.
 */
export function stripHtmlPreservingMediaFilenames(html: string): string {
  if (!html.includes('<')) return decodeEntities(html);
  const tags = findMediaTags(html);
  if (tags.length === 0) return stripHtml(html);
  let out = '';
  let last = 0;
  for (const tag of tags) {
    out += `${html.slice(last, tag.start)} ${tag.filename} `;
    last = tag.end;
  }
  return stripHtml(out + html.slice(last));
}

/**
 * Anki's `decode_entities`. Only text containing `&` is touched. Decoding follows the Rust
 * `htmlescape` crate's strict `decode_html`: the HTML 4 named entities (case-sensitive),
 * `&#DDD;` and `&#xHHH;` (lower-case `x` only), each closed by `;`. If ANY `&` in the text does
 * not start such a reference (a bare `&`, a missing `;`, an unknown name, an out-of-range or
 * surrogate code point), decoding fails and Anki keeps the whole text unchanged, entities
 * included. On success every U+00A0 in the result, decoded or literal, becomes a plain space.
 */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  const decoded = decodeHtmlStrict(text);
  if (decoded === undefined) return text;
  return decoded.includes('\u00a0') ? decoded.replace(NBSP_G, ' ') : decoded;
}

const HASH = 0x23;
const SEMI = 0x3b;
const LOWER_X = 0x78;

/** The crate's decoder as a scanner; undefined where it would return an error. */
function decodeHtmlStrict(text: string): string | undefined {
  let out = '';
  let copied = 0;
  let amp = text.indexOf('&');
  while (amp !== -1) {
    out += text.slice(copied, amp);
    const first = amp + 1;
    if (first >= text.length) return undefined;
    let char: string | undefined;
    let end: number;
    if (text.charCodeAt(first) === HASH) {
      // After `&#` the crate takes decimal digits or a lower-case `x` then hex digits, and
      // nothing but `;` may follow them.
      const hex = text.charCodeAt(first + 1) === LOWER_X;
      const digitsStart = hex ? first + 2 : first + 1;
      end = digitsStart;
      while (end < text.length && isDigit(text.charCodeAt(end), hex)) end++;
      // `&#;` is a syntax error; `&#x;` parses an empty number, which fails too.
      if (end === digitsStart || text.charCodeAt(end) !== SEMI) return undefined;
      const value = parseInt(text.slice(digitsStart, end), hex ? 16 : 10);
      // Rust's char::from_u32 refuses surrogates and values past U+10FFFF (u32 overflow of a
      // very long digit string is an error as well, and lands here as a huge number).
      if (value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return undefined;
      char = String.fromCodePoint(value);
    } else {
      // A named reference runs to the next `;` whatever it contains (`&a b;` looks up "a b"),
      // and `&;` is an error.
      end = text.indexOf(';', first);
      if (end === -1 || end === first) return undefined;
      const codePoint = HTML4_ENTITIES.get(text.slice(first, end));
      if (codePoint === undefined) return undefined;
      char = String.fromCharCode(codePoint);
    }
    out += char;
    copied = end + 1;
    amp = text.indexOf('&', copied);
  }
  return out + text.slice(copied);
}

function isDigit(code: number, hex: boolean): boolean {
  if (code >= 0x30 && code <= 0x39) return true;
  if (!hex) return false;
  return (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
}

/**
 * The ruby filters `furigana`, `kana` and `kanji` (anki-semantics.md §2.4), for text written as
 * `漢字[かんじ]`.
 */
import { NextIndex } from './next-index.js';

const NBSP_ENTITY = /&nbsp;/g;

/**
 * Replaces each `base[reading]` with `render(base, reading)`, matching what Anki's regex
 * ` ?([^ >]+?)\[(.+?)\]` matches (leftmost first, both parts as short as possible; the base stops
 * at a space or `>`, the reading at a newline). `&nbsp;` becomes a space first, so it separates
 * words. A match whose reading starts with `sound:` is a sound tag and is kept whole, leading
 * space included. A scanner rather than the regex: backtracking would take quadratic time on long
 * runs without spaces, such as an inline image's data.
 */
function replaceRuby(text: string, render: (base: string, reading: string) => string): string {
  const spaced = text.includes('&nbsp;') ? text.replace(NBSP_ENTITY, ' ') : text;
  if (!spaced.includes('[')) return spaced;
  const open = new NextIndex(spaced, '[');
  const close = new NextIndex(spaced, ']');
  const newline = new NextIndex(spaced, '\n');
  const space = new NextIndex(spaced, ' ');
  const tagEnd = new NextIndex(spaced, '>');
  let out = '';
  let copied = 0;
  let pos = 0;
  while (pos < spaced.length) {
    // The base starts at the next character that is neither a space nor `>`.
    let base = pos;
    while (base < spaced.length && (spaced[base] === ' ' || spaced[base] === '>')) base++;
    if (base >= spaced.length) break;
    const spaceAt = space.from(base);
    const tagEndAt = tagEnd.from(base);
    const runEnd = Math.min(spaceAt === -1 ? spaced.length : spaceAt, tagEndAt === -1 ? spaced.length : tagEndAt);
    // The first `[` in the run after at least one base character whose reading closes.
    let bracket = open.from(base + 1);
    let closing = -1;
    while (bracket !== -1 && bracket < runEnd) {
      closing = close.from(bracket + 2);
      // No `]` after this `[` means none after any later one either: nothing more matches.
      if (closing === -1) return copied === 0 ? spaced : out + spaced.slice(copied);
      const lineEnd = newline.from(bracket + 1);
      if (lineEnd === -1 || lineEnd >= closing) break;
      bracket = open.from(bracket + 1);
    }
    if (bracket === -1 || bracket >= runEnd) {
      pos = runEnd;
      continue;
    }
    const start = base > pos && spaced[base - 1] === ' ' ? base - 1 : base;
    const reading = spaced.slice(bracket + 1, closing);
    if (!reading.startsWith('sound:')) {
      out += spaced.slice(copied, start) + render(spaced.slice(base, bracket), reading);
      copied = closing + 1;
    }
    pos = closing + 1;
  }
  return copied === 0 ? spaced : out + spaced.slice(copied);
}

/** `base[reading]` → `<ruby><rb>base</rb><rt>reading</rt></ruby>`. */
export function furiganaFilter(text: string): string {
  return replaceRuby(text, (base, reading) => `<ruby><rb>${base}</rb><rt>${reading}</rt></ruby>`);
}

/** `base[reading]` → `reading`. */
export function kanaFilter(text: string): string {
  return replaceRuby(text, (_base, reading) => reading);
}

/** `base[reading]` → `base`. */
export function kanjiFilter(text: string): string {
  return replaceRuby(text, (base) => base);
}

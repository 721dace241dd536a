/**
 * Unicode normalisation of note text, as Anki applies it on save (rslib `notes/mod.rs`
 * `normalize_field`, `text.rs` `normalize_to_nfc`).
 */

// No code point below U+0300 changes under NFC, and none composes with a preceding character
// (composition needs a combining mark or a conjoining jamo, all at U+0300 or above). Text made only
// of such characters is therefore already NFC, which spares the normaliser on most fields.
const MAY_NEED_NFC = /[\u0300-\u{10ffff}]/u;

/** The NFC form of `s` (the input itself when it is already NFC). */
export function normalizeToNfc(s: string): string {
  return MAY_NEED_NFC.test(s) ? s.normalize('NFC') : s;
}

/**
 * Anki's `normalize_field`: removes ASCII control characters other than `\n` and `\t`, then
 * NFC-normalises when `nfc` is true (the collection's `normalize_note_text`, default on).
 */
export function normalizeField(field: string, nfc: boolean): string {
  const cleaned = removeAsciiControls(field, true);
  return nfc ? normalizeToNfc(cleaned) : cleaned;
}

/**
 * `s` without ASCII control characters (U+0000–U+001F and U+007F); with `keepTabAndNewline`,
 * `\t` and `\n` stay. This includes `\r` and the field separator `\x1f`, which is why a field
 * can never contain one. Returns `s` itself when there is nothing to remove.
 */
export function removeAsciiControls(s: string, keepTabAndNewline: boolean): string {
  let i = 0;
  while (i < s.length && !isRemovedControl(s.charCodeAt(i), keepTabAndNewline)) i++;
  if (i === s.length) return s;
  // A plain loop rather than a regex: the common case is a single scan that finds nothing.
  let out = s.slice(0, i);
  let kept = i + 1;
  for (i = kept; i < s.length; i++) {
    if (isRemovedControl(s.charCodeAt(i), keepTabAndNewline)) {
      out += s.slice(kept, i);
      kept = i + 1;
    }
  }
  return out + s.slice(kept);
}

function isRemovedControl(code: number, keepTabAndNewline: boolean): boolean {
  if (code === 0x7f) return true;
  if (code >= 0x20) return false;
  return !(keepTabAndNewline && (code === 0x09 || code === 0x0a));
}

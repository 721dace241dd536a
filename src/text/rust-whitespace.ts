/**
 * Whitespace trimming with Rust's `char::is_whitespace` semantics (the Unicode White_Space
 * property). Anki trims handlebar contents with Rust's `str::trim`, and JavaScript's `trim()`
 * disagrees on two code points: it strips U+FEFF (not White_Space) and keeps U+0085 (which is).
 */

/** True for a UTF-16 code unit that has the Unicode White_Space property. */
function isRustWhitespace(code: number): boolean {
  // Fast path for ASCII, which is nearly every template character.
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return (
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/** Removes leading Unicode White_Space, like Rust's `str::trim_start`. */
export function trimStartRust(text: string): string {
  let start = 0;
  while (start < text.length && isRustWhitespace(text.charCodeAt(start))) start++;
  return start === 0 ? text : text.slice(start);
}

/** Removes leading and trailing Unicode White_Space, like Rust's `str::trim`. */
export function trimRust(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isRustWhitespace(text.charCodeAt(start))) start++;
  while (end > start && isRustWhitespace(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/**
 * The two HTML encoders of the Rust `htmlescape` crate that Anki's renderer uses: the minimal
 * one for template error messages and the attribute one for `data-cloze`, LaTeX `alt` text and
 * image occlusion text.
 */

/** The crate's minimal entity set; every other character is left alone by `encodeMinimal`. */
const MINIMAL_ENTITIES: Readonly<Record<string, string>> = {
  '"': '&quot;',
  '&': '&amp;',
  "'": '&#x27;',
  '<': '&lt;',
  '>': '&gt;',
};

const MINIMAL_PATTERN = /["&'<>]/g;

/** `htmlescape::encode_minimal`: `"`, `&`, `'`, `<` and `>` become entities. */
export function encodeMinimal(text: string): string {
  return text.replace(MINIMAL_PATTERN, (char) => MINIMAL_ENTITIES[char] ?? char);
}

const HEX = '0123456789ABCDEF';

/**
 * `htmlescape::encode_attribute`: the minimal entities, then every other character below U+0100
 * that is not an ASCII letter or digit as `&#xHH;` (two upper-case hex digits, so a space is
 * `&#x20;` and a newline `&#x0A;`). Characters from U+0100 up are kept as they are.
 */
export function encodeAttribute(text: string): string {
  let out = '';
  let copied = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x100 || isAsciiAlphanumeric(code)) continue;
    out += text.slice(copied, i);
    const char = text[i] ?? '';
    out += MINIMAL_ENTITIES[char] ?? `&#x${HEX[code >> 4] ?? ''}${HEX[code & 0xf] ?? ''};`;
    copied = i + 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

function isAsciiAlphanumeric(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

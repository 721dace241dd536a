/**
 * The underscore files a note type uses (rslib `text.rs` `extract_underscored_css_imports` and
 * `extract_underscored_references`): files whose names start with `_` are shared by the note
 * type rather than by one note, such as fonts and scripts, and travel with it in packages.
 *
 * - In the CSS: `@import "_x.css"` / `'_x.css'`, and `url(_x)` quoted or not (any letter case).
 * - In the templates: `[sound:_x]`, any `"_x"` or `'_x'` string, and unquoted `src=_x` /
 *   `data=_x` attributes.
 */

// Rust's `\s` and `\b` are Unicode-aware; so are these (`u` flag, and a word boundary spelled out
// over Unicode word characters).
const CSS_IMPORTS =
  /(?:@import\s+(?:"(_[^"]*.css)"|'(_[^']*.css)'))|(?:url\(\s*(?:"(_[^"]+)"|'(_[^']+)'|(_.+?))\s*\))/giu;
const WORD = String.raw`[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}]`;
const TEMPLATE_REFS = new RegExp(
  String.raw`\[sound:(_[^\]]+)\]|"(_[^"]+)"|'(_[^']+)'|(?<!${WORD})(?:src|data)=(_[^ >]+)`,
  'gu',
);

/** The first group that matched: each alternative has exactly one. */
function firstGroup(match: RegExpMatchArray): string | undefined {
  // Groups of alternatives that did not match are undefined at run time, whatever the typings say.
  return (match.slice(1) as (string | undefined)[]).find((group) => group !== undefined);
}

function collect(pattern: RegExp, text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(pattern)) {
    const name = firstGroup(match);
    if (name !== undefined) out.push(name);
  }
  return out;
}

/** Underscore files imported or linked by a note type's CSS. */
export function underscoredCssImports(css: string): string[] {
  return collect(CSS_IMPORTS, css);
}

/** Underscore files referred to by a template side. */
export function underscoredReferences(template: string): string[] {
  return collect(TEMPLATE_REFS, template);
}

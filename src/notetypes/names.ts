/**
 * Anki's rules for the names of note types, fields and templates, applied whenever a note type is
 * saved (rslib `notetype/mod.rs` prepare_for_update, `fields.rs`/`templates.rs` fix_name): NFC,
 * forbidden characters removed, and names made unique within a note type.
 */
import { AnkiConnectError } from '../errors.js';
import { foldCase, normalizeToNfc, trimRust, trimStartRust } from '../text/index.js';

/** A note type name: `"` removed (after NFC). Anki refuses a name that ends up empty. */
export function fixNotetypeName(name: string): string {
  const fixed = normalizeToNfc(name.replaceAll('"', ''));
  if (fixed === '') throw new AnkiConnectError('Empty notetype name');
  return fixed;
}

/**
 * A field name as Anki stores it: NFC, without `:`, `{`, `}` and `"`, trimmed, and without
 * leading `#`, `/`, `^` (which would read as template syntax). An empty result is refused.
 */
export function fixFieldName(name: string): string {
  if (name === '') throw new AnkiConnectError('Empty field name');
  const cleaned = normalizeToNfc(name).replace(/[:{}"]/g, '');
  let trimmed = trimRust(cleaned);
  // Rust's trim_start_matches over `#`, `/`, `^` and whitespace, in any mix.
  for (;;) {
    const next = trimStartRust(trimmed).replace(/^[#/^]+/, '');
    if (next === trimmed) break;
    trimmed = next;
  }
  if (trimmed === '') throw new AnkiConnectError(`Field name: ${cleaned}`);
  return trimmed;
}

/** A template name as Anki stores it: NFC, `"` removed. An empty result is refused. */
export function fixTemplateName(name: string): string {
  if (name === '') throw new AnkiConnectError('Empty template name');
  const fixed = normalizeToNfc(name).replaceAll('"', '');
  if (fixed === '') throw new AnkiConnectError('Template name contains only quotes');
  return fixed;
}

/**
 * Makes names unique ignoring case (Anki's unicase), in order: a name that clashes with an
 * earlier one gets `+` appended until it no longer does, as Anki's ensure_names_unique does.
 */
export function uniqueNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((original) => {
    let name = original;
    while (seen.has(foldCase(name))) name += '+';
    seen.add(foldCase(name));
    return name;
  });
}

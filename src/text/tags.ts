/**
 * The pure parts of Anki's tag handling (rslib `tags/mod.rs`, `tags/register.rs`): splitting,
 * joining, normalising one tag name, and the case-insensitive de-duplication and ordering that
 * `canonify_tags` applies. Looking tags up in the collection's tag registry stays with the caller.
 */
import { compareIgnoringCase, foldCase } from './case-fold.js';
import { normalizeToNfc, removeAsciiControls } from './normalize.js';
import { trimRust } from './rust-whitespace.js';

// Tag separators: the ASCII space and the ideographic space U+3000. Nothing else (not tab, not
// NBSP) separates tags.
const SEPARATORS = /[ \u3000]/;
const SEPARATORS_G = /[ \u3000]/g;

/** Splits a tag string on spaces and U+3000, dropping empty pieces (Anki's `split_tags`). */
export function splitTags(tags: string): string[] {
  if (!SEPARATORS.test(tags)) return tags === '' ? [] : [tags];
  return tags.split(SEPARATORS_G).filter((tag) => tag !== '');
}

/**
 * The tags of a `notes.tags` value (`" a b "`, or `""`). Anki reads the column with the same
 * splitting as {@link splitTags}, so stray doubled spaces are harmless.
 */
export function splitStoredTags(stored: string): string[] {
  return splitTags(stored);
}

/**
 * The `notes.tags` form of a tag list: `" a b "`, with a leading and a trailing space, or `""`
 * when there are no tags (Anki's `join_tags`). The tags are joined as given.
 */
export function joinTagsForStorage(tags: readonly string[]): string {
  return tags.length === 0 ? '' : ` ${tags.join(' ')} `;
}

/**
 * Normalises one tag name as Anki does before registering it (`normalize_tag_name`). The name
 * is split on `::` (left to right, so `a:::b` has the components `a` and `:b`), and each
 * component is NFC-normalised, stripped of ASCII control characters, spaces and U+3000, trimmed
 * of Unicode whitespace, and replaced by `blank` if nothing is left. So `foo::` becomes
 * `foo::blank`, `::foo` becomes `blank::foo` and `::` becomes `blank::blank`. Other characters,
 * including `"`, `'`, `*`, `_` and a single `:`, are kept.
 */
export function normalizeTagName(name: string): string {
  const components = name.split('::');
  for (let i = 0; i < components.length; i++) {
    components[i] = normalizeComponent(components[i] ?? '');
  }
  return components.join('::');
}

function normalizeComponent(component: string): string {
  // Removed: ASCII control characters (tab and newline too) and the two separators.
  let out = removeAsciiControls(normalizeToNfc(component), false);
  if (SEPARATORS.test(out)) out = out.replace(SEPARATORS_G, '');
  out = trimRust(out);
  return out === '' ? 'blank' : out;
}

/**
 * The part before the last `::` (`a::b::c` → `a::b`), or undefined for a top-level tag. Anki
 * looks parents up this way to give a new child tag its existing parent's case.
 */
export function parentTagName(name: string): string | undefined {
  const cut = name.lastIndexOf('::');
  return cut === -1 ? undefined : name.slice(0, cut);
}

/**
 * What Anki's `canonify_tags` does to a note's tag list, minus the registry: each entry is
 * split with {@link splitTags}, each tag normalised with {@link normalizeTagName} and then
 * passed through `resolve` (where a caller substitutes the registered spelling, e.g. `FOO` →
 * `foo`), duplicates are dropped case-insensitively (the first spelling wins), and the result
 * is sorted case-insensitively (unicase order).
 */
export function canonifyTags(
  tags: readonly string[],
  resolve: (normalized: string) => string = (normalized) => normalized,
): string[] {
  const byKey = new Map<string, string>();
  for (const entry of tags) {
    for (const tag of splitTags(entry)) {
      const name = resolve(normalizeTagName(tag));
      const key = foldCase(name);
      if (!byKey.has(key)) byKey.set(key, name);
    }
  }
  return [...byKey.values()].sort(compareIgnoringCase);
}

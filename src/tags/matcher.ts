import { foldCase, splitTags } from '../text/index.js';

/**
 * Matches note tags against a space-separated list the way Anki's `TagMatcher` does when tags
 * are removed from notes: a tag matches when it equals one of the listed tags ignoring case, or
 * is one of its descendants (`a` matches `a`, `A::b` and `a::b::c`, not `ab`). The listed tags
 * are taken literally: `*` is not a wildcard here.
 */
export class TagMatcher {
  private readonly folded: Set<string>;

  constructor(spaceSeparated: string) {
    this.folded = new Set(splitTags(spaceSeparated).map(foldCase));
  }

  /** True when nothing was listed, so nothing can match. */
  get isEmpty(): boolean {
    return this.folded.size === 0;
  }

  /** Whether `tag` is a listed tag or a descendant of one. */
  matches(tag: string): boolean {
    const folded = foldCase(tag);
    if (this.folded.has(folded)) return true;
    // A descendant: a listed tag followed by "::". Overlapping separators count too, as in the
    // regex Anki uses ("a:" matches "a:::b" at the second colon).
    for (let at = folded.indexOf('::'); at !== -1; at = folded.indexOf('::', at + 1)) {
      if (this.folded.has(folded.slice(0, at))) return true;
    }
    return false;
  }

  /** The tags that do not match, in their order. */
  remove(tags: readonly string[]): string[] {
    return tags.filter((tag) => !this.matches(tag));
  }
}

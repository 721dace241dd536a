import type { Collection } from '../collection/collection.js';
import { canonifyTags, foldCase, normalizeTagName, parentTagName, splitStoredTags } from '../text/index.js';

/**
 * The collection's tag list (`tags` table) and the canonical spelling of note tags. A tag that
 * already exists under another letter case takes the registered spelling; a new child tag takes
 * the spelling of its nearest ancestor that is itself registered (`Lang::x` after `lang` exists
 * becomes `lang::x`), as in Anki's `canonify_tags`. A registered sibling does not count:
 * `Lang::x` after `lang::y` stays `Lang::x`, as real Anki 26.9 keeps it. Only tags that notes
 * carry are registered: Anki builds the parents of the tag tree on the fly.
 */
export class TagRegistry {
  constructor(private readonly col: Collection) {}

  /**
   * Normalises, de-duplicates and sorts `tags`, registering the new ones. Returns the tags to
   * store on the note.
   */
  canonify(tags: readonly string[]): string[] {
    return canonifyTags(tags, (normalized) => {
      const existing = this.col.stmt<[string], { tag: string }>('select tag from tags where tag = ?').get(normalized);
      if (existing !== undefined) return existing.tag;
      const name = this.withParentCase(normalized);
      this.col
        // Anki registers a new tag collapsed in the browser's sidebar (Tag::new is not expanded).
        .stmt('insert or ignore into tags (tag, usn, collapsed, config) values (?, ?, 1, null)')
        .run(name, this.col.usn());
      return name;
    });
  }

  /**
   * Registers one tag received from a sync server with that sync's usn, as Anki's
   * `register_tag`: an existing tag (in any letter case) is left alone; a new one takes the
   * spelling of its registered parents.
   */
  register(name: string, usn: number): void {
    const normalized = normalizeTagName(name);
    if (normalized === '') return;
    if (this.col.stmt<[string]>('select 1 from tags where tag = ?').get(normalized) !== undefined) return;
    this.col
      .stmt('insert or ignore into tags (tag, usn, collapsed, config) values (?, ?, 1, null)')
      .run(this.withParentCase(normalized), usn);
  }

  /** Every registered tag, in unicase order. */
  all(): string[] {
    return this.col
      .stmt<[], { tag: string }>('select tag from tags order by tag')
      .all()
      .map((row) => row.tag);
  }

  /**
   * Removes the registered tags that no note uses, as Anki's `clear_unused_tags` does: a tag
   * counts as used when a note carries it or one of its descendants (`a::b` on a note keeps
   * `a`), compared case-insensitively. Returns how many tags were removed.
   */
  clearUnused(): number {
    const used = new Set<string>();
    const rows = this.col.stmt<[], { tags: string }>("select tags from notes where tags != ''").iterate();
    for (const { tags } of rows) {
      for (const tag of splitStoredTags(tags)) {
        for (let name: string | undefined = foldCase(tag); name !== undefined && !used.has(name); name = parentTagName(name)) {
          used.add(name);
        }
      }
    }
    const unused = this.all().filter((tag) => !used.has(foldCase(tag)));
    const remove = this.col.stmt('delete from tags where tag = ?');
    for (const tag of unused) remove.run(tag);
    return unused.length;
  }

  private withParentCase(tag: string): string {
    for (let parent = parentTagName(tag); parent !== undefined; parent = parentTagName(parent)) {
      // Only a registered tag equal to the ancestor (unicase) lends its spelling (rslib
      // `first_existing_parent_tag`).
      const match = this.col.stmt<[string], { tag: string }>('select tag from tags where tag = ?').get(parent);
      if (match !== undefined) return `${match.tag}${tag.slice(parent.length)}`;
    }
    return tag;
  }
}

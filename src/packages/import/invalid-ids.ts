/**
 * Ids in the future (Anki's `maybe_fix_invalid_ids`, run on every package's collection before it
 * is read): note, card and review ids are creation times in ms, and one more than a day ahead
 * would make Anki's importer refuse the package. They are renumbered from now (or from the
 * largest valid id plus one), in id order, and the references to them follow.
 */
import type { Collection } from '../../collection/collection.js';
import { setSchemaModified } from '../../notetypes/schema-change.js';

const DAY_MS = 86_400_000;

/** Each table whose ids are renumbered, with the column elsewhere that refers to them. */
const TABLES = [
  {
    select: 'select id from notes where id > ? order by id',
    maxValid: 'select coalesce(max(id), 0) as id from notes where id <= ?',
    update: 'update notes set id = ? where id = ?',
    follow: 'update cards set nid = ? where nid = ?',
  },
  {
    select: 'select id from cards where id > ? order by id',
    maxValid: 'select coalesce(max(id), 0) as id from cards where id <= ?',
    update: 'update cards set id = ? where id = ?',
    follow: 'update revlog set cid = ? where cid = ?',
  },
  {
    select: 'select id from revlog where id > ? order by id',
    maxValid: 'select coalesce(max(id), 0) as id from revlog where id <= ?',
    update: 'update revlog set id = ? where id = ?',
    follow: undefined,
  },
] as const;

/** Renumbers future ids; returns how many ids changed. */
export function fixInvalidIds(col: Collection): number {
  const now = col.nowMs();
  const cutoff = now + DAY_MS;
  let fixed = 0;
  for (const table of TABLES) {
    const invalid = col.stmt<[number], { id: number }>(table.select).all(cutoff);
    if (invalid.length === 0) continue;
    const maxValid = col.stmt<[number], { id: number }>(table.maxValid).get(cutoff)?.id ?? 0;
    let next = now > maxValid ? now : maxValid + 1;
    for (const { id } of invalid) {
      col.stmt(table.update).run(next, id);
      if (table.follow !== undefined) col.stmt(table.follow).run(next, id);
      next++;
    }
    fixed += invalid.length;
  }
  if (fixed > 0) setSchemaModified(col);
  return fixed;
}

/**
 * What one write changed, as the change events announce it: per kind of object, the ids (names,
 * for tags and media files) added, updated and removed. Pure: it only folds the change log's rows.
 */

/** The kinds of objects announced, keyed as in the event's JSON. */
export const CHANGE_KINDS = ['notes', 'cards', 'decks', 'noteTypes', 'deckConfigs', 'tags', 'reviews', 'media'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export type ChangeOp = 'added' | 'updated' | 'removed';

/** One row of the log: an object of `kind` identified by `key` was added, updated or removed. */
export interface ChangeRow {
  kind: ChangeKind;
  key: number | string;
  op: ChangeOp;
}

export type ChangeSet = Partial<Record<ChangeKind, Partial<Record<ChangeOp, (number | string)[]>>>>;

/**
 * Folds rows in the order they were written into each object's net change: from its first and
 * last row. An object added and removed again within the write is left out; one removed and
 * added again (SQLite's REPLACE, or a note type's fields rewritten) was updated. Undefined when
 * nothing is left.
 */
export function foldChanges(rows: Iterable<ChangeRow>): ChangeSet | undefined {
  const seen = new Map<ChangeKind, Map<number | string, { first: ChangeOp; last: ChangeOp }>>();
  for (const row of rows) {
    let objects = seen.get(row.kind);
    if (objects === undefined) {
      objects = new Map<number | string, { first: ChangeOp; last: ChangeOp }>();
      seen.set(row.kind, objects);
    }
    const known = objects.get(row.key);
    if (known === undefined) objects.set(row.key, { first: row.op, last: row.op });
    else known.last = row.op;
  }
  const set: ChangeSet = {};
  let empty = true;
  for (const kind of CHANGE_KINDS) {
    const objects = seen.get(kind);
    if (objects === undefined) continue;
    const byOp: Partial<Record<ChangeOp, (number | string)[]>> = {};
    for (const [key, { first, last }] of objects) {
      const op: ChangeOp | undefined =
        first === 'added' ? (last === 'removed' ? undefined : 'added') : last === 'removed' ? 'removed' : 'updated';
      if (op === undefined) continue;
      (byOp[op] ??= []).push(key);
    }
    if (Object.keys(byOp).length === 0) continue;
    set[kind] = byOp;
    empty = false;
  }
  return empty ? undefined : set;
}

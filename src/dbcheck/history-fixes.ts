/**
 * Check Database's closing steps (rslib dbcheck.rs `check_revlog`, `check_missing_deck_names`,
 * `update_next_new_position`, `maybe_fix_invalid_ids`; SQL facts from storage/revlog/fix_props.sql
 * and storage/dbcheck/invalid_ids_*.sql).
 */
import type { Collection } from '../collection/collection.js';
import { setSchemaModified } from '../notetypes/schema-change.js';
import { foldCase } from '../text/index.js';
import type { RepairCounts } from './report.js';

const I32_MIN = -2_147_483_648;
const I32_MAX = 2_147_483_647;
const DAY_MS = 86_400_000;

// Intervals rounded and clamped to i32, time taken to 0..i32; an entry with no type, no time and
// no button is a rescheduling entry (type 5) written by old versions as a learning one.
const REVLOG_IVL = 'min(max(round(ivl), @i32min), @i32max)';
const REVLOG_LAST_IVL = 'min(max(round(lastIvl), @i32min), @i32max)';
const REVLOG_TIME = 'min(max(round(time), 0), @i32max)';
const REVLOG_TYPE = '(case when type = 0 and time = 0 and ease = 0 then 5 else type end)';
const FIX_REVLOG =
  `update revlog set ivl = ${REVLOG_IVL}, lastIvl = ${REVLOG_LAST_IVL}, time = ${REVLOG_TIME}, type = ${REVLOG_TYPE} ` +
  `where ivl != ${REVLOG_IVL} or lastIvl != ${REVLOG_LAST_IVL} or time != ${REVLOG_TIME} or type != ${REVLOG_TYPE}`;

export function fixRevlog(col: Collection, counts: RepairCounts): void {
  const fixed = col.db.prepare(FIX_REVLOG).run({ i32min: I32_MIN, i32max: I32_MAX }).changes;
  if (fixed > 0) {
    setSchemaModified(col);
    counts.revlogPropertiesInvalid += fixed;
  }
}

/**
 * A deck `a::b` whose parent `a` is missing gets it (and any missing ancestors, created the way
 * a new deck's parents are). Decks are visited in name order; only the immediate parent is
 * counted, once per name (case-insensitively).
 */
export function addMissingParentDecks(col: Collection, counts: RepairCounts): void {
  const seen = new Set<string>();
  for (const { name } of col.decks.namesAndIds()) {
    seen.add(foldCase(name));
    const cut = name.lastIndexOf('::');
    if (cut < 0) continue;
    const parent = name.slice(0, cut);
    if (seen.has(foldCase(parent))) continue;
    col.decks.getOrCreate(parent);
    seen.add(foldCase(parent));
    counts.decksMissing++;
  }
}

/**
 * `nextPos` becomes one past the highest new-card position. Anki reads that number as an
 * unsigned 32-bit integer and falls back to 0 when it cannot (no new cards, or a value outside
 * that range).
 */
export function updateNextPosition(col: Collection): void {
  const row = col.db.prepare<[], { pos: number | null }>('select max(due) + 1 as pos from cards where type = 0').get();
  const pos = row?.pos;
  const valid = typeof pos === 'number' && Number.isInteger(pos) && pos >= 0 && pos <= 0xffff_ffff;
  col.config.set('nextPos', valid ? pos : 0);
}

/** Tables whose ids are creation times, each with the column elsewhere that refers to it. */
const ID_TABLES = [
  { table: 'notes', refTable: 'cards', refColumn: 'nid' },
  { table: 'cards', refTable: 'revlog', refColumn: 'cid' },
  { table: 'revlog', refTable: undefined, refColumn: undefined },
] as const;

/**
 * Ids more than a day in the future are renumbered, per table in id order, from now on;
 * references to renumbered notes and cards follow. Marks the schema modified.
 *
 * Anki means to start from now or from one past the highest valid id, whichever is larger, but
 * its SQL writes both numbers as double-quoted strings, and SQLite ranks any text above any
 * number, so "now" always wins (rslib storage/dbcheck/invalid_ids_create.sql, as run by real Anki
 * 26.9). Renumbering therefore starts at now even when an id at or after now exists, such as a
 * card the note pass generated a moment earlier: the update then breaks the table's unique id,
 * SQLite refuses it, and the whole check fails and rolls back. This does the same.
 */
export function fixFutureIds(col: Collection, counts: RepairCounts): void {
  const now = col.nowMs();
  const cutoff = now + DAY_MS;
  let total = 0;
  for (const { table } of ID_TABLES) {
    total += col.db.prepare<[number], { n: number }>(`select count() as n from ${table} where id > ?`).get(cutoff)?.n ?? 0;
  }
  if (total === 0) return;
  for (const { table, refTable, refColumn } of ID_TABLES) {
    const first = now;
    const invalid = col.db
      .prepare<[number], { id: number }>(`select id from ${table} where id > ? order by id`)
      .all(cutoff)
      .map((row) => row.id);
    const renumber = col.db.prepare(`update ${table} set id = ? where id = ?`);
    const follow = refTable === undefined ? undefined : col.db.prepare(`update ${refTable} set ${refColumn} = ? where ${refColumn} = ?`);
    invalid.forEach((id, index) => {
      renumber.run(first + index, id);
      follow?.run(first + index, id);
    });
    col.forgetMaxId(table);
  }
  setSchemaModified(col);
  counts.invalidIds += total;
}

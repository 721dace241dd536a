/**
 * Check Database's card steps (rslib dbcheck.rs `check_card_properties`, `check_orphaned_cards`,
 * `check_missing_deck_ids`, `check_filtered_cards`; SQL facts from storage/card/fix_*.sql).
 * Each runs inside the caller's transaction and adds to the repair counts.
 */
import type { Collection } from '../collection/collection.js';
import { collectionTiming } from '../collection/search-context.js';
import { isFilteredDeck } from '../decks/deck.js';
import { setSchemaModified } from '../notetypes/schema-change.js';
import { lastReviewSecs, type ReviewEntry } from '../revlog/last-review.js';
import { cardDataNumber, parseCardData, serializeCardData } from '../storage/card-data.js';
import { loadableCard } from './card-load.js';
import { insertRecoveredDeck } from './recovered-deck.js';
import type { RepairCounts } from './report.js';

const I32_MIN = -2_147_483_648;
const I32_MAX = 2_147_483_647;

// A new card's position is kept below two million: 1,000,000 + due % 1,000,000. Only new cards
// outside the new queue's "buried/suspended" states are moved; the rest keep their due.
const FIX_NEW_POSITION =
  'update cards set due = 1000000 + due % 1000000, mod = @mod, usn = @usn ' +
  'where type = 0 and queue != 4 and due >= 1000000 and due != 1000000 + due % 1000000';

// A review card whose due looks like an epoch timestamp is due today; any other due is rounded
// and clamped to a 32-bit integer. Written as one expression so the count is of changed rows.
const DUE_EXPRESSION =
  '(case when queue = 2 and due > 100000 then @today else min(max(round(due), @i32min), @i32max) end)';
const FIX_DUE = `update cards set due = ${DUE_EXPRESSION}, mod = @mod, usn = @usn where due != ${DUE_EXPRESSION}`;

// An original due on a learning or review card outside a filtered deck is cleared (v2/v3 only:
// the v1 scheduler kept one there); otherwise it is rounded and clamped.
const ODUE_EXPRESSION =
  '(case when odue > 0 and (type = 1 or queue = 2) and not @v1 and not odid then 0 ' +
  'else min(max(round(odue), @i32min), @i32max) end)';
const FIX_ODUE = `update cards set odue = ${ODUE_EXPRESSION}, mod = @mod, usn = @usn where odue != ${ODUE_EXPRESSION}`;

const FIX_IVL =
  'update cards set ivl = min(max(round(ivl), 0), @i32max), mod = @mod, usn = @usn ' +
  'where ivl != min(max(round(ivl), 0), @i32max)';

// Anki truncates a fractional modification time without stamping the card modified.
const FIX_MOD = 'update cards set mod = cast(mod as integer) where mod != cast(mod as integer)';

const FIX_ORD = 'update cards set ord = max(0, min(30000, ord)), mod = @mod, usn = @usn where ord != max(0, min(30000, ord))';

/**
 * Card properties: positions, due numbers, original dues, intervals, mtimes and ordinals, then
 * the last review time every reviewed card should carry. A changed last review time marks the
 * schema modified (Anki forces a one-way sync so the value cannot conflict).
 */
export function fixCardProperties(col: Collection, counts: RepairCounts): void {
  const mod = col.nowSecs();
  const usn = col.usn();
  const v1 = col.config.getNumber('schedVer', 1) === 1 ? 1 : 0;
  const today = collectionTiming(col).daysElapsed;
  const bounds = { i32min: I32_MIN, i32max: I32_MAX };
  counts.cardPositionTooHigh += col.db.prepare(FIX_NEW_POSITION).run({ mod, usn }).changes;
  let other = col.db.prepare(FIX_DUE).run({ today, mod, usn, ...bounds }).changes;
  other += col.db.prepare(FIX_ODUE).run({ v1, mod, usn, ...bounds }).changes;
  other += col.db.prepare(FIX_IVL).run({ mod, usn, i32max: I32_MAX }).changes;
  other += col.db.prepare(FIX_MOD).run().changes;
  other += col.db.prepare(FIX_ORD).run({ mod, usn }).changes;
  counts.cardPropertiesInvalid += other;

  const fixed = fixLastReviewTimes(col);
  counts.cardLastReviewTimeEmpty += fixed;
  if (fixed > 0) setSchemaModified(col);
}

/**
 * Every card with review log entries that is not new gets the last review time its log gives
 * (or loses one the log does not give). Only `data` is rewritten, in Anki's canonical form, as
 * Anki saves the card it loaded without stamping it modified. Returns the number of cards fixed.
 */
function fixLastReviewTimes(col: Collection): number {
  const byCard = new Map<number, ReviewEntry[]>();
  const rows = col.db.prepare('select id, cid, ease, factor, type from revlog order by cid, id').iterate() as Iterable<
    ReviewEntry & { cid: number }
  >;
  for (const row of rows) {
    const list = byCard.get(row.cid);
    if (list === undefined) byCard.set(row.cid, [row]);
    else list.push(row);
  }
  const read = col.db.prepare<[number], { id: number; type: number; queue: number; data: unknown }>(
    'select id, type, queue, data from cards where id = ?',
  );
  const write = col.db.prepare('update cards set data = ? where id = ?');
  let fixed = 0;
  for (const [cid, entries] of byCard) {
    const card = read.get(cid);
    if (card === undefined) continue;
    loadableCard(card);
    if (card.type === 0) continue;
    const data = parseCardData(card.data);
    const wanted = lastReviewSecs(entries);
    if (cardDataNumber(data, 'lrt') === wanted) continue;
    if (wanted === undefined) delete data['lrt'];
    else data['lrt'] = wanted;
    write.run(serializeCardData(data), cid);
    fixed++;
  }
  return fixed;
}

/** Cards whose note is gone are deleted (no grave: Anki leaves none here). */
export function deleteOrphanedCards(col: Collection, counts: RepairCounts): void {
  const deleted = col.db.prepare('delete from cards where nid not in (select id from notes)').run().changes;
  if (deleted > 0) {
    setSchemaModified(col);
    counts.cardsMissingNote += deleted;
  }
}

/** Each deck id that cards point at but no deck has becomes a normal deck `recovered<id>`. */
export function recoverMissingDecks(col: Collection, counts: RepairCounts): void {
  const missing = col.db
    .prepare<[], { did: number }>('select distinct did from cards where did not in (select id from decks)')
    .all();
  for (const { did } of missing) {
    insertRecoveredDeck(col, did);
    counts.decksMissing++;
  }
}

/**
 * A card with an original deck that is not in a filtered deck loses its original deck and due.
 * Anki saves the card it loaded, so `data` is rewritten in canonical form; mtime and usn stay.
 */
export function fixCardsOutsideFilteredDecks(col: Collection, counts: RepairCounts): void {
  const cards = col.db
    .prepare<[], { id: number; did: number; type: number; queue: number; data: unknown }>(
      'select id, did, type, queue, data from cards where odid > 0',
    )
    .all();
  const write = col.db.prepare('update cards set odid = 0, odue = 0, data = ? where id = ?');
  let wrong = 0;
  for (const card of cards) {
    // Every deck exists by now (recoverMissingDecks ran first); a deck that still does not is
    // skipped, as Anki skips it.
    const deck = col.decks.get(card.did);
    if (deck === undefined || isFilteredDeck(deck)) continue;
    loadableCard(card);
    write.run(serializeCardData(parseCardData(card.data)), card.id);
    wrong++;
  }
  if (wrong > 0) {
    setSchemaModified(col);
    counts.cardPropertiesInvalid += wrong;
  }
}

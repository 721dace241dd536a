/**
 * A package collection still on the v1 scheduler, with cards that have been studied, is brought
 * to v2 before it is read, as Anki's importer does (rslib `upgrade_to_v2_scheduler`): the review
 * log's button numbers move to v2's, relearning cards get their own type, cards in filtered
 * decks are adjusted to v2's filtered-deck rules, and the collection starts counting days the v2
 * way. Unstudied packages (every card new) are read as they are.
 */
import type { CardRecord } from '../../cards/card-record.js';
import type { Collection } from '../../collection/collection.js';
import { deckConfigId } from '../../decks/deck.js';
import { setSchemaModified } from '../../notetypes/schema-change.js';

type CardRow = Pick<CardRecord, 'id' | 'did' | 'odid' | 'type' | 'queue' | 'due' | 'left'>;

/** Whether a filtered deck reschedules, and the home preset's step count when it has steps of its own. */
interface FilteredInfo {
  reschedule: boolean;
  stepCount: number | undefined;
}

/** True when the collection uses v1 and any card has left the new queue. */
function needsUpgrade(col: Collection): boolean {
  if (col.config.get('schedVer') === 2) return false;
  return col.stmt('select 1 from cards where queue != 0 limit 1').get() !== undefined;
}

/** Upgrades a studied v1 collection to v2 in place; does nothing otherwise. */
export function upgradeStudiedV1Collection(col: Collection): void {
  if (!needsUpgrade(col)) return;
  // v1's "good" on a learning card was button 2 of 3; v2 has four buttons everywhere.
  col.stmt('update revlog set ease = ease + 1 where ease in (2, 3) and type in (0, 2)').run();
  upgradeCards(col);
  col.config.set('schedVer', 2);
  if (typeof col.config.get('creationOffset') !== 'number') {
    const crt = col.stmt<[], { crt: number }>('select crt from col').get()?.crt ?? 0;
    col.config.set('creationOffset', col.clock.minutesWest(crt * 1000));
  }
  setSchemaModified(col);
}

function upgradeCards(col: Collection): void {
  // Anki's search "deck:filtered OR is:review".
  const cards = col
    .stmt<[], CardRow>('select id, did, odid, type, queue, due, left from cards where odid != 0 or type in (2, 3)')
    .all();
  const update = col.stmt('update cards set type = ?, queue = ?, left = ? where id = ?');
  for (const card of cards) {
    const info = filteredInfo(col, card);
    const upgraded = upgradeCard(card, info);
    if (upgraded.type !== card.type || upgraded.queue !== card.queue || upgraded.left !== card.left) {
      update.run(upgraded.type, upgraded.queue, upgraded.left, card.id);
    }
  }
}

function filteredInfo(col: Collection, card: CardRow): FilteredInfo | undefined {
  if (card.odid === 0) return undefined;
  const deck = col.decks.get(card.did);
  if (deck === undefined || deck.kind.kind.case !== 'filtered') return undefined;
  const filtered = deck.kind.kind.value;
  let stepCount: number | undefined;
  if (filtered.delays.length > 0) {
    const home = col.decks.get(card.odid);
    const preset = col.deckConfigs.get((home === undefined ? undefined : deckConfigId(home)) ?? 1);
    const steps = card.type === 2 ? preset?.config.relearnSteps : preset?.config.learnSteps;
    stepCount = steps?.length ?? 0;
  }
  return { reschedule: filtered.reschedule, stepCount };
}

/** The v2 form of one card (rslib `Card::upgrade_to_v2`). */
function upgradeCard(card: CardRow, info: FilteredInfo | undefined): CardRow {
  const out = { ...card };
  if (out.type === 2 && (out.queue === 1 || out.queue === 3)) out.type = 3;
  if (info === undefined) return out;
  if (info.stepCount !== undefined) out.left = Math.min(out.left, info.stepCount);
  if (info.reschedule) {
    if (out.queue === 0 && out.type !== 0) out.queue = queueFromType(out.type, out.due);
  } else {
    if (out.queue === 0) out.queue = 2;
    if (out.type === 1) {
      out.queue = 4;
      out.type = 0;
    }
  }
  return out;
}

/** Anki's `restore_queue_from_type`: learning cards due at a timestamp are in the intraday queue. */
export function queueFromType(type: number, due: number): number {
  switch (type) {
    case 1:
    case 3:
      return due > 1_000_000_000 ? 1 : 3;
    case 2:
      return 2;
    default:
      return 0;
  }
}

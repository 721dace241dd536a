/**
 * What Anki writes whenever it works out "today" as a client (rslib scheduler/mod.rs,
 * `timing_today` and `local_utc_offset_for_user`): the collection's config follows the machine's
 * current UTC offset (`localOffset`, minutes west; a missing or unusable value counts as UTC),
 * and a v2/v3 collection that lacks its rollover hour is given 4, the value an older Anki failed
 * to write. Anki does this as part of whatever asked for "today" (the deck list, a search for due
 * cards), without marking the collection modified; so does the server, so that a file moved
 * between time zones says in its config what Anki on this machine would say.
 */
import type { Collection } from './collection.js';

/** Anki's offsets are whole minutes within a day either way. */
const usableOffset = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) && Math.abs(value) < 24 * 60 ? value : undefined;

/** Brings `localOffset` (and a missing `rollover`) up to date; for v2/v3 collections. */
export function adoptMachineTime(col: Collection, minutesWest: number): void {
  if ((usableOffset(col.config.get('localOffset')) ?? 0) !== minutesWest) col.config.set('localOffset', minutesWest);
  const rollover = col.config.get('rollover');
  if (typeof rollover !== 'number' || !Number.isInteger(rollover) || rollover < 0 || rollover > 255) {
    col.config.set('rollover', 4);
  }
}

/**
 * A card's last review time (`lrt` in its data), as Anki derives it from the review log
 * (rslib scheduler/fsrs/memory_state.rs, revlog/mod.rs): the time of the newest entry with a
 * rating that counted for scheduling (an answer button, not a review in a filtered deck that
 * does not reschedule), forgotten again by a later reset ("Forget", logged manual with factor 0).
 * Anki's Check Database restores this value on every card that is not new.
 */

/** The review log columns the rule reads. */
export interface ReviewEntry {
  id: number;
  ease: number;
  factor: number;
  type: number;
}

const FILTERED = 3;
const MANUAL = 4;

/** The last review time in seconds, or undefined when no entry counts; `entries` by id. */
export function lastReviewSecs(entries: readonly ReviewEntry[]): number | undefined {
  let last: number | undefined;
  for (const entry of entries) {
    const cramming = entry.type === FILTERED && entry.factor === 0;
    if (entry.ease > 0 && !cramming) last = Math.floor(entry.id / 1000);
    else if (entry.type === MANUAL && entry.factor === 0) last = undefined;
  }
  return last;
}

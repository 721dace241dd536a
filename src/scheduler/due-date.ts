/**
 * "Set due date" as Anki does it (anki-semantics.md §3.8): the `days` syntax, and the interval a
 * card gets. Pure: the caller reads the card and the collection's day, and writes the result.
 */

/** `days` parsed: a uniform pick from [min, max], and whether the interval is reset to it. */
export interface DueDateSpec {
  min: number;
  max: number;
  resetInterval: boolean;
}

const U32_MAX = 2 ** 32 - 1;

/** "0" (today), "3" (in three days), "3-7" (a random day in that range), each optionally with "!". */
export function parseDueDateSpec(days: string): DueDateSpec | undefined {
  const match = /^(\d+)(?:-(\d+))?(!)?$/.exec(days);
  if (match === null) return undefined;
  const a = Number(match[1]);
  const b = match[2] === undefined ? a : Number(match[2]);
  if (a > U32_MAX || b > U32_MAX) return undefined;
  return { min: Math.min(a, b), max: Math.max(a, b), resetInterval: match[3] !== undefined };
}

/** What the interval computation needs of a card. */
export interface DueDateCard {
  type: number;
  queue: number;
  ivl: number;
  due: number;
  odue: number;
  odid: number;
  /** FSRS last review time, epoch seconds, when the card records it. */
  lastReviewSecs: number | undefined;
}

export interface DueDateDay {
  /** Days since the collection was created. */
  today: number;
  /** Epoch seconds of the next day boundary. */
  nextDayAt: number;
}

const DAY_SECS = 86_400;
/** Learning cards keep an epoch timestamp in `due`; review cards a day number. */
const isEpochSeconds = (due: number): boolean => due > 1_000_000_000;

/**
 * The interval a card gets when set due `daysFromToday` days from today. Under SM-2 a review or
 * relearning card keeps its interval unless reset ("!"), others get the days (at least 1).
 * Under FSRS the interval becomes the days since the last review plus the days from today, and
 * stays 0 for a new card or one without an interval.
 */
export function dueDateInterval(card: DueDateCard, day: DueDateDay, daysFromToday: number, resetInterval: boolean, fsrs: boolean): number {
  if (!fsrs) {
    const keeps = !resetInterval && (card.type === 2 || card.type === 3);
    return Math.max(keeps ? card.ivl : daysFromToday, 1);
  }
  if (card.queue === 0 || card.ivl === 0) return 0;
  if (card.lastReviewSecs !== undefined) {
    return Math.max(Math.floor((day.nextDayAt - card.lastReviewSecs) / DAY_SECS), 0) + daysFromToday;
  }
  const stored = card.odid !== 0 ? card.odue : card.due;
  const due = isEpochSeconds(stored) ? day.today + Math.trunc((stored - day.nextDayAt) / DAY_SECS) : stored;
  return Math.min(Math.max(card.ivl + (day.today + daysFromToday - due), 0), U32_MAX);
}

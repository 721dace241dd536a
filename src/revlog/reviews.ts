/**
 * The review log as Anki-Connect's statistics actions read and write it: counts per day, the
 * reviews of a deck's cards or of given cards, and rows inserted by clients that sync reviews
 * from elsewhere.
 */
import type { Collection } from '../collection/collection.js';
import { collectionTiming } from '../collection/search-context.js';
import { AnkiConnectError } from '../errors.js';
import { parseCardData, serializeCardData } from '../storage/card-data.js';
import { lastReviewSecs, type ReviewEntry } from './last-review.js';

const DAY_SECS = 86_400;
/** Time zone offsets are whole quarter hours, so one quarter hour never spans two local dates. */
const QUARTER_HOUR_SECS = 900;

/** A revlog row as `cardReviews` and `insertReviews` carry it. */
export type ReviewTuple = [
  id: number,
  cid: number,
  usn: number,
  ease: number,
  ivl: number,
  lastIvl: number,
  factor: number,
  time: number,
  type: number,
];

/** A revlog row as `getReviewsOfCards` gives it, without the card id. */
export interface CardReview {
  id: number;
  usn: number;
  ease: number;
  ivl: number;
  lastIvl: number;
  factor: number;
  time: number;
  type: number;
}

/** A row of the revlog table, every column. */
export interface RevlogRecord extends CardReview {
  cid: number;
}

const REVIEW_COLUMNS = 'id, cid, usn, ease, ivl, lastIvl, factor, time, type';

/** Reviews since the start of the collection's current day (the rollover hour counts). */
export function reviewsToday(col: Collection): number {
  const { nextDayAt } = collectionTiming(col);
  return col.stmt<[number], number>('select count() from revlog where id > ?').pluck().get((nextDayAt - DAY_SECS) * 1000) ?? 0;
}

/**
 * Reviews per local date, newest first, as `["YYYY-MM-DD", count]`. As in Anki-Connect, a day
 * runs from the rollover hour (read off the next day boundary in local time) to the next, and
 * dates are local; the offset is the clock's at each review, so summer time is honoured.
 */
export function reviewsByDay(col: Collection): [string, number][] {
  const { nextDayAt } = collectionTiming(col);
  const localSecs = (secs: number): number => secs - col.clock.minutesWest(secs * 1000) * 60;
  const shift = Math.floor((((localSecs(nextDayAt) % DAY_SECS) + DAY_SECS) % DAY_SECS) / 3600) * 3600;
  const buckets = col
    .stmt<[number, number], { bucket: number; n: number }>(
      'select (id / 1000 - ?) / ? as bucket, count() as n from revlog group by bucket',
    )
    .all(shift, QUARTER_HOUR_SECS);
  const perDate = new Map<string, number>();
  for (const { bucket, n } of buckets) {
    const date = new Date(localSecs(bucket * QUARTER_HOUR_SECS) * 1000).toISOString().slice(0, 10);
    perDate.set(date, (perDate.get(date) ?? 0) + n);
  }
  return [...perDate].sort((a, b) => (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0));
}

/** Reviews after `startId` of the cards whose home deck is `deckId` (not its children), by id. */
export function deckReviews(col: Collection, deckId: number, startId: number): ReviewTuple[] {
  return col
    .stmt<[number, number], ReviewTuple>(
      `select ${REVIEW_COLUMNS} from revlog where id > ? and cid in (select id from cards where did = ?) order by id`,
    )
    .raw()
    .all(startId, deckId);
}

/** The newest review id of the cards whose home deck is `deckId`, or 0. */
export function latestReviewId(col: Collection, deckId: number): number {
  return (
    col
      .stmt<[number], number | null>('select max(id) from revlog where cid in (select id from cards where did = ?)')
      .pluck()
      .get(deckId) ?? 0
  );
}

/** Every requested card id mapped to its reviews, oldest first (`[]` for none). */
export function reviewsOfCards(col: Collection, cardIds: readonly number[]): Record<string, CardReview[]> {
  const rows = col
    .stmt<[string], CardReview & { cid: number }>(
      `select ${REVIEW_COLUMNS} from revlog where cid in (select value from json_each(?)) order by cid, id`,
    )
    .all(JSON.stringify(cardIds));
  const result: Record<string, CardReview[]> = {};
  for (const id of cardIds) result[String(id)] = [];
  for (const { cid, ...review } of rows) result[String(cid)]?.push(review);
  return result;
}

/**
 * Inserts client-made reviews as given, except what Anki's Check Database would change: a
 * negative time becomes 0, and a learning entry without ease or time is marked a reschedule
 * (type 5). Ids more than a day ahead are refused, where Check Database would renumber them.
 * A duplicate id fails the whole batch with Anki's database error.
 */
export function insertReviews(col: Collection, reviews: readonly ReviewTuple[]): void {
  if (reviews.length === 0) return;
  const limit = col.nowMs() + DAY_SECS * 1000;
  const future = reviews.find((review) => review[0] > limit);
  if (future !== undefined) {
    throw new AnkiConnectError(`review id ${future[0]} is more than a day in the future`);
  }
  const insert = col.stmt(`insert into revlog (${REVIEW_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  try {
    for (const [id, cid, usn, ease, ivl, lastIvl, factor, time, type] of reviews) {
      const rescheduled = type === 0 && time <= 0 && ease === 0;
      insert.run(id, cid, usn, ease, ivl, lastIvl, factor, Math.max(time, 0), rescheduled ? 5 : type);
    }
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
      // The text Anki's Rust backend gives for this failure, which Anki-Connect passes on.
      throw new AnkiConnectError(
        'DbError { info: "SqliteFailure(Error { code: ConstraintViolation, extended_code: 1555 }, ' +
          'Some(\\"UNIQUE constraint failed: revlog.id\\"))", kind: Other }',
      );
    }
    throw err;
  } finally {
    col.forgetMaxId('revlog');
  }
  refreshLastReviewTimes(col, [...new Set(reviews.map((review) => review[1]))]);
}

/**
 * Stores in each card's data the last review time its review log now gives, as Anki's Check
 * Database would (for cards that are not new), so that inserted reviews leave nothing to
 * repair; a changed card is marked for the next sync.
 */
function refreshLastReviewTimes(col: Collection, cardIds: readonly number[]): void {
  const card = col.stmt<[number], { type: number; data: string }>('select type, data from cards where id = ?');
  const entries = col.stmt<[number], ReviewEntry>('select id, ease, factor, type from revlog where cid = ? order by id');
  const update = col.stmt('update cards set data = ?, mod = ?, usn = ? where id = ?');
  for (const cid of cardIds) {
    const row = card.get(cid);
    if (row === undefined || row.type === 0) continue;
    const data = parseCardData(row.data);
    const lrt = lastReviewSecs(entries.all(cid));
    if (data['lrt'] === lrt) continue;
    update.run(serializeCardData({ ...data, lrt }), col.nowSecs(), col.usn(), cid);
  }
}

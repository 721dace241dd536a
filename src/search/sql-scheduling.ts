/**
 * The search terms on scheduling: card states (`is:`), dates (`added:`, `edited:`,
 * `introduced:`, `rated:`, `resched:`) and card properties (`prop:`), against the collection's
 * day boundaries and clock in the context (anki-semantics.md §1.8, §3.2).
 */
import type { PropertyKind, PropOperator, RatingKind } from './ast.js';
import type { SearchContext } from './context.js';
import { f32AsSqlNumber, f32ToU32 } from './numbers.js';
import type { SqlParam, SqlWriter } from './sql-writer.js';

/** Card queue and type numbers (anki-semantics.md §3.2). */
const QUEUE = { suspended: -1, schedBuried: -2, userBuried: -3, learn: 1, review: 2, dayLearn: 3, preview: 4 } as const;
const TYPE = { new: 0, learn: 1, review: 2, relearn: 3 } as const;
const DAY = 86_400;
const ORIGINAL_OR_DUE = '(case when c.odue != 0 then c.odue else c.due end)';

/** `next_day_at - 86400 * days`: the start of the day `days - 1` days ago. */
function cutoff(ctx: SearchContext, days: number): number {
  return ctx.timing.nextDayAt - DAY * days;
}

/** `added:`: cards created since the start of the day `days - 1` days ago (card ids are milliseconds). */
export function writeAdded(w: SqlWriter, days: number): void {
  w.emit('c.id > ?', cutoff(w.ctx, days) * 1000);
}

/** `edited:`: notes modified since the start of the day `days - 1` days ago. */
export function writeEdited(w: SqlWriter, days: number): void {
  w.emit('n.mod > ?', cutoff(w.ctx, days));
}

/** `introduced:`: cards first answered (manual reschedules aside) since the start of the day `days - 1` days ago. */
export function writeIntroduced(w: SqlWriter, days: number): void {
  const since = cutoff(w.ctx, days) * 1000;
  w.emit(
    '((select coalesce(min(id) > ?, false) from revlog where cid = c.id and ease != 0) and c.id in (select cid from revlog where id > ?))',
    since,
    since,
  );
}

/** `is:` card states; anything else is `is:due`. */
export function writeState(w: SqlWriter, state: string): void {
  const { daysElapsed, nowSecs } = w.ctx.timing;
  switch (state) {
    case 'new':
      w.emit('c.type = ?', TYPE.new);
      return;
    case 'review':
      w.emit('c.type in (?, ?)', TYPE.review, TYPE.relearn);
      return;
    case 'learn':
      w.emit('c.type in (?, ?)', TYPE.learn, TYPE.relearn);
      return;
    case 'buried':
      w.emit('c.queue in (?, ?)', QUEUE.schedBuried, QUEUE.userBuried);
      return;
    case 'buried-manually':
      w.emit('c.queue = ?', QUEUE.userBuried);
      return;
    case 'buried-sibling':
      w.emit('c.queue = ?', QUEUE.schedBuried);
      return;
    case 'suspended':
      w.emit('c.queue = ?', QUEUE.suspended);
      return;
    default:
      // is:due: review and day-learning cards due today or earlier, learning cards due
      // within the learn-ahead limit.
      w.emit(
        '((c.queue in (?, ?) and c.due <= ?) or (c.queue in (?, ?) and c.due <= ?))',
        QUEUE.review,
        QUEUE.dayLearn,
        daysElapsed,
        QUEUE.learn,
        QUEUE.preview,
        nowSecs + w.ctx.config.learnAheadSecs,
      );
  }
}

/**
 * `rated:`, `resched:` and `prop:rated`/`prop:resched`: revlog ids (milliseconds) compared with
 * the day `days` days from today (0 = today, -1 = yesterday).
 */
export function writeRated(w: SqlWriter, op: PropOperator, days: number, rating: RatingKind): void {
  const nextDayAt = w.ctx.timing.nextDayAt;
  const dayEnd = (nextDayAt + DAY * days) * 1000;
  const dayStart = (nextDayAt + DAY * (days - 1)) * 1000;
  let range: string;
  let params: SqlParam[];
  switch (op) {
    case '>':
      [range, params] = ['id >= ?', [dayEnd]];
      break;
    case '>=':
      [range, params] = ['id >= ?', [dayStart]];
      break;
    case '<':
      [range, params] = ['id < ?', [dayStart]];
      break;
    case '<=':
      [range, params] = ['id < ?', [dayEnd]];
      break;
    case '=':
      [range, params] = ['id between ? and ?', [dayStart, dayEnd - 1]];
      break;
    case '!=':
      [range, params] = ['id not between ? and ?', [dayStart, dayEnd - 1]];
      break;
  }
  if (rating.kind === 'button') w.emit(`c.id in (select cid from revlog where ${range} and ease = ?)`, ...params, rating.button);
  else w.emit(`c.id in (select cid from revlog where ${range} and ease ${rating.kind === 'any' ? '> 0' : '= 0'})`, ...params);
}

/** `prop:` comparisons; `prop:rated` and `prop:resched` are writeRated over a day offset. */
export function writeProperty(w: SqlWriter, op: PropOperator, prop: PropertyKind): void {
  const { daysElapsed, nextDayAt, nowSecs } = w.ctx.timing;
  switch (prop.kind) {
    case 'due':
      // Learning cards are due in seconds: whole days from the next rollover, with SQLite's
      // integer division truncating toward zero.
      w.emit(
        `((c.queue in (?, ?) and ${ORIGINAL_OR_DUE} ${op} ?) or (c.queue in (?, ?) and ((${ORIGINAL_OR_DUE} - ?) / 86400) ${op} ?))`,
        QUEUE.review,
        QUEUE.dayLearn,
        prop.days + daysElapsed,
        QUEUE.learn,
        QUEUE.preview,
        nextDayAt,
        prop.days,
      );
      return;
    case 'pos':
      w.emit(`(c.type = ? and ${ORIGINAL_OR_DUE} ${op} ?)`, TYPE.new, prop.value);
      return;
    case 'ivl':
      w.emit(`c.ivl ${op} ?`, prop.value);
      return;
    case 'reps':
      w.emit(`c.reps ${op} ?`, prop.value);
      return;
    case 'lapses':
      w.emit(`c.lapses ${op} ?`, prop.value);
      return;
    case 'ease':
      w.emit(`c.factor ${op} ?`, f32ToU32(Math.fround(prop.value * 1000)));
      return;
    case 'rated':
      writeRated(w, op, prop.days, prop.rating);
      return;
    case 'cdn':
      w.emit(`cast(extract_custom_data(c.data, ?) as float) ${op} ?`, prop.key, f32AsSqlNumber(prop.value));
      return;
    case 'cds':
      w.emit(`extract_custom_data(c.data, ?) ${op} ?`, prop.key, prop.value);
      return;
    case 's':
      w.emit(`extract_fsrs_variable(c.data, 's') ${op} ?`, f32AsSqlNumber(prop.value));
      return;
    case 'd':
      w.emit(`extract_fsrs_variable(c.data, 'd') ${op} ?`, f32AsSqlNumber(Math.fround(Math.fround(prop.value * 9) + 1)));
      return;
    case 'r':
      // New cards have no retrievability.
      w.emit(
        `(case when c.type = ? then false else extract_fsrs_retrievability(c.data, ${ORIGINAL_OR_DUE}, c.ivl, ?, ?, ?) ${op} ? end)`,
        TYPE.new,
        daysElapsed,
        nextDayAt,
        nowSecs,
        f32AsSqlNumber(prop.value),
      );
      return;
  }
}

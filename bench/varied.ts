/**
 * What a studied collection holds besides new cards, written over a generated one: cards in
 * every scheduling state the v3 scheduler leaves (learning, day-learning, review, relearning),
 * suspended, buried by hand and as siblings, flagged, with the review history that led there
 * and the `lrt` (last review time) Anki keeps in card data, and the media files the notes
 * reference. Every row is what Anki itself would have written, so its Check Database finds
 * nothing to repair: the reference suite (test-anki/) checks exactly that.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Collection } from '../src/collection/collection.js';
import type { CardRecord } from '../src/cards/card-record.js';
import type { RevlogRecord } from '../src/revlog/reviews.js';
import type { Rng } from './rng.js';

const DAY_SECS = 86_400;

/** One card row's scheduling columns. */
type Scheduling = Pick<
  CardRecord,
  'type' | 'queue' | 'due' | 'ivl' | 'factor' | 'reps' | 'lapses' | 'left' | 'flags' | 'data'
>;

/** A review log row (usn 0: as if synced). */
type RevlogRow = Omit<RevlogRecord, 'usn'>;

/** What `varyScheduling` did, for the generator's summary. */
export interface VariedSummary {
  byState: Record<string, number>;
  revlog: number;
  mediaFiles: number;
}

/**
 * Gives a share of the collection's new cards other states, as of `nowMs`, with their review
 * history. The collection's day count starts at its `crt`.
 */
export function varyScheduling(col: Collection, rng: Rng, nowMs: number): Omit<VariedSummary, 'mediaFiles'> {
  const crt = col.stmt<[], { crt: number }>('select crt from col').get()!.crt;
  const nowSecs = Math.floor(nowMs / 1000);
  const today = Math.floor((nowSecs - crt) / DAY_SECS);
  const cards = col.stmt<[], { id: number; nid: number }>('select id, nid from cards order by id').all();
  const update = col.db.prepare(
    'update cards set type = ?, queue = ?, due = ?, ivl = ?, factor = ?, reps = ?, lapses = ?, left = ?, flags = ?, data = ? where id = ?',
  );
  const insertRevlog = col.db.prepare(
    'insert into revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) values (?, ?, 0, ?, ?, ?, ?, ?, ?)',
  );
  const byState: Record<string, number> = {};
  let revlog = 0;
  // Review times are drawn from the last 200 days (up to half a day before `nowMs` on each),
  // each a millisecond no other review has: revlog ids are unique.
  const taken = new Set<number>();
  const reviewedAt = (daysAgo: number): number => {
    let id = nowMs - daysAgo * DAY_SECS * 1000 - rng.int(DAY_SECS * 500) - 1;
    while (taken.has(id)) id--;
    taken.add(id);
    return id;
  };

  for (const card of cards) {
    const state = pickState(rng);
    byState[state] = (byState[state] ?? 0) + 1;
    if (state === 'new') {
      if (rng.chance(0.03)) update.run(...newCardFlagsOnly(col, card.id, 1 + rng.int(7)));
      continue;
    }
    const history = historyFor(state, rng);
    const rows: RevlogRow[] = history.map(({ daysAgo, ...step }) => ({ ...step, id: reviewedAt(daysAgo), cid: card.id }));
    rows.sort((a, b) => a.id - b.id);
    for (const row of rows) insertRevlog.run(row.id, row.cid, row.ease, row.ivl, row.lastIvl, row.factor, row.time, row.type);
    revlog += rows.length;
    const last = rows[rows.length - 1]!;
    const sched = schedulingFor(state, rng, { nowSecs, today, reps: rows.length, lapses: rows.filter((r) => r.ease === 1 && r.type === 1).length });
    // Anki keeps the time of the last rated review in card data (Check Database restores it).
    sched.data = JSON.stringify({ lrt: Math.floor(last.id / 1000) });
    update.run(sched.type, sched.queue, sched.due, sched.ivl, sched.factor, sched.reps, sched.lapses, sched.left, sched.flags, sched.data, card.id);
  }
  return { byState, revlog };
}

type State = 'new' | 'learning' | 'dayLearning' | 'review' | 'relearning' | 'suspended' | 'buried' | 'siblingBuried';

function pickState(rng: Rng): State {
  const states: State[] = ['new', 'learning', 'dayLearning', 'review', 'relearning', 'suspended', 'buried', 'siblingBuried'];
  return states[rng.weighted([55, 8, 3, 25, 3, 3, 2, 1])]!;
}

/** A new card with a flag and nothing else changed. */
function newCardFlagsOnly(col: Collection, cid: number, flag: number): unknown[] {
  const row = col.stmt<[number], { due: number }>('select due from cards where id = ?').get(cid)!;
  return [0, 0, row.due, 0, 0, 0, 0, 0, flag, '{}', cid];
}

/** An answer of a card's history, `daysAgo` days before now. */
type HistoryStep = Omit<RevlogRow, 'id' | 'cid'> & { daysAgo: number };

/** The answers that lead to `state`: first learning steps, then reviews, maybe a lapse. */
function historyFor(state: State, rng: Rng): HistoryStep[] {
  const time = () => 2_000 + rng.int(20_000);
  const start = 30 + rng.int(170);
  if (state === 'learning' || state === 'dayLearning') {
    // Learning steps are logged with negative intervals (seconds) and no ease.
    return [{ daysAgo: 0, ease: 3, ivl: state === 'learning' ? -600 : 1, lastIvl: -60, factor: 0, time: time(), type: 0 }];
  }
  const steps: HistoryStep[] = [
    { daysAgo: start, ease: 3, ivl: -600, lastIvl: -60, factor: 0, time: time(), type: 0 },
    { daysAgo: start, ease: 3, ivl: 1, lastIvl: -600, factor: 2500, time: time(), type: 0 },
  ];
  let ivl = 1;
  let day = start;
  const reviews = 1 + rng.int(5);
  for (let i = 0; i < reviews && day > ivl; i++) {
    day -= ivl;
    const next = Math.max(ivl + 1, Math.round(ivl * 2.5));
    steps.push({ daysAgo: day, ease: rng.chance(0.8) ? 3 : 4, ivl: next, lastIvl: ivl, factor: 2500, time: time(), type: 1 });
    ivl = next;
  }
  if (state === 'relearning') {
    steps.push({ daysAgo: 0, ease: 1, ivl: -600, lastIvl: ivl, factor: 2300, time: time(), type: 1 });
  }
  return steps;
}

function schedulingFor(state: State, rng: Rng, at: { nowSecs: number; today: number; reps: number; lapses: number }): Scheduling {
  const flags = rng.chance(0.1) ? 1 + rng.int(7) : 0;
  const base = { reps: at.reps, lapses: at.lapses, flags, data: '' };
  const ivl = 1 + rng.int(200);
  const factor = 1300 + 50 * rng.int(40);
  switch (state) {
    case 'learning':
      // Intraday learning: due is a time (seconds), `left` the steps still to go.
      return { ...base, type: 1, queue: 1, due: at.nowSecs + 60 * rng.range(-30, 30), ivl: 0, factor: 0, left: 1 + rng.int(2) };
    case 'dayLearning':
      return { ...base, type: 1, queue: 3, due: at.today + rng.range(-2, 2), ivl: 0, factor: 0, left: 1 };
    case 'relearning':
      return { ...base, type: 3, queue: 1, due: at.nowSecs + 60 * rng.range(-10, 10), ivl: Math.max(1, Math.floor(ivl / 2)), factor, left: 1 };
    case 'review':
      return { ...base, type: 2, queue: 2, due: at.today + rng.range(-20, 100), ivl, factor, left: 0 };
    case 'suspended':
      return { ...base, type: 2, queue: -1, due: at.today + rng.range(-20, 100), ivl, factor, left: 0 };
    case 'buried':
      return { ...base, type: 2, queue: -3, due: at.today + rng.range(0, 30), ivl, factor, left: 0 };
    case 'siblingBuried':
      return { ...base, type: 2, queue: -2, due: at.today + rng.range(0, 30), ivl, factor, left: 0 };
    case 'new':
      throw new Error('new cards keep their columns');
  }
}

/**
 * Writes a small file into `mediaDir` for every media file the notes reference, so the
 * collection's media folder matches its notes as a real one does.
 */
export function writeReferencedMedia(col: Collection, mediaDir: string): number {
  mkdirSync(mediaDir, { recursive: true });
  const names = new Set<string>();
  const pattern = /<img src="([^"]+)"|\[sound:([^\]]+)\]/g;
  for (const { flds } of col.stmt<[], { flds: string }>('select flds from notes').iterate()) {
    for (const match of flds.matchAll(pattern)) names.add(match[1] ?? match[2]!);
  }
  for (const name of names) writeFileSync(join(mediaDir, name), `media file ${name}\n`);
  return names.size;
}

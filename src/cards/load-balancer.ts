/**
 * The load balancer's data for a collection (src/scheduler/load-balancer.ts), kept as Anki keeps
 * it. Anki builds it with its study queues (when config `loadBalancerEnabled`, on by default)
 * from the cards due in the next 99 days, adds each card answered into review while the queues
 * last, and builds it again on a new day or after any other change to the collection; only
 * then do the queues (and so the balancer) change where answers go. The server acts as if the
 * queues were built whenever it answers a card: the balancer is built then, and kept while only
 * answers change the collection. cardsInfo describes the buttons with the kept balancer only, as
 * Anki-Connect on Anki balances only after the user's studying has built the queues.
 */
import type { Collection } from '../collection/collection.js';
import { deckConfigId } from '../decks/deck.js';
import { unburyIfDayRolledOver } from '../decks/stats.js';
import { withValidValues } from '../deckconfig/schema11.js';
import type { AnswerTiming } from '../scheduler/apply.js';
import type { IntervalPicker } from '../scheduler/context.js';
import { LOAD_BALANCE_DAYS, LoadBalancer, type DueCard } from '../scheduler/load-balancer.js';
import type { DeckConfigConfig } from '../storage/proto/gen/anki_storage/deck_config_pb.js';

interface KeptBalancer {
  balancer: LoadBalancer;
  today: number;
  /** The collection's change count when the balancer was last brought up to date. */
  changes: number;
}

const kept = new WeakMap<Collection, KeptBalancer>();
const watched = new WeakSet<Collection>();

/** The local weekday (0 Monday … 6 Sunday) of an epoch second, in the machine's time zone. */
function weekdayAt(col: Collection, secs: number): number {
  const local = secs - col.clock.minutesWest(secs * 1000) * 60;
  // 1 January 1970 was a Thursday.
  return (((Math.floor(local / 86_400) + 3) % 7) + 7) % 7;
}

function buildBalancer(col: Collection, timing: AnswerTiming): LoadBalancer {
  const cards = col
    .stmt<[number, number], DueCard>('select id, nid, did, due from cards where due >= ? and due < ?')
    .all(timing.today, timing.today + LOAD_BALANCE_DAYS);
  const presetOfDeck = new Map<number, number>();
  for (const { id } of col.stmt<[], { id: number }>('select id from decks').all()) {
    const deck = col.decks.get(id);
    const preset = deck === undefined ? undefined : deckConfigId(deck);
    if (preset !== undefined) presetOfDeck.set(id, preset);
  }
  const easyDayPercentages = new Map<number, readonly number[]>();
  for (const id of col.deckConfigs.ids()) {
    const preset = col.deckConfigs.get(id);
    if (preset !== undefined) easyDayPercentages.set(id, withValidValues(preset.config).easyDaysPercentages);
  }
  return new LoadBalancer({
    today: timing.today,
    cards,
    presetOfDeck,
    easyDayPercentages,
    nextDayAt: timing.nextDayAt,
    weekdayAt: (secs) => weekdayAt(col, secs),
  });
}

/**
 * Whether nothing but answers changed the collection since the balancer was last brought up to
 * date: the change count is the one then, or one more when the answers' transaction has since
 * committed (the commit stamps the collection modified).
 */
const stillValid = (entry: KeptBalancer, changes: number): boolean => changes === entry.changes || changes === entry.changes + 1;

/** Config `loadBalancerEnabled` (on unless set off). */
export const loadBalancerEnabled = (col: Collection): boolean => col.config.getBool('loadBalancerEnabled', true);

/**
 * The collection's balancer when it applies. Answering builds (or rebuilds) it, as Anki builds
 * its queues to study; describing buttons only uses one that is kept and still valid, as
 * Anki-Connect's cardsInfo only sees queues the user's studying has built.
 */
function currentBalancer(col: Collection, timing: AnswerTiming, build: boolean): LoadBalancer | undefined {
  if (!loadBalancerEnabled(col)) return undefined;
  if (!watched.has(col)) {
    watched.add(col);
    col.onRollback(() => kept.delete(col));
  }
  const entry = kept.get(col);
  const changes = col.totalChanges();
  const valid = entry !== undefined && stillValid(entry, changes);
  // Anki rebuilds its queues on a new day before answering, but describes with what it has.
  if (valid && (entry.today === timing.today || !build)) return entry.balancer;
  if (!build) return undefined;
  const balancer = buildBalancer(col, timing);
  kept.set(col, { balancer, today: timing.today, changes });
  return balancer;
}

/**
 * Before an answer, what Anki does when its study queues are rebuilt for a new day (with the
 * reviewer open, and so only with the balancer on here): cards buried on an earlier day come
 * back. A first build, or one after another change, unburies nothing.
 */
export function renewStudyQueues(col: Collection, timing: AnswerTiming): void {
  if (!loadBalancerEnabled(col)) return;
  const entry = kept.get(col);
  if (entry !== undefined && entry.today !== timing.today && stillValid(entry, col.totalChanges())) {
    unburyIfDayRolledOver(col, timing.today);
  }
}

/**
 * The load balancer's pick for a card of the preset `presetId` (keeping it apart from its
 * siblings when the preset buries reviews), or undefined when balancing does not apply. `answering`
 * builds the balancer when there is none.
 */
export function loadBalancerFor(
  col: Collection,
  timing: AnswerTiming,
  noteId: number,
  presetId: number,
  preset: DeckConfigConfig,
  answering: boolean,
): ((fuzzSeed: number) => IntervalPicker) | undefined {
  const balancer = currentBalancer(col, timing, answering);
  if (balancer === undefined) return undefined;
  const note = preset.buryReviews ? noteId : undefined;
  return (seed) => (interval, minimum, maximum) => balancer.findInterval(interval, minimum, maximum, presetId, seed, note);
}

/**
 * After an answer: a card now in review counts on its day, and the balancer stays valid for the
 * changes the answer made.
 */
export function noteAnswered(col: Collection, timing: AnswerTiming, card: { id: number; nid: number; queue: number; ivl: number }, presetId: number): void {
  const entry = kept.get(col);
  if (entry === undefined || entry.today !== timing.today) return;
  if (card.queue === 2) entry.balancer.addCard(card.id, card.nid, presetId, card.ivl);
  entry.changes = col.totalChanges();
}

/**
 * After writes that belong to the answers just counted by `noteAnswered` (the decks' studied
 * counters, written once per request): the balancer stays valid for them too.
 */
export function keepBalancerThrough(col: Collection, write: () => void): void {
  const entry = kept.get(col);
  const before = col.totalChanges();
  write();
  if (entry !== undefined && entry.changes === before) entry.changes = col.totalChanges();
}

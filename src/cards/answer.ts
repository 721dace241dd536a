/**
 * Answering cards, as Anki-Connect's answerCards has Anki's v3 scheduler do it (rslib
 * `answer_card`): the chosen button's state is written to the card, a review log row records
 * it, the deck and its parents count the answer for today, siblings are buried as the preset
 * says, a card that became a leech is tagged (and suspended if the preset says so), and a card
 * leaving a filtered deck goes home. Each answer is one step of the caller's transaction.
 */
import type { Collection } from '../collection/collection.js';
import { countStudied, type StudiedDelta } from '../decks/study-counters.js';
import { addTagsToNotes } from '../notes/tag-edits.js';
import { applyState, fuzzSeed } from '../scheduler/apply.js';
import { CardQueue } from '../scheduler/card.js';
import { isLeeched, type CardState } from '../scheduler/states.js';
import { DeckConfigConfig_LeechAction, type DeckConfigConfig } from '../storage/proto/gen/anki_storage/deck_config_pb.js';
import { keepBalancerThrough, noteAnswered, renewStudyQueues } from './load-balancer.js';
import { cardDataText, SchedulingSession } from './scheduling.js';

/** The answer buttons: 1 Again, 2 Hard, 3 Good, 4 Easy. */
export type Ease = 1 | 2 | 3 | 4;

const BUTTONS = ['again', 'hard', 'good', 'easy'] as const;

/** Queues in the order Anki gathers them for study; burying never reaches back to earlier ones. */
function gatherOrder(queue: number): number {
  switch (queue) {
    case CardQueue.learning:
    case CardQueue.previewRepeat:
      return 0;
    case CardQueue.dayLearning:
      return 1;
    case CardQueue.review:
      return 2;
    case CardQueue.new:
      return 3;
    default:
      return 255;
  }
}

/**
 * Buries the siblings the preset says to bury: new ones, reviews, interday learning ones; but
 * not those of queues Anki gathers before the answered card's (answering a new card does not
 * bury review siblings).
 */
function burySiblings(col: Collection, cardId: number, noteId: number, queue: number, preset: DeckConfigConfig): void {
  const order = gatherOrder(queue);
  const buryNew = preset.buryNew;
  const buryReviews = preset.buryReviews && order <= gatherOrder(CardQueue.review);
  const buryInterday = preset.buryInterdayLearning && order <= gatherOrder(CardQueue.dayLearning);
  if (!buryNew && !buryReviews && !buryInterday) return;
  col
    .stmt(
      'update cards set queue = -2, mod = ?, usn = ? where nid = ? and id != ? and ' +
        '((? and queue = 0) or (? and queue = 2) or (? and queue = 3))',
    )
    .run(col.nowSecs(), col.usn(), noteId, cardId, Number(buryNew), Number(buryReviews), Number(buryInterday));
}

const WRITE_CARD =
  'update cards set did = ?, odid = ?, due = ?, odue = ?, type = ?, queue = ?, ivl = ?, factor = ?, reps = ?, lapses = ?, ' +
  'left = ?, data = ?, mod = ?, usn = ? where id = ?';

/**
 * The answers of one request: the day, the collection's settings and the presets are read once
 * (every answer of a request is given at the same moment), and the decks' studied-today counters
 * are added up and written once at the end, with the same result as one write per answer.
 */
export class AnswerBatch {
  private readonly session: SchedulingSession;
  private readonly studied = new Map<number, StudiedDelta>();

  constructor(private readonly col: Collection) {
    this.session = new SchedulingSession(col, true);
  }

  /**
   * Answers one card with `ease`, `millisecondsTaken` after it was shown. Returns false when the
   * card (or its deck) does not exist, as Anki-Connect does.
   */
  answer(cardId: number, ease: Ease, millisecondsTaken: number): boolean {
    return answerCard(this.col, this.session, cardId, ease, millisecondsTaken, (deckId, delta) => {
      const sum = this.studied.get(deckId) ?? { newCards: 0, reviews: 0, milliseconds: 0 };
      this.studied.set(deckId, {
        newCards: sum.newCards + delta.newCards,
        reviews: sum.reviews + delta.reviews,
        milliseconds: sum.milliseconds + delta.milliseconds,
      });
    });
  }

  /** Writes the counters of the decks answered in (and their parents). */
  finish(): void {
    keepBalancerThrough(this.col, () => {
      for (const [deckId, delta] of this.studied) countStudied(this.col, deckId, this.session.timing.today, delta);
    });
    this.studied.clear();
  }
}

function answerCard(
  col: Collection,
  session: SchedulingSession,
  cardId: number,
  ease: Ease,
  millisecondsTaken: number,
  count: (deckId: number, delta: StudiedDelta) => void,
): boolean {
  renewStudyQueues(col, session.timing);
  const context = session.context(cardId);
  if (context === undefined) return false;
  const { row, preset, timing, scheduling } = context;
  const current: CardState = scheduling.states.current;
  const next = scheduling.states[BUTTONS[ease - 1] ?? 'good'];
  const applied = applyState(scheduling.card, current, next, {
    timing,
    fuzzSeed: fuzzSeed(scheduling.card),
    desiredRetention: scheduling.desiredRetention,
    suspendLeeches: preset.leechAction === DeckConfigConfig_LeechAction.SUSPEND,
  });
  const taken = Math.min(Math.max(Math.trunc(millisecondsTaken), 0), preset.capAnswerTimeToSecs * 1000);

  col
    .stmt('insert into revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) values (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(col.nextId('revlog'), cardId, col.usn(), ease, applied.revlog.ivl, applied.revlog.lastIvl, applied.revlog.factor, taken, applied.revlog.type);
  count(row.did, {
    newCards: row.queue === CardQueue.new ? 1 : 0,
    reviews: row.queue === CardQueue.review || row.queue === CardQueue.dayLearning ? 1 : 0,
    milliseconds: taken,
  });
  burySiblings(col, cardId, row.nid, row.queue, preset);

  const card = applied.card;
  col
    .stmt(WRITE_CARD)
    .run(
      card.did,
      card.odid,
      card.due,
      card.odue,
      card.type,
      card.queue,
      card.ivl,
      card.factor,
      card.reps,
      card.lapses,
      card.left,
      cardDataText(card, context.customData),
      col.nowSecs(),
      col.usn(),
      cardId,
    );
  if (isLeeched(next)) addTagsToNotes(col, [row.nid], 'leech');
  noteAnswered(col, timing, card, context.presetId);
  return true;
}

/**
 * A stored card's scheduling states: the card row, its deck, its home deck's preset and the
 * collection's settings read from the collection and handed to the scheduler's pure core
 * (src/scheduler/scheduling.ts). Answering (answer.ts) and cardsInfo's `nextReviews` both
 * start here.
 */
import type { Collection } from '../collection/collection.js';
import { collectionTiming } from '../collection/search-context.js';
import { deckConfigId, type Deck } from '../decks/deck.js';
import { defaultDeckConfig } from '../deckconfig/defaults.js';
import { withValidValues } from '../deckconfig/schema11.js';
import { AnkiConnectError } from '../errors.js';
import type { AnswerTiming } from '../scheduler/apply.js';
import type { SchedCard } from '../scheduler/card.js';
import type { FsrsRevlogEntry } from '../scheduler/fsrs/history.js';
import { describeNextStates } from '../scheduler/labels.js';
import { cardScheduling, type CardScheduling, type SchedulingDeck } from '../scheduler/scheduling.js';
import { cardDataNumber, parseCardData, serializeCardData } from '../storage/card-data.js';
import type { DeckConfigConfig } from '../storage/proto/gen/anki_storage/deck_config_pb.js';
import type { CardRecord } from './card-record.js';
import { loadBalancerFor } from './load-balancer.js';

/** The card columns answering reads and writes. */
export type CardRow = Omit<CardRecord, 'ord' | 'mod' | 'usn' | 'flags'>;

const CARD_COLUMNS = 'id, nid, did, odid, due, odue, type, queue, ivl, factor, reps, lapses, left, data';

export function readCardRow(col: Collection, id: number): CardRow | undefined {
  return col.stmt<[number], CardRow>(`select ${CARD_COLUMNS} from cards where id = ?`).get(id);
}

const f32OrUndefined = (value: number | undefined): number | undefined => (value === undefined ? undefined : Math.fround(value));

/** The card as the scheduler sees it; the custom data (`cd`) is kept for writing back. */
export function schedCardFromRow(row: CardRow): { card: SchedCard; customData: unknown } {
  const data = parseCardData(row.data);
  const pos = cardDataNumber(data, 'pos');
  const s = cardDataNumber(data, 's');
  const d = cardDataNumber(data, 'd');
  const lrt = cardDataNumber(data, 'lrt');
  return {
    card: {
      id: row.id,
      nid: row.nid,
      did: row.did,
      odid: row.odid,
      due: row.due,
      odue: row.odue,
      type: row.type,
      queue: row.queue,
      ivl: row.ivl,
      factor: row.factor,
      reps: row.reps,
      lapses: row.lapses,
      left: row.left,
      originalPosition: pos !== undefined && Number.isInteger(pos) && pos >= 0 ? pos : undefined,
      memory: s !== undefined && d !== undefined ? { stability: Math.fround(s), difficulty: Math.fround(d) } : undefined,
      desiredRetention: f32OrUndefined(cardDataNumber(data, 'dr')),
      decay: f32OrUndefined(cardDataNumber(data, 'decay')),
      lastReviewSecs: lrt !== undefined && Number.isInteger(lrt) ? lrt : undefined,
    },
    customData: data['cd'],
  };
}

/** The `data` column of a scheduled card, as Anki writes it. */
export function cardDataText(card: SchedCard, customData: unknown): string {
  return serializeCardData({
    pos: card.originalPosition,
    s: card.memory?.stability,
    d: card.memory?.difficulty,
    dr: card.desiredRetention,
    decay: card.decay,
    lrt: card.lastReviewSecs,
    cd: customData,
  });
}

export interface CardContext {
  row: CardRow;
  customData: unknown;
  /** The deck the card is in (a filtered deck while it is in one). */
  deck: Deck;
  /** Its home deck. */
  homeDeck: Deck;
  presetId: number;
  /** The home deck's preset, with out-of-range values replaced as Anki reads it. */
  preset: DeckConfigConfig;
  timing: AnswerTiming;
  scheduling: CardScheduling;
}

function schedulingDeck(deck: Deck): SchedulingDeck {
  if (deck.kind.kind.case !== 'filtered') return { filtered: false };
  const filtered = deck.kind.kind.value;
  return {
    filtered: true,
    reschedule: filtered.reschedule,
    previewDelays: { again: filtered.previewAgainSecs, hard: filtered.previewHardSecs, good: filtered.previewGoodSecs },
  };
}

/** Presets with valid values, by the stored (cached, never mutated) preset they come from. */
const validPresets = new WeakMap<DeckConfigConfig, DeckConfigConfig>();

function validPreset(stored: DeckConfigConfig): DeckConfigConfig {
  let valid = validPresets.get(stored);
  if (valid === undefined) {
    valid = withValidValues(stored);
    validPresets.set(stored, valid);
  }
  return valid;
}

/** The card's review log, as FSRS reads it. */
function reviewLog(col: Collection, cardId: number): FsrsRevlogEntry[] {
  return col
    .stmt<[number], FsrsRevlogEntry>('select id, ease, ivl, factor, type from revlog where cid = ? order by id')
    .all(cardId);
}

/** The time of the card's last answer that counted for scheduling (not a cram review). */
function lastAnswerSecs(col: Collection, cardId: number): number | undefined {
  const row = col
    .stmt<[number], { secs: number }>(
      'select id / 1000 as secs from revlog where cid = ? and ease between 1 and 4 and (type != 3 or factor != 0) order by id desc limit 1',
    )
    .get(cardId);
  return row?.secs;
}

/**
 * Scheduling for the cards of one request: the day, the collection's FSRS settings and the
 * presets are read once.
 */
export class SchedulingSession {
  readonly timing: AnswerTiming;
  /** Config `collapseTime`: delays within it are shown as `<…`. */
  readonly learnAheadSecs: number;
  private readonly fsrs: boolean;
  private readonly fsrsShortTermWithSteps: boolean;
  private readonly presets = new Map<number, DeckConfigConfig>();

  /**
   * `answering`: the states are for answering, which (with the load balancer on) acts as if
   * Anki's study queues were built; otherwise they are only described.
   */
  constructor(
    private readonly col: Collection,
    private readonly answering = false,
  ) {
    const { daysElapsed, nextDayAt, nowSecs } = collectionTiming(col);
    this.timing = { today: daysElapsed, nextDayAt, nowSecs };
    this.learnAheadSecs = col.config.getNumber('collapseTime', 1200);
    this.fsrs = col.config.getBool('fsrs', false);
    this.fsrsShortTermWithSteps = col.config.getBool('fsrsShortTermWithStepsEnabled', false);
  }

  /** A preset as Anki reads it: out-of-range values replaced, Anki's defaults when it is missing. */
  private preset(id: number): DeckConfigConfig {
    let preset = this.presets.get(id);
    if (preset === undefined) {
      const stored = this.col.deckConfigs.get(id)?.config;
      preset = stored === undefined ? defaultDeckConfig() : validPreset(stored);
      this.presets.set(id, preset);
    }
    return preset;
  }

  /**
   * Everything answering (or describing) the card needs, and its scheduling states now;
   * undefined when the card, its deck or its home deck does not exist (Anki: "not found").
   *
   * @throws {AnkiConnectError} when the card's home deck is a filtered deck.
   */
  context(id: number): CardContext | undefined {
    const row = readCardRow(this.col, id);
    return row === undefined ? undefined : this.contextOf(row);
  }

  /** `context` for a card row already read. */
  contextOf(row: CardRow): CardContext | undefined {
    const col = this.col;
    const deck = col.decks.get(row.did);
    const homeDeck = row.odid === 0 ? deck : col.decks.get(row.odid);
    if (deck === undefined || homeDeck === undefined) return undefined;
    const presetId = deckConfigId(homeDeck);
    if (presetId === undefined) throw new AnkiConnectError('home deck is filtered');
    const preset = this.preset(presetId);
    const { card, customData } = schedCardFromRow(row);
    const deckOverride = homeDeck.kind.kind.case === 'normal' ? homeDeck.kind.kind.value.desiredRetention : undefined;
    const scheduling = cardScheduling({
      card,
      deck: schedulingDeck(deck),
      preset,
      desiredRetention: deckOverride ?? preset.desiredRetention,
      fsrs: this.fsrs,
      fsrsShortTermWithSteps: this.fsrsShortTermWithSteps,
      timing: this.timing,
      reviewLog: () => reviewLog(col, row.id),
      lastAnswerSecs: () => lastAnswerSecs(col, row.id),
      loadBalancer: loadBalancerFor(col, this.timing, card.nid, presetId, preset, this.answering),
    });
    return { row, customData, deck, homeDeck, presetId, preset, timing: this.timing, scheduling };
  }

  /** The four answer-button labels of a card's states, as Anki describes them now. */
  labels(context: CardContext): string[] {
    return describeNextStates(context.scheduling.states, this.timing.nextDayAt - this.timing.nowSecs, this.learnAheadSecs);
  }
}

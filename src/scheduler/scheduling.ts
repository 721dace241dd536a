/**
 * A card's scheduling states, put together as Anki's `card_state_updater` does (rslib
 * `scheduler/answering/mod.rs`): the preset's options, the card's fuzz, and with FSRS on the
 * preset's parameters, the desired retention, the card's memory (worked out from its review
 * log when it has none) and the days since its last answer. Pure: reads of the review log come
 * through the callbacks.
 */
import { currentState, CardType, type CardDeck, type SchedCard } from './card.js';
import { stateContext, type IntervalPicker, type PresetSchedulingOptions, type PreviewDelays, type StateContext } from './context.js';
import type { AnswerTiming } from './apply.js';
import { memoryStateFromHistory, type FsrsRevlogEntry } from './fsrs/history.js';
import { decayFromParameters, Fsrs } from './fsrs/model.js';
import { nextStates } from './next-states.js';
import { fuzzFactor } from './rng.js';
import type { SchedulingStates } from './states.js';

/** The preset options scheduling reads, named as in the preset protobuf. */
export interface SchedulingPreset extends PresetSchedulingOptions {
  fsrsParams4: readonly number[];
  fsrsParams5: readonly number[];
  fsrsParams6: readonly number[];
  /** Retention SM-2 is assumed to have achieved, for memory states guessed from SM-2 values. */
  historicalRetention: number;
  /** "Ignore reviews before" (YYYY-MM-DD), empty for none. */
  ignoreRevlogsBeforeDate: string;
}

/** The deck a card is in, with a filtered deck's preview delays. */
export type SchedulingDeck = { filtered: false } | { filtered: true; reschedule: boolean; previewDelays: PreviewDelays };

export interface SchedulingInputs {
  card: SchedCard;
  deck: SchedulingDeck;
  preset: SchedulingPreset;
  /** The home deck's desired retention, or the preset's. */
  desiredRetention: number;
  /** Collection config `fsrs`. */
  fsrs: boolean;
  /** Collection config `fsrsShortTermWithStepsEnabled`. */
  fsrsShortTermWithSteps: boolean;
  timing: AnswerTiming;
  /** The card's review log, by id (read only when FSRS needs a memory state). */
  reviewLog: () => FsrsRevlogEntry[];
  /** Epoch seconds of the card's last answer that counted, from the review log. */
  lastAnswerSecs: () => number | undefined;
  /** Makes the load balancer's pick for this card, when the balancer applies. */
  loadBalancer?: ((fuzzSeed: number) => IntervalPicker) | undefined;
}

export interface CardScheduling {
  /** The card as answering starts from it: with FSRS, its decay set and a memory state worked out. */
  card: SchedCard;
  states: SchedulingStates;
  context: StateContext;
  /** With FSRS, the desired retention the card will record. */
  desiredRetention: number | undefined;
}

/** The parameters a preset uses: FSRS-6's, else FSRS-5's, else FSRS-4's (none: the defaults). */
export function presetFsrsParameters(preset: SchedulingPreset): readonly number[] {
  if (preset.fsrsParams6.length > 0) return preset.fsrsParams6;
  if (preset.fsrsParams5.length > 0) return preset.fsrsParams5;
  return preset.fsrsParams4;
}

/** "Ignore reviews before": midnight UTC of the date, in ms (0 for none). */
export function ignoreBeforeMs(date: string): number {
  if (date === '') return 0;
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(date);
  const ms = match === null ? NaN : Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (Number.isNaN(ms)) throw new Error(`Error parsing date: ${date}`);
  return ms;
}

const elapsedDays = (nextDayAt: number, secs: number): number => Math.floor(Math.max(nextDayAt - secs, 0) / 86_400);

/** Models by parameter list: a collection has a few presets, and cardsInfo asks for thousands of cards. */
const models = new Map<string, Fsrs>();

function fsrsModel(params: readonly number[]): Fsrs {
  const key = params.join(',');
  let model = models.get(key);
  if (model === undefined) {
    model = new Fsrs(params);
    if (models.size >= 64) models.clear();
    models.set(key, model);
  }
  return model;
}

export function cardScheduling(inputs: SchedulingInputs): CardScheduling {
  const { preset, timing } = inputs;
  const card: SchedCard = { ...inputs.card };
  const seed = card.id + card.reps;
  let fsrsNextStates;
  let fsrsAllowShortTerm = false;
  if (inputs.fsrs) {
    const params = presetFsrsParameters(preset);
    const fsrs = fsrsModel(params);
    card.decay = decayFromParameters(params);
    if (card.memory === undefined && card.type !== CardType.new) {
      card.memory = memoryStateFromHistory(
        fsrs,
        card,
        inputs.reviewLog(),
        timing.nextDayAt,
        preset.historicalRetention,
        ignoreBeforeMs(preset.ignoreRevlogsBeforeDate),
      );
    }
    const lastAnswer = card.lastReviewSecs ?? inputs.lastAnswerSecs();
    const days = lastAnswer === undefined ? 0 : elapsedDays(timing.nextDayAt, lastAnswer);
    fsrsNextStates = fsrs.nextStates(card.memory, inputs.desiredRetention, days);
    // Short-term scheduling needs the same-day parameters; the defaults have them.
    fsrsAllowShortTerm = params.length >= 19 ? (params[17] ?? 0) > 0 && (params[18] ?? 0) > 0 : params.length === 0;
  }
  const context = stateContext(preset, {
    fuzzFactor: fuzzFactor(seed),
    fsrsNextStates,
    fsrsShortTermWithStepsEnabled: inputs.fsrsShortTermWithSteps,
    fsrsAllowShortTerm,
    loadBalancer: inputs.loadBalancer?.(seed),
    inFilteredDeck: inputs.deck.filtered,
    previewDelays: inputs.deck.filtered ? inputs.deck.previewDelays : undefined,
  });
  const deck: CardDeck = inputs.deck.filtered
    ? { filtered: true, reschedule: inputs.deck.reschedule, previewAgainSecs: inputs.deck.previewDelays.again }
    : { filtered: false };
  const current = currentState(card, deck, timing.today, context.steps, context.relearnSteps);
  return {
    card,
    states: nextStates(current, context),
    context,
    desiredRetention: inputs.fsrs ? inputs.desiredRetention : undefined,
  };
}

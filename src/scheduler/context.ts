/**
 * What the state transitions need to know besides the card (rslib `StateContext`): the options
 * of the card's preset, the card's fuzz factor, FSRS's next memory states when FSRS is on, the
 * load balancer when it applies, and the delays of a preview filtered deck.
 */
import { f32 } from './f32.js';
import type { FsrsNextStates } from './fsrs/model.js';
import { withReviewFuzz } from './fuzz.js';
import { LearningSteps } from './steps.js';

/**
 * The scheduling options of a preset, named as in the preset protobuf (`DeckConfig.Config`), so
 * a stored preset can be passed as it is. Values must already be within Anki's valid ranges.
 */
export interface PresetSchedulingOptions {
  learnSteps: readonly number[];
  relearnSteps: readonly number[];
  graduatingIntervalGood: number;
  graduatingIntervalEasy: number;
  initialEase: number;
  hardMultiplier: number;
  easyMultiplier: number;
  intervalMultiplier: number;
  maximumReviewInterval: number;
  leechThreshold: number;
  lapseMultiplier: number;
  minimumLapseInterval: number;
}

/** Delays (seconds) of a filtered deck that does not reschedule; 0 returns the card home. */
export interface PreviewDelays {
  again: number;
  hard: number;
  good: number;
}

/** Picks a review interval from a fuzz range by the load of its days, or declines. */
export type IntervalPicker = (interval: number, minimum: number, maximum: number) => number | undefined;

export interface StateContext {
  /** In [0, 1): where in its fuzz range a review interval falls; undefined means no fuzz. */
  fuzzFactor: number | undefined;
  fsrsNextStates: FsrsNextStates | undefined;
  /** FSRS "short-term" intervals (under half a day stay in learning) even with steps. */
  fsrsShortTermWithStepsEnabled: boolean;
  fsrsAllowShortTerm: boolean;
  steps: LearningSteps;
  graduatingIntervalGood: number;
  graduatingIntervalEasy: number;
  initialEaseFactor: number;
  hardMultiplier: number;
  easyMultiplier: number;
  intervalMultiplier: number;
  maximumReviewInterval: number;
  leechThreshold: number;
  loadBalancer: IntervalPicker | undefined;
  relearnSteps: LearningSteps;
  lapseMultiplier: number;
  minimumLapseInterval: number;
  inFilteredDeck: boolean;
  previewDelays: PreviewDelays;
}

export interface StateContextExtras {
  fuzzFactor?: number | undefined;
  fsrsNextStates?: FsrsNextStates | undefined;
  fsrsShortTermWithStepsEnabled?: boolean;
  fsrsAllowShortTerm?: boolean;
  loadBalancer?: IntervalPicker | undefined;
  inFilteredDeck?: boolean;
  previewDelays?: PreviewDelays;
}

/** The context for a card of a preset; floats are taken as the f32 the preset stores. */
export function stateContext(preset: PresetSchedulingOptions, extras: StateContextExtras = {}): StateContext {
  return {
    fuzzFactor: extras.fuzzFactor,
    fsrsNextStates: extras.fsrsNextStates,
    fsrsShortTermWithStepsEnabled: extras.fsrsShortTermWithStepsEnabled ?? false,
    fsrsAllowShortTerm: extras.fsrsAllowShortTerm ?? false,
    steps: new LearningSteps(preset.learnSteps),
    graduatingIntervalGood: preset.graduatingIntervalGood,
    graduatingIntervalEasy: preset.graduatingIntervalEasy,
    initialEaseFactor: f32(preset.initialEase),
    hardMultiplier: f32(preset.hardMultiplier),
    easyMultiplier: f32(preset.easyMultiplier),
    intervalMultiplier: f32(preset.intervalMultiplier),
    maximumReviewInterval: preset.maximumReviewInterval,
    leechThreshold: preset.leechThreshold,
    loadBalancer: extras.loadBalancer,
    relearnSteps: new LearningSteps(preset.relearnSteps),
    lapseMultiplier: f32(preset.lapseMultiplier),
    minimumLapseInterval: preset.minimumLapseInterval,
    inFilteredDeck: extras.inFilteredDeck ?? false,
    previewDelays: extras.previewDelays ?? { again: 0, hard: 0, good: 0 },
  };
}

/** The maximum review interval (at least 1) and `minimum` kept within [1, maximum]. */
export function minAndMaxReviewIntervals(ctx: StateContext, minimum: number): [number, number] {
  const maximum = Math.max(ctx.maximumReviewInterval, 1);
  return [Math.min(Math.max(minimum, 1), maximum), maximum];
}

/** A review interval with fuzz, or the load balancer's pick when it applies. */
export function reviewFuzz(ctx: StateContext, interval: number, minimum: number, maximum: number): number {
  return ctx.loadBalancer?.(interval, minimum, maximum) ?? withReviewFuzz(ctx.fuzzFactor, interval, minimum, maximum);
}

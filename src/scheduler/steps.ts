/**
 * Learning and relearning steps (anki-semantics.md §3.4, rslib `scheduler/states/steps.rs`):
 * the delay each button gives from the step a card is on. Steps are minutes as the preset
 * stores them (f32); a card's `left` counts the steps still to do, the thousands holding a
 * legacy "steps today" count that v3 ignores.
 */
import { f32, mul, round, saturatingSub, toU32 } from './f32.js';

const DAY = 86_400;

/** One step in seconds: minutes × 60 in f32, truncated. */
const toSecs = (minutes: number): number => toU32(mul(minutes, 60));

/** A step list of a preset (minutes), with the delays of each button. */
export class LearningSteps {
  private readonly steps: readonly number[];

  constructor(minutes: readonly number[]) {
    this.steps = minutes.map(f32);
  }

  get isEmpty(): boolean {
    return this.steps.length === 0;
  }

  get length(): number {
    return this.steps.length;
  }

  /** The step a card with `remaining` steps left is on, kept inside the list. */
  private index(remaining: number): number {
    const total = this.steps.length;
    return Math.min(saturatingSub(total, remaining % 1000), saturatingSub(total, 1));
  }

  private secsAt(index: number): number | undefined {
    const step = this.steps[index];
    return step === undefined ? undefined : toSecs(step);
  }

  /** Again: back to the first step; undefined without steps. */
  againDelaySecs(): number | undefined {
    return this.secsAt(0);
  }

  /**
   * Hard: the current step again. On the first step it is the mean of the first two steps, or
   * with one step half as long again (at most a day more), so that it lies between Again and
   * Good; such a delay over a day is rounded to whole days.
   */
  hardDelaySecs(remaining: number): number | undefined {
    const index = this.index(remaining);
    const current = this.secsAt(index) ?? this.secsAt(0);
    if (current === undefined) return undefined;
    if (index !== 0) return current;
    const next = this.secsAt(1);
    if (next !== undefined) return roundedInDays(Math.floor((current + next) / 2));
    return roundedInDays(Math.min(Math.floor((current * 3) / 2), current + DAY));
  }

  /** Good: the next step; undefined when the card is on its last step (it graduates). */
  goodDelaySecs(remaining: number): number | undefined {
    return this.secsAt(this.index(remaining) + 1);
  }

  /** The delay of the step the card is on (0 without steps). */
  currentDelaySecs(remaining: number): number {
    return this.secsAt(this.index(remaining)) ?? 0;
  }

  /** Steps left after Good moves the card on. */
  remainingForGood(remaining: number): number {
    return saturatingSub(this.steps.length, this.index(remaining) + 1);
  }

  /** Steps left after Again (or for a card starting its steps). */
  remainingForFailed(): number {
    return this.steps.length;
  }
}

/** A delay over a day becomes whole days, so the same answer gives the same day at any hour. */
function roundedInDays(secs: number): number {
  if (secs <= DAY) return secs;
  return toU32(round(f32(f32(secs) / DAY))) * DAY;
}

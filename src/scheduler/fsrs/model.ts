/**
 * The FSRS-6 memory model as Anki runs it (fsrs-rs 6.6, which Anki 26.9 links; anki-semantics.md
 * §3.11): stability and difficulty after each answer, the interval that reaches a desired
 * retention, and a memory state guessed from SM-2 values. Everything is f32 arithmetic in the
 * order fsrs-rs evaluates it, so the states round to the digits Anki stores (s to 4 decimals,
 * d to 3) the same way.
 */
import { add, clamp, div, exp, expm1, f32, ln, mul, pow, sub } from '../f32.js';
import type { MemoryState } from '../states.js';

/** FSRS-6's default parameters (fsrs-rs `DEFAULT_PARAMETERS`). */
export const DEFAULT_FSRS_PARAMETERS: readonly number[] = [
  0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629, 1.6483,
  0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
].map(f32);

const FSRS6_DEFAULT_DECAY = f32(0.1542);
const FSRS5_DEFAULT_DECAY = 0.5;
const S_MIN = f32(0.001);
const S_MAX = 36_500;
const D_MIN = 1;
const D_MAX = 10;
const INIT_S_MAX = 100;

/** Parameters of a length fsrs-rs does not know, or with a value that is not finite. */
export class InvalidFsrsParametersError extends Error {
  constructor() {
    super('invalid FSRS parameters');
  }
}

/**
 * The decay Anki stores on a card: FSRS-6's default for the default parameters, 0.5 for FSRS-4.5
 * and FSRS-5 parameters (fewer than 21), else the last parameter.
 */
export function decayFromParameters(parameters: readonly number[]): number {
  if (parameters.length === 0) return FSRS6_DEFAULT_DECAY;
  if (parameters.length < 21) return FSRS5_DEFAULT_DECAY;
  return f32(parameters[20] ?? FSRS5_DEFAULT_DECAY);
}

/**
 * The 21 parameters the model runs on: the defaults for none, FSRS-4.5's 17 and FSRS-5's 19
 * converted as fsrs-rs converts them, then each clamped to the range fsrs-rs allows.
 */
export function modelParameters(parameters: readonly number[]): number[] {
  let w: number[];
  switch (parameters.length) {
    case 0:
      w = [...DEFAULT_FSRS_PARAMETERS];
      break;
    case 17: {
      w = parameters.map(f32);
      const w5 = w[5] ?? 0;
      // mul_add rounds once; the products of an f32 and a small integer are exact in f64.
      w[4] = f32(w5 * 2 + (w[4] ?? 0));
      w[5] = div(ln(f32(w5 * 3 + 1)), 3);
      w[6] = add(w[6] ?? 0, 0.5);
      w.push(0, 0, 0, FSRS5_DEFAULT_DECAY);
      break;
    }
    case 19:
      w = [...parameters.map(f32), 0, FSRS5_DEFAULT_DECAY];
      break;
    case 21:
      w = parameters.map(f32);
      break;
    default:
      throw new InvalidFsrsParametersError();
  }
  if (w.some((value) => !Number.isFinite(value))) throw new InvalidFsrsParametersError();
  return w.map((value, i) => {
    const [low, high] = PARAMETER_BOUNDS[i] ?? [value, value];
    return clamp(value, low, high);
  });
}

/** fsrs-rs's clamps for inference (one relearning step, short-term training off). */
const PARAMETER_BOUNDS: readonly (readonly [number, number])[] = [
  [S_MIN, INIT_S_MAX],
  [S_MIN, INIT_S_MAX],
  [S_MIN, INIT_S_MAX],
  [S_MIN, INIT_S_MAX],
  [D_MIN, D_MAX],
  [0.001, 4],
  [0.001, 4],
  [0.001, 0.75],
  [0, 4.5],
  [0, 0.8],
  [0.001, 3.5],
  [0.001, 5],
  [0.001, 0.25],
  [0.001, 0.9],
  [0, 4],
  [0, 1],
  [1, 6],
  [0, 2],
  [0, 2],
  [0, 0.8],
  [0.1, 0.8],
].map(([low, high]) => [f32(low ?? 0), f32(high ?? 0)] as const);

/** One answer in a card's history: the button (0 for none) and days since the previous one. */
export interface FsrsReview {
  rating: number;
  deltaT: number;
}

/** The memory state and the (unrounded) interval after one button. */
export interface FsrsItemState {
  memory: MemoryState;
  interval: number;
}

export interface FsrsNextStates {
  again: FsrsItemState;
  hard: FsrsItemState;
  good: FsrsItemState;
  easy: FsrsItemState;
}

/** A memory state that is not finite: fsrs-rs refuses it. */
export class InvalidMemoryStateError extends Error {
  constructor() {
    super('invalid FSRS memory state');
  }
}

function validated(state: MemoryState): MemoryState {
  if (!Number.isFinite(state.stability) || !Number.isFinite(state.difficulty)) throw new InvalidMemoryStateError();
  return state;
}

/** The FSRS model for one set of parameters. */
export class Fsrs {
  private readonly w: readonly number[];

  constructor(parameters: readonly number[]) {
    this.w = modelParameters(parameters);
  }

  private p(i: number): number {
    return this.w[i] ?? 0;
  }

  /** (e^(ln 0.9 / decay) − 1): the curve's scale, so that R = 0.9 when t = S. */
  private curveFactor(): number {
    return sub(exp(div(ln(f32(0.9)), -this.p(20))), 1);
  }

  /** Retrievability after `t` days at stability `s`. */
  forgettingCurve(t: number, s: number): number {
    return pow(add(mul(div(t, s), this.curveFactor()), 1), -this.p(20));
  }

  /** Days until retrievability falls to `desiredRetention` (unrounded). */
  nextInterval(stability: number, desiredRetention: number): number {
    const decay = -this.p(20);
    return mul(div(stability, this.curveFactor()), sub(pow(f32(desiredRetention), div(1, decay)), 1));
  }

  private initStability(rating: number): number {
    return this.p(Math.min(Math.max(rating - 1, 0), 3));
  }

  private initDifficulty(rating: number): number {
    return add(sub(this.p(4), exp(mul(this.p(5), Math.max(rating - 1, 0)))), 1);
  }

  private nextDifficulty(d: number, rating: number): number {
    const delta = mul(-this.p(6), rating - 3);
    const damped = div(mul(sub(10, d), delta), 9);
    const next = add(d, damped);
    return add(mul(this.p(7), sub(this.initDifficulty(4), next)), next);
  }

  private stabilityAfterSuccess(s: number, d: number, r: number, rating: number): number {
    const hardPenalty = rating === 2 ? this.p(15) : 1;
    const easyBonus = rating === 4 ? this.p(16) : 1;
    let growth = mul(exp(this.p(8)), sub(11, d));
    growth = mul(growth, pow(s, -this.p(9)));
    growth = mul(growth, sub(exp(mul(sub(1, r), this.p(10))), 1));
    growth = mul(mul(growth, hardPenalty), easyBonus);
    return mul(s, add(growth, 1));
  }

  private stabilityAfterFailure(s: number, d: number, r: number): number {
    let next = mul(this.p(11), pow(d, -this.p(12)));
    next = mul(next, sub(pow(add(s, 1), this.p(13)), 1));
    next = mul(next, exp(mul(sub(1, r), this.p(14))));
    const floor = div(s, exp(mul(this.p(17), this.p(18))));
    return Math.min(next, floor);
  }

  private stabilityShortTerm(s: number, rating: number): number {
    const increase = mul(exp(mul(this.p(17), add(rating - 3, this.p(18)))), pow(s, -this.p(19)));
    return mul(s, rating >= 2 ? Math.max(increase, 1) : increase);
  }

  /** The memory after answering `rating` `deltaT` days after the last answer (`nth` review). */
  step(deltaT: number, rating: number, state: MemoryState, nth: number): MemoryState {
    const s = clamp(state.stability, S_MIN, S_MAX);
    const d = clamp(state.difficulty, D_MIN, D_MAX);
    const r = this.forgettingCurve(deltaT, s);
    let nextS = rating === 1 ? this.stabilityAfterFailure(s, d, r) : this.stabilityAfterSuccess(s, d, r, rating);
    if (deltaT === 0) nextS = this.stabilityShortTerm(s, rating);
    let nextD = clamp(this.nextDifficulty(d, rating), D_MIN, D_MAX);
    if (nth === 0 && state.stability === 0) {
      const first = Math.min(Math.max(rating, 1), 4);
      nextS = this.initStability(first);
      nextD = clamp(this.initDifficulty(first), D_MIN, D_MAX);
    }
    if (rating === 0) {
      nextS = s;
      nextD = d;
    }
    return { stability: clamp(nextS, S_MIN, S_MAX), difficulty: nextD };
  }

  /** Memory and interval for each button, `daysElapsed` after the last answer (none: a new card). */
  nextStates(memory: MemoryState | undefined, desiredRetention: number, daysElapsed: number): FsrsNextStates {
    const current = memory ?? { stability: 0, difficulty: 0 };
    const nth = memory === undefined ? 0 : 1;
    const state = (rating: number): FsrsItemState => {
      const next = validated(this.step(daysElapsed, rating, current, nth));
      return { memory: next, interval: this.nextInterval(next.stability, desiredRetention) };
    };
    return { again: state(1), hard: state(2), good: state(3), easy: state(4) };
  }

  /** The memory after a history of answers, from `starting` or from a new card. */
  memoryState(reviews: readonly FsrsReview[], starting: MemoryState | undefined): MemoryState {
    let state: MemoryState;
    let start: number;
    if (starting !== undefined) {
      state = starting;
      start = 0;
    } else if (reviews.length === 0) {
      state = { stability: 0, difficulty: 0 };
      start = 0;
    } else {
      const rating = reviews[0]?.rating ?? 0;
      if (rating === 0) {
        state = { stability: S_MIN, difficulty: D_MIN };
      } else {
        const first = Math.min(Math.max(rating, 1), 4);
        state = { stability: clamp(this.initStability(first), S_MIN, S_MAX), difficulty: clamp(this.initDifficulty(first), D_MIN, D_MAX) };
      }
      start = 1;
    }
    for (let i = start; i < reviews.length; i++) {
      const review = reviews[i];
      if (review !== undefined) state = this.step(f32(review.deltaT), review.rating, state, i);
    }
    return validated(state);
  }

  /**
   * A memory state that would have given an SM-2 card its ease and interval, at the retention
   * SM-2 achieved (`sm2Retention`).
   */
  memoryStateFromSm2(easeFactor: number, interval: number, sm2Retention: number): MemoryState {
    const decay = -this.p(20);
    const retention = f32(sm2Retention);
    const factor = sub(pow(f32(0.9), div(1, decay)), 1);
    const stability = div(mul(Math.max(f32(interval), S_MIN), factor), sub(pow(retention, div(1, decay)), 1));
    let denominator = mul(exp(this.p(8)), pow(stability, -this.p(9)));
    denominator = mul(denominator, expm1(mul(sub(1, retention), this.p(10))));
    const difficulty = sub(11, div(sub(f32(easeFactor), 1), denominator));
    if (!Number.isFinite(stability) || !Number.isFinite(difficulty)) throw new InvalidMemoryStateError();
    return { stability, difficulty: clamp(difficulty, D_MIN, D_MAX) };
  }
}

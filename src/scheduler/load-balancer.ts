/**
 * The load balancer (rslib `scheduler/states/load_balancer.rs`): instead of a uniform pick in
 * the fuzz range, a review interval of up to 90 days goes to a day of the range drawn with
 * weights favouring days with fewer cards due in the same preset, earlier days, the preset's
 * "easy days", and (when the preset buries review siblings) days away from the note's other
 * cards. Anki builds it from the cards due in the next 99 days when it builds its study
 * queues, and adds each card answered into review while the queues last.
 */
import { div, f32, mul, pow } from './f32.js';
import { constrainedFuzzBounds } from './fuzz.js';
import { StdRng } from './rng.js';

const MAX_LOAD_BALANCE_INTERVAL = 90;
/** Days kept: 10% beyond the longest balanced interval, as balancing may reach past it. */
export const LOAD_BALANCE_DAYS = 99;
const SIBLING_MODIFIER_STEPS = [-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5];
const SIBLING_MODIFIERS = [1, 0.8, 0.6, 0.4, 0.2, 0.000001, 0.2, 0.4, 0.6, 0.8, 1].map(f32);

type EasyDay = 'minimum' | 'reduced' | 'normal';

const loadModifier = (day: EasyDay): number => (day === 'minimum' ? f32(0.0001) : day === 'reduced' ? 0.5 : 1);

/** A preset's easy-day percentages (Monday first): 1 normal, 0 minimum, anything else reduced. */
export function easyDays(percentages: readonly number[]): EasyDay[] {
  if (percentages.length !== 7) return Array<EasyDay>(7).fill('normal');
  return percentages.map((p) => (p === 1 ? 'normal' : p === 0 ? 'minimum' : 'reduced'));
}

class BalancedDay {
  readonly cards: [number, number][] = [];
  readonly notes = new Set<number>();

  add(cardId: number, noteId: number): void {
    this.cards.push([cardId, noteId]);
    this.notes.add(noteId);
  }
}

/** A card due on some day, with its deck. */
export interface DueCard {
  id: number;
  nid: number;
  did: number;
  due: number;
}

export interface LoadBalancerInputs {
  today: number;
  /** Every card with `due` in [today, today + 99), whatever its queue (as Anki selects them). */
  cards: readonly DueCard[];
  /** The preset of each normal deck. */
  presetOfDeck: ReadonlyMap<number, number>;
  /** Each preset's easy-day percentages. */
  easyDayPercentages: ReadonlyMap<number, readonly number[]>;
  nextDayAt: number;
  /** The local weekday (0 Monday … 6 Sunday) of an epoch second. */
  weekdayAt: (epochSecs: number) => number;
}

export class LoadBalancer {
  private readonly daysByPreset = new Map<number, BalancedDay[]>();
  private readonly easyDaysByPreset = new Map<number, EasyDay[]>();
  private readonly nextDayAt: number;
  private readonly weekdayAt: (epochSecs: number) => number;

  constructor(inputs: LoadBalancerInputs) {
    this.nextDayAt = inputs.nextDayAt;
    this.weekdayAt = inputs.weekdayAt;
    for (const card of inputs.cards) {
      const index = card.due - inputs.today;
      const preset = inputs.presetOfDeck.get(card.did);
      if (preset === undefined || index < 0 || index >= LOAD_BALANCE_DAYS) continue;
      let days = this.daysByPreset.get(preset);
      if (days === undefined) {
        days = Array.from({ length: LOAD_BALANCE_DAYS }, () => new BalancedDay());
        this.daysByPreset.set(preset, days);
      }
      days[index]?.add(card.id, card.nid);
    }
    for (const [preset, percentages] of inputs.easyDayPercentages) this.easyDaysByPreset.set(preset, easyDays(percentages));
  }

  /** Counts a card answered into review `interval` days from today (presets without cards stay empty). */
  addCard(cardId: number, noteId: number, preset: number, interval: number): void {
    this.daysByPreset.get(preset)?.[interval]?.add(cardId, noteId);
  }

  /**
   * The day for a review interval in [minimum, maximum], or undefined when balancing does not
   * apply (beyond 90 days, no cards of the preset, no fuzz seed): then plain fuzz applies.
   * `noteId` is given when siblings should be kept apart.
   */
  findInterval(interval: number, minimum: number, maximum: number, preset: number, fuzzSeed: number | undefined, noteId: number | undefined): number | undefined {
    if (Math.trunc(Math.max(interval, 0)) > MAX_LOAD_BALANCE_INTERVAL || minimum > MAX_LOAD_BALANCE_INTERVAL) return undefined;
    const [before, after] = constrainedFuzzBounds(interval, minimum, maximum);
    const days = this.daysByPreset.get(preset);
    const easy = this.easyDaysByPreset.get(preset);
    if (days === undefined || easy === undefined) return undefined;
    const counts: number[] = [];
    const weekdays: number[] = [];
    for (let day = before; day <= after; day++) {
      counts.push(days[day]?.cards.length ?? 0);
      weekdays.push(this.weekdayAt(this.nextDayAt + (day - 1) * 86_400));
    }
    const easyModifiers = easyDayModifiers(easy, weekdays, counts);
    const siblingModifiers = this.siblingModifiers(before, after, noteId);
    const weights = counts.map((count, i) => {
      if (count === 0) return 1;
      const target = before + i;
      const countWeight = pow(div(1, count), f32(2.15));
      const inverse = div(1, target);
      const intervalWeight = mul(inverse, mul(inverse, inverse));
      return mul(mul(mul(countWeight, intervalWeight), siblingModifiers[i] ?? 1), easyModifiers[i] ?? 1);
    });
    if (fuzzSeed === undefined) return undefined;
    const index = weightedIndex(weights, new StdRng(fuzzSeed));
    return index === undefined ? undefined : before + index;
  }

  /** Days near a sibling weigh less: nearly nothing on its day, 0.2 more per day away. */
  private siblingModifiers(before: number, after: number, noteId: number | undefined): number[] {
    const modifiers = Array<number>(after - before + 1).fill(1);
    if (noteId === undefined) return modifiers;
    const siblingDays = new Set<number>();
    for (const days of this.daysByPreset.values()) {
      days.forEach((day, i) => {
        if (day.notes.has(noteId)) siblingDays.add(i);
      });
    }
    for (const sibling of [...siblingDays].sort((a, b) => a - b)) {
      SIBLING_MODIFIER_STEPS.forEach((step, k) => {
        const target = sibling + step - before;
        const current = modifiers[target];
        if (current !== undefined) modifiers[target] = mul(current, SIBLING_MODIFIERS[k] ?? 1);
      });
    }
    return modifiers;
  }
}

/**
 * Easy days: a "minimum" day is all but excluded; a "reduced" day is excluded when it already
 * holds more than half the average of the other days of the range.
 */
function easyDayModifiers(easy: readonly EasyDay[], weekdays: readonly number[], counts: readonly number[]): number[] {
  const total = counts.reduce((sum, n) => sum + n, 0);
  let totalPercents = 0;
  for (const weekday of weekdays) totalPercents = f32(totalPercents + loadModifier(easy[weekday] ?? 'normal'));
  return weekdays.map((weekday, i) => {
    let day = easy[weekday] ?? 'normal';
    if (day === 'reduced') {
      const count = counts[i] ?? 0;
      const threshold = div(f32(total - count), f32(totalPercents - 0.5));
      day = div(count, 0.5) > threshold ? 'minimum' : 'normal';
    }
    return loadModifier(day);
  });
}

/** The largest f32 below `x` (x > 0). */
function nextDownF32(x: number): number {
  const bits = new Float32Array([x]);
  const view = new Uint32Array(bits.buffer);
  view[0] = (view[0] ?? 0) - 1;
  return bits[0] ?? 0;
}

/**
 * rand 0.9's `WeightedIndex` over f32 weights: a uniform f32 in [0, total) (the sampler's scale
 * nudged down until its largest draw stays below the total), then the first cumulative weight
 * above it.
 */
function weightedIndex(weights: readonly number[], rng: StdRng): number | undefined {
  if (weights.length === 0 || weights.some((w) => !(w >= 0))) return undefined;
  const cumulative: number[] = [];
  let total = weights[0] ?? 0;
  for (const w of weights.slice(1)) {
    cumulative.push(total);
    total = f32(total + w);
  }
  if (total === 0 || !Number.isFinite(total)) return undefined;
  const maxRand = f32(1 - 2 ** -23);
  let scale = total;
  while (mul(scale, maxRand) > total) scale = nextDownF32(scale);
  const chosen = mul(rng.nextUnitF32(), scale);
  let index = 0;
  while (index < cumulative.length && (cumulative[index] ?? 0) <= chosen) index++;
  return index;
}

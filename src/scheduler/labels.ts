/**
 * The labels above the answer buttons (anki-semantics.md §3.9; rslib `describe_next_states`
 * and `scheduler/timespan.rs`, with Anki's English strings): the time until the card is shown
 * again in the largest fitting unit — `30s`, `10m`, `1.5h`, `4d`, `1.2mo`, `2.1y` — with `<`
 * before times inside the learn-ahead limit and `(end)` for a card that leaves a preview deck.
 * Anki wraps the number in Unicode isolation marks; these labels have none.
 */
import { div, f32, mul, round } from './f32.js';
import { asDaysPastRollover, intervalKind, intervalSecs, type SchedulingStates } from './states.js';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;
const YEAR = 365 * DAY;
const MONTH = YEAR / 12;

const UNITS: readonly { limit: number; size: number; suffix: string; whole: boolean }[] = [
  { limit: MINUTE, size: 1, suffix: 's', whole: true },
  { limit: HOUR, size: MINUTE, suffix: 'm', whole: true },
  { limit: DAY, size: HOUR, suffix: 'h', whole: false },
  { limit: MONTH, size: DAY, suffix: 'd', whole: true },
  { limit: YEAR, size: MONTH, suffix: 'mo', whole: false },
  { limit: Infinity, size: YEAR, suffix: 'y', whole: false },
];

/**
 * A number as Anki's English formatter writes it: rounded to two decimals (f32), printed with
 * at most two decimals, trailing zeros and point dropped.
 */
function formatAmount(amount: number): string {
  const rounded = div(round(mul(amount, 100)), 100);
  return rounded.toFixed(2).replace(/0+$/, '').replace(/\.$/, '');
}

/** `answer_button_time`: seconds in the largest unit they reach; hours, months and years to one decimal. */
export function answerButtonTime(seconds: number): string {
  const secs = f32(seconds);
  const unit = UNITS.find((u) => Math.abs(secs) < u.limit) ?? UNITS[UNITS.length - 1];
  if (unit === undefined) return '';
  const inUnit = div(secs, unit.size);
  const amount = unit.whole ? round(inUnit) : div(round(mul(inUnit, 10)), 10);
  return `${formatAmount(amount)}${unit.suffix}`;
}

/** One button's label: `(end)` for 0, `<` within the learn-ahead limit (`collapseTime`). */
export function answerButtonLabel(seconds: number, learnAheadSecs: number): string {
  if (seconds === 0) return '(end)';
  const text = answerButtonTime(seconds);
  return seconds < learnAheadSecs ? `<${text}` : text;
}

/**
 * The four labels (Again, Hard, Good, Easy). Delays that reach the next day boundary count as
 * days from it, as when the card is scheduled.
 */
export function describeNextStates(states: SchedulingStates, secsUntilRollover: number, learnAheadSecs: number): string[] {
  return [states.again, states.hard, states.good, states.easy].map((state) =>
    answerButtonLabel(intervalSecs(asDaysPastRollover(intervalKind(state), secsUntilRollover)), learnAheadSecs),
  );
}

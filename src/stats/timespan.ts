/**
 * The two time phrases of the report that come from Anki's Rust core: an interval ("5 days",
 * "3.3 months") and the "Studied … today" sentence. Both compute in 32-bit floats there, so the
 * arithmetic here goes through Math.fround step by step to land on the same digits.
 */
import { fluentNumber, roundHalfAway } from './format.js';

const f32 = Math.fround;

const MINUTE = 60;
const HOUR = 3_600;
const DAY = 86_400;
const YEAR = 365 * DAY;
// Anki's month is a twelfth of its 365-day year.
const MONTH = YEAR / 12;

type Unit = 'second' | 'minute' | 'hour' | 'day' | 'month' | 'year';

const UNIT_SECONDS: Record<Unit, number> = { second: 1, minute: MINUTE, hour: HOUR, day: DAY, month: MONTH, year: YEAR };

/** English plural: "one" only for exactly 1. */
const unitName = (unit: Unit, amount: number): string => (amount === 1 ? unit : `${unit}s`);

/** The largest unit that `seconds` reaches. */
function naturalUnit(seconds: number): Unit {
  const secs = Math.abs(seconds);
  if (secs < MINUTE) return 'second';
  if (secs < HOUR) return 'minute';
  if (secs < DAY) return 'hour';
  if (secs < MONTH) return 'day';
  if (secs < YEAR) return 'month';
  return 'year';
}

/**
 * An interval as the report's "Average interval" and "Longest interval" show it: in its natural
 * unit, seconds and days rounded to whole numbers, the other units to one decimal.
 */
export function intervalText(seconds: number): string {
  const secs = f32(seconds);
  const unit = naturalUnit(secs);
  const amount = f32(secs / UNIT_SECONDS[unit]);
  const shown = unit === 'second' || unit === 'day' ? roundHalfAway(amount) : f32(roundHalfAway(f32(amount * 10)) / 10);
  return `${fluentNumber(shown)} ${unitName(unit, shown)}`;
}

/** Two decimals, rounded in 32-bit floats as Anki rounds the "studied today" amounts. */
const twoDecimals = (x: number): number => f32(roundHalfAway(f32(f32(x) * 100)) / 100);

/**
 * "Studied 12 cards in 3.5 minutes today (17.5s/card)": the time in seconds below a minute and
 * in minutes from there on (never hours).
 */
export function studiedTodayText(cards: number, seconds: number): string {
  const secs = f32(seconds);
  const unit: Unit = secs < MINUTE ? 'second' : 'minute';
  const amount = twoDecimals(f32(secs / UNIT_SECONDS[unit]));
  const perCard = cards > 0 ? twoDecimals(f32(secs / f32(cards))) : 0;
  return (
    `Studied ${cards} ${cards === 1 ? 'card' : 'cards'} in ${fluentNumber(amount)} ${unitName(unit, amount)} today ` +
    `(${fluentNumber(perCard)}s/card)`
  );
}

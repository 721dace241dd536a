/**
 * The `cards.data` column (anki-format.md §1.3): a JSON object holding the original new-queue
 * position, FSRS memory state, desired retention and decay, last review time, and custom
 * scheduling data. Anki reads anything else as empty and rewrites the object from a fixed set
 * of keys in a fixed order, so a rewrite here does the same: unknown keys go, and an empty
 * object is written "{}".
 */

const KEY_ORDER = ['pos', 's', 'd', 'dr', 'decay', 'lrt', 'cd'] as const;
export type CardDataKey = (typeof KEY_ORDER)[number];
export type CardData = Record<string, unknown>;

/** The object stored in `data`; empty text, invalid JSON or a non-object read as empty, as in Anki. */
export function parseCardData(text: unknown): CardData {
  // Most cards store "" or "{}": no parse for those (search functions call this per row).
  if (typeof text !== 'string' || text.length <= 2) return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as CardData) : {};
  } catch {
    return {};
  }
}

/** Decimal places Anki keeps of the f32 values, rounding on every write. */
const F32_PLACES: Partial<Record<CardDataKey, number>> = { s: 4, d: 3, dr: 2, decay: 3 };

/**
 * An f32 rounded to `places` as Anki rounds it (in f32), written as serde_json writes an f32:
 * the shortest decimal that reads back as the same f32, with `.0` on whole numbers.
 */
function f32Text(value: number, places: number): string {
  const factor = 10 ** places;
  const single = Math.fround(Math.fround(roundHalfAway(Math.fround(Math.fround(value) * factor))) / factor);
  let text = String(single);
  for (let digits = 1; digits <= 9; digits++) {
    const shortest = Number(single.toPrecision(digits));
    if (Math.fround(shortest) === single) {
      text = String(shortest);
      break;
    }
  }
  return /^-?\d+$/.test(text) ? `${text}.0` : text;
}

const roundHalfAway = (x: number): number => (x < 0 ? -Math.round(-x) : Math.round(x));

/** Whether `value` reads as the type Anki gives `key` (a value that does not is dropped, as Anki drops it). */
function validFor(key: CardDataKey, value: unknown): boolean {
  switch (key) {
    case 'pos':
      return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 4_294_967_295;
    case 'lrt':
      return typeof value === 'number' && Number.isSafeInteger(value);
    case 'cd':
      return typeof value === 'string' && value !== '' && value !== '{}';
    default:
      return typeof value === 'number' && Number.isFinite(value);
  }
}

/**
 * `data` as Anki writes it: known keys in Anki's order, values of the right type only, FSRS
 * values rounded and written as f32, custom data only when non-empty.
 */
export function serializeCardData(data: CardData): string {
  const parts: string[] = [];
  for (const key of KEY_ORDER) {
    const value = data[key];
    if (!validFor(key, value)) continue;
    const places = F32_PLACES[key];
    const text = places !== undefined && typeof value === 'number' ? f32Text(value, places) : JSON.stringify(value);
    parts.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${parts.join(',')}}`;
}

/** A number stored under `key`, if it is one. */
export function cardDataNumber(data: CardData, key: CardDataKey): number | undefined {
  const value = data[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

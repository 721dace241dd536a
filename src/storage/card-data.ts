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

/** `data` as Anki writes it: known keys in Anki's order, custom data only when non-empty. */
export function serializeCardData(data: CardData): string {
  const out: CardData = {};
  for (const key of KEY_ORDER) {
    const value = data[key];
    if (value === undefined || value === null) continue;
    if (key === 'cd' && (value === '' || value === '{}')) continue;
    out[key] = value;
  }
  return JSON.stringify(out);
}

/** A number stored under `key`, if it is one. */
export function cardDataNumber(data: CardData, key: CardDataKey): number | undefined {
  const value = data[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

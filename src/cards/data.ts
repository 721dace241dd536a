/**
 * The `cards.data` JSON object (anki-format.md §1.3): the original new-queue position, FSRS
 * memory state and desired retention, and custom scheduling data. Anki rewrites it from a fixed
 * set of keys in a fixed order, so a rewrite here does the same: unknown keys go, and an empty
 * object is written "{}".
 */

const KEY_ORDER = ['pos', 's', 'd', 'dr', 'decay', 'lrt', 'cd'] as const;
export type CardDataKey = (typeof KEY_ORDER)[number];
export type CardData = Partial<Record<CardDataKey, unknown>>;

/** The object stored in `data`; invalid JSON or a non-object reads as empty, as in Anki. */
export function parseCardData(text: string): CardData {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
    const data: CardData = {};
    for (const key of KEY_ORDER) {
      const entry = (value as Record<string, unknown>)[key];
      if (entry !== undefined && entry !== null) data[key] = entry;
    }
    return data;
  } catch {
    return {};
  }
}

/** `data` as Anki writes it: known keys in Anki's order, custom data only when non-empty. */
export function serializeCardData(data: CardData): string {
  const out: Record<string, unknown> = {};
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

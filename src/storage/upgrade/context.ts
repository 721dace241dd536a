import type { Collection } from '../../collection/collection.js';
import { isJsonObject, LegacyJsonError, parseLegacyJson, type LegacyJson } from './json.js';

/** What the upgrade steps share: the collection being upgraded and the sources of time and chance. */
export interface UpgradeContext {
  readonly col: Collection;
  /** Now, in seconds: the mtime Anki gives a deck whose name the upgrade changes. */
  readonly nowSecs: number;
  /** A note type id for one stored with id 0; Anki draws a random u32 of at least 1. */
  readonly randomNotetypeId: () => number;
}

/**
 * A schema upgrade Anki would not complete either: the message says what could not be read, in
 * Anki's words where it has some ("decoding models: missing field `css`").
 */
export class UpgradeError extends Error {}

/** Runs `fn`, turning any error into an {@link UpgradeError} that starts with `what`. */
export function decoding<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof UpgradeError) throw err;
    throw new UpgradeError(`${what}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

/**
 * The JSON object held in one of the schema-11 `col` columns (`conf`, `models`, `decks`,
 * `dconf`, `tags`). Anki reads them as text; anything else, or text that is not a JSON object,
 * fails the upgrade.
 */
export function colJsonObject(col: Collection, column: 'conf' | 'models' | 'decks' | 'dconf' | 'tags'): Record<string, LegacyJson> {
  const row = col.db.prepare(`select ${column} as value from col`).get() as { value: unknown } | undefined;
  if (row === undefined) throw new UpgradeError('the col table is empty');
  if (typeof row.value !== 'string') throw new UpgradeError(`col.${column} is not text`);
  let parsed: LegacyJson;
  try {
    parsed = parseLegacyJson(row.value);
  } catch (err) {
    if (err instanceof LegacyJsonError) throw new UpgradeError(`col.${column} is not valid JSON: ${err.message}`);
    throw err;
  }
  if (!isJsonObject(parsed)) throw new UpgradeError(`col.${column} is not a JSON object`);
  return parsed;
}

/**
 * An id used as a key of a legacy JSON map (`{"1": {...}}`): an integer, as serde reads map keys
 * into i64 ids. Anything else fails the upgrade.
 */
export function idFromKey(key: string, what: string): number {
  const id = /^-?\d+$/.test(key) ? Number(key) : Number.NaN;
  if (!Number.isSafeInteger(id)) throw new UpgradeError(`${what}: invalid id ${JSON.stringify(key)}`);
  return id;
}

/** UTF-8 bytes of a JSON text, as Anki writes JSON into BLOB columns. */
export function utf8(text: string): Buffer {
  return Buffer.from(text, 'utf8');
}

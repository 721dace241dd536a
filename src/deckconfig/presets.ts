import { create } from '@bufbuild/protobuf';
import type { Collection } from '../collection/collection.js';
import { deckConfigId, isFilteredDeck, type Deck } from '../decks/deck.js';
import { filteredDeckToLegacy } from '../decks/schema11.js';
import { AnkiConnectError } from '../errors.js';
import { NormalDeckSchema } from '../storage/proto/gen/anki_storage/decks_pb.js';
import { deckConfigFromLegacy, deckConfigToLegacy, LegacyConfigError, type JsonObject } from './schema11.js';

const DEFAULT_PRESET_ID = 1;

/**
 * A preset id as Python's `int()` reads it: an integer, or a string of digits. Anything else is
 * Python's ValueError.
 */
export function presetId(value: unknown): number {
  const parsed = typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof parsed === 'number' && Number.isSafeInteger(parsed)) return parsed;
  throw new AnkiConnectError(`invalid literal for int() with base 10: ${JSON.stringify(value)}`);
}

/**
 * Anki-Connect's getDeckConfig: the legacy dict of the deck's options preset (preset 1 when
 * the deck's preset is missing), with `dyn` false; for a filtered deck, the deck's own legacy
 * dict (`dyn` 1), as Anki's `config_dict_for_deck_id` gives it. Undefined for an unknown deck.
 */
export function deckConfigDict(col: Collection, deckName: string): JsonObject | undefined {
  const deck = col.decks.byName(deckName);
  if (deck === undefined) return undefined;
  if (isFilteredDeck(deck)) return filteredDeckToLegacy(deck);
  const preset = col.deckConfigs.getOrDefault(deckConfigId(deck) ?? DEFAULT_PRESET_ID);
  return { ...deckConfigToLegacy(preset), dyn: false };
}

/**
 * Anki-Connect's saveDeckConfig: writes a legacy dict over the preset with its `id`, stamped
 * modified now. False when there is no such preset or Anki could not read the dict (a required
 * key missing, a value of the wrong type).
 */
export function saveDeckConfigDict(col: Collection, dict: Readonly<Record<string, unknown>>): boolean {
  // Python's KeyError text for the missing key, then int()'s ValueError, as upstream.
  if (!Object.hasOwn(dict, 'id')) throw new AnkiConnectError("'id'");
  const id = presetId(dict['id']);
  if (col.deckConfigs.get(id) === undefined) return false;
  let parsed;
  try {
    parsed = deckConfigFromLegacy({ ...dict, id });
  } catch (err) {
    if (err instanceof LegacyConfigError) return false;
    throw err;
  }
  col.deckConfigs.save({ id, name: parsed.name, config: parsed.config });
  return true;
}

/**
 * Anki-Connect's setDeckConfigId: gives every named deck the preset `configId`. False, with
 * nothing changed, when a deck does not exist or is filtered, or when the preset does not exist
 * (the seed README's promise; upstream does not check it). Decks whose preset changes are
 * stamped modified.
 */
export function setDecksPreset(col: Collection, deckNames: readonly string[], configId: number): boolean {
  if (col.deckConfigs.get(configId) === undefined) return false;
  const decks = deckNames.map((name) => col.decks.byName(name));
  const normal = decks.filter((deck): deck is Deck => deck !== undefined && !isFilteredDeck(deck));
  if (normal.length !== deckNames.length) return false;
  const changing = normal.filter((deck) => deckConfigId(deck) !== configId).map((deck) => deck.id);
  setDecksPresetById(col, changing, configId);
  return true;
}

/**
 * Anki-Connect's cloneDeckConfigId: a new preset called `name` with the settings of preset
 * `cloneFrom` (taken through its legacy dict, as Anki's `add_config` copies it). Returns the
 * new id, or false when there is no preset `cloneFrom`.
 */
export function clonePreset(col: Collection, name: string, cloneFrom: number): number | false {
  const source = col.deckConfigs.get(cloneFrom);
  if (source === undefined) return false;
  const copy = deckConfigFromLegacy({ ...deckConfigToLegacy(source), id: 0, name });
  return col.deckConfigs.add(name, copy.config).id;
}

/**
 * Anki-Connect's removeDeckConfigId: deletes a preset and gives its decks preset 1. Like Anki it
 * marks the schema modified (the next sync is a full one). False for an unknown preset and for
 * preset 1, which Anki refuses to delete.
 */
export function removePreset(col: Collection, configId: number): boolean {
  if (configId === DEFAULT_PRESET_ID || col.deckConfigs.get(configId) === undefined) return false;
  col.stmt('update col set scm = ?').run(col.nowMs());
  const users = col
    .stmt<[], { id: number }>('select id from decks')
    .all()
    .flatMap((row) => {
      const deck = col.decks.get(row.id);
      return deck !== undefined && deckConfigId(deck) === configId ? [deck] : [];
    });
  col.deckConfigs.remove(configId);
  setDecksPresetById(col, users.map((deck) => deck.id), DEFAULT_PRESET_ID);
  return true;
}

/** Points normal decks at another preset, stamping them modified. */
function setDecksPresetById(col: Collection, deckIds: readonly number[], configId: number): void {
  for (const id of deckIds) {
    const deck = col.decks.get(id);
    if (deck?.kind.kind.case !== 'normal') continue;
    const kind = create(NormalDeckSchema, { ...deck.kind.kind.value, configId: BigInt(configId) });
    col.decks.update({ ...deck, kind: { ...deck.kind, kind: { case: 'normal', value: kind } } });
  }
}

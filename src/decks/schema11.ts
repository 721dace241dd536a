import type { Json, JsonObject } from '../deckconfig/schema11.js';
import { f32Json } from '../deckconfig/schema11.js';
import type { Deck } from './deck.js';
import { humanDeckName } from './names.js';

// Keys of the legacy deck dict that are the deck's own; anything else stored in the `other`
// bytes of the common blob is given back as it was.
const RESERVED_KEYS = new Set([
  'usn', 'revToday', 'newLimit', 'dyn', 'reviewLimit', 'newToday', 'timeToday', 'reviewLimitToday', 'extendNew', 'mod',
  'newLimitToday', 'desc', 'name', 'lrnToday', 'conf', 'browserCollapsed', 'extendRev', 'id', 'collapsed',
  'resched', 'terms', 'separate', 'delays', 'previewDelay', 'previewAgainSecs', 'previewHardSecs', 'previewGoodSecs',
]);

function otherKeys(bytes: Uint8Array): JsonObject {
  if (bytes.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed as Record<string, Json>).filter(([key]) => !RESERVED_KEYS.has(key)));
  } catch {
    return {};
  }
}

/**
 * The legacy ("schema 11") dict of a filtered deck, as Anki's `DeckSchema11` writes it: what
 * Anki-Connect's getDeckConfig returns for a filtered deck, `dyn` 1 telling clients apart.
 * Undefined for a normal deck.
 */
export function filteredDeckToLegacy(deck: Deck): JsonObject | undefined {
  if (deck.kind.kind.case !== 'filtered') return undefined;
  const filtered = deck.kind.kind.value;
  const common = deck.common;
  const day = common.lastDayStudied;
  return {
    id: deck.id,
    mod: deck.mtimeSecs,
    name: humanDeckName(deck.name),
    usn: deck.usn,
    lrnToday: [day, common.learningStudied],
    revToday: [day, common.reviewStudied],
    newToday: [day, common.newStudied],
    timeToday: [day, common.millisecondsStudied],
    collapsed: common.studyCollapsed,
    browserCollapsed: common.browserCollapsed,
    desc: '',
    dyn: 1,
    ...otherKeys(common.other),
    resched: filtered.reschedule,
    terms: filtered.searchTerms.map((term) => [term.search, term.limit, term.order]),
    separate: true,
    delays: filtered.delays.length === 0 ? null : filtered.delays.map(f32Json),
    previewDelay: filtered.previewDelay,
    previewAgainSecs: filtered.previewAgainSecs,
    previewHardSecs: filtered.previewHardSecs,
    previewGoodSecs: filtered.previewGoodSecs,
  };
}

/**
 * Filtered decks in a package (Anki's `gather_data`, with scheduling). Old exporters left it to
 * the importer to turn filtered decks into normal ones, so a package may hold cards whose home
 * deck is missing. Filtered decks are kept only when every card's home is in the package;
 * otherwise each card stays where it is with its home-deck scheduling restored, and the
 * filtered decks become normal decks.
 */
import { create } from '@bufbuild/protobuf';
import { isFilteredDeck, type Deck } from '../../decks/deck.js';
import { DeckKindSchema, NormalDeckSchema } from '../../storage/proto/gen/anki_storage/decks_pb.js';
import type { ExchangeData, ImportCard } from './exchange.js';
import { queueFromType } from './scheduler-upgrade.js';

/** Whether filtered decks can stay filtered; when not, the cards leave them in place. Returns that. */
export function prepareFilteredDecks(data: ExchangeData): boolean {
  const byId = new Map(data.decks.map((deck) => [deck.id, deck]));
  const normalInNormalDeck = (card: ImportCard): boolean => {
    const deck = byId.get(card.did);
    return card.odid === 0 && deck !== undefined && !isFilteredDeck(deck);
  };
  const homeExists = (card: ImportCard): boolean => card.odid === 1 || byId.has(card.odid);
  const allowFiltered = data.cards.every((card) => normalInNormalDeck(card) || homeExists(card));
  if (!allowFiltered) {
    for (const card of data.cards) if (card.odid > 0) restoreInPlace(card);
  }
  return allowFiltered;
}

/** Anki's `remove_from_filtered_deck_restoring_queue` with the home deck set to the current one. */
function restoreInPlace(card: ImportCard): void {
  card.odid = 0;
  if (card.odue !== 0) card.due = card.odue;
  if (card.queue >= 0) card.queue = queueFromType(card.type, card.due);
  card.odue = 0;
}

/**
 * Normal decks use preset 1 when presets are not imported; filtered decks become plain normal
 * decks (preset 1) when they cannot stay filtered.
 */
export function resetDeckConfigs(decks: Deck[], resetConfigIds: boolean, allowFiltered: boolean): void {
  for (const deck of decks) {
    const kind = deck.kind.kind;
    if (kind.case === 'normal') {
      if (resetConfigIds) kind.value.configId = 1n;
    } else if (kind.case === 'filtered' && !allowFiltered) {
      deck.kind = create(DeckKindSchema, { kind: { case: 'normal', value: create(NormalDeckSchema, { configId: 1n }) } });
    }
  }
}

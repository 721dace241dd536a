/**
 * Deck names. Anki stores them in "native" form, components joined by U+001F, so that a
 * parent sorts directly before its children; clients see the "human" form joined by `::`.
 */

import { normalizeToNfc, removeAsciiControls, trimRust } from '../text/index.js';

const SEPARATOR = '\x1f';

/** Normalises one `::` component as Anki does: NFC, invalid characters removed, trimmed, empty → `blank`. */
export function normalizeDeckNameComponent(component: string): string {
  // ASCII control characters (the separator among them) and the double quote are dropped.
  const nfc = normalizeToNfc(component);
  let cleaned = removeAsciiControls(nfc, false).replaceAll('"', '');
  // A removal can bring together what NFC composes (`p"\u0301` → `p\u0301`). Anki normalises a
  // deck's name again when it saves the deck (rslib `maybe_normalize`), so it stores `ṕ`; one
  // more NFC here gives that name, and makes this function idempotent.
  if (cleaned !== nfc) cleaned = normalizeToNfc(cleaned);
  const trimmed = trimRust(cleaned);
  return trimmed === '' ? 'blank' : trimmed;
}

/** `A::B` → the normalised native name `A\x1fB`. */
export function nativeDeckName(humanName: string): string {
  return humanName.split('::').map(normalizeDeckNameComponent).join(SEPARATOR);
}

/** Native `A\x1fB` → human `A::B`. */
export function humanDeckName(nativeName: string): string {
  return nativeName.replaceAll(SEPARATOR, '::');
}

/** The native names of every ancestor, outermost first: `a\x1fb\x1fc` → [`a`, `a\x1fb`]. */
export function ancestorNativeNames(nativeName: string): string[] {
  const parts = nativeName.split(SEPARATOR);
  const out: string[] = [];
  for (let i = 1; i < parts.length; i++) out.push(parts.slice(0, i).join(SEPARATOR));
  return out;
}

/** The last component: `A\x1fB` → `B`. */
export function deckBaseName(nativeName: string): string {
  const idx = nativeName.lastIndexOf(SEPARATOR);
  return idx < 0 ? nativeName : nativeName.slice(idx + 1);
}

export const DECK_NAME_SEPARATOR = SEPARATOR;

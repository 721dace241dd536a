/**
 * Deck names. Anki stores them in "native" form, components joined by U+001F, so that a
 * parent sorts directly before its children; clients see the "human" form joined by `::`.
 */

const SEPARATOR = '\x1f';
const EDGE_WHITESPACE = /^\p{White_Space}+|\p{White_Space}+$/gu;
// ASCII control characters and the double quote are dropped from each component.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is matched
const INVALID_COMPONENT_CHARS = /[\x00-\x1f\x7f"]/g;

/** Normalises one `::` component as Anki does: NFC, invalid characters removed, trimmed, empty → `blank`. */
export function normalizeDeckNameComponent(component: string): string {
  const cleaned = component.normalize('NFC').replace(INVALID_COMPONENT_CHARS, '').replace(EDGE_WHITESPACE, '');
  return cleaned === '' ? 'blank' : cleaned;
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

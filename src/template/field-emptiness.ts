/**
 * Which fields count as "non-empty" for conditionals and card generation
 * (anki-semantics.md §2.2, §2.3, §2.6).
 */

// Only ASCII whitespace counts (Rust's [[:space:]]): a field holding just `&nbsp;` or U+00A0 is
// non-empty. The alternatives start with different characters, so the regex cannot backtrack badly.
const EMPTY_FIELD = /^(?:[\t\n\v\f\r ]|<\/?(?:br|div) ?\/?>)*$/i;

/**
 * True when a field value consists only of ASCII whitespace and `<br>`/`<div>` opening or closing
 * tags (any case, optionally self-closed as `<br />` or `<div/>`).
 */
export function fieldIsEmpty(text: string): boolean {
  return EMPTY_FIELD.test(text);
}

/**
 * Names of the note fields whose values are non-empty, pairing names and values by ordinal.
 * Values beyond the last name are ignored, as Anki does. This is exactly the set Anki's card
 * generation tests templates against (add `Tags` via the `hasTags` option of the caller).
 */
export function nonEmptyFieldNames(fieldNames: readonly string[], values: readonly string[]): Set<string> {
  const names = new Set<string>();
  const count = Math.min(fieldNames.length, values.length);
  for (let ord = 0; ord < count; ord++) {
    if (!fieldIsEmpty(values[ord] ?? '')) names.add(fieldNames[ord] ?? '');
  }
  return names;
}

/**
 * Special fields that always have a non-empty value while rendering: note type name, deck,
 * subdeck, `flagN`, template name and card id. `Tags` depends on the note; `FrontSide` is not in
 * the rendering field map at all.
 */
const ALWAYS_NON_EMPTY_SPECIAL_FIELDS = ['Type', 'Deck', 'Subdeck', 'CardFlag', 'Card', 'CardID'] as const;

/** What `renderingNonEmptyFields` needs to know besides the note's fields. */
export interface RenderingKeyOptions {
  /** Whether the note has at least one tag. */
  readonly hasTags: boolean;
  /** The ordinal of the card being rendered; `c{cardOrd + 1}` counts as non-empty. */
  readonly cardOrd: number;
}

/**
 * The non-empty keys Anki uses while *rendering* a card, e.g. for the "front of this card is
 * blank" check and for `{{#Deck}}`-style conditionals: the non-empty note fields, the special
 * fields (2.3) and `cN` for this card. A note field with the same name as a special key always
 * wins, even when it is empty. Card *generation* does not use this set: it only sees note fields
 * plus `Tags` (see `rendersWithFields`).
 */
export function renderingNonEmptyFields(
  fieldNames: readonly string[],
  values: readonly string[],
  options: RenderingKeyOptions,
): Set<string> {
  const keys = nonEmptyFieldNames(fieldNames, values);
  const real = new Set(fieldNames);
  const addUnlessShadowed = (key: string): void => {
    if (!real.has(key)) keys.add(key);
  };
  for (const key of ALWAYS_NON_EMPTY_SPECIAL_FIELDS) addUnlessShadowed(key);
  if (options.hasTags) addUnlessShadowed('Tags');
  addUnlessShadowed(`c${options.cardOrd + 1}`);
  return keys;
}

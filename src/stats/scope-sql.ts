/**
 * The scope conditions every statistics query shares, as SQL text with named parameters (the
 * deck ids travel as one JSON array, @decks, so statements stay fixed and values stay bound).
 *
 * Cards count when their current deck is in scope. Reviews count when they belong to such a
 * card, or all of them, orphans included, for the whole collection (@all = 1), as in Anki.
 */
export const CARD_IN_SCOPE = 'did in (select value from json_each(@decks))';

export const REVIEW_IN_SCOPE = `(@all or cid in (select id from cards where ${CARD_IN_SCOPE}))`;

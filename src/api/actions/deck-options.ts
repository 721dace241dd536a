import type { Action } from '../action.js';

/** Options presets (deck configs) of decks. */
export const deckOptionActions: Action[] = [];

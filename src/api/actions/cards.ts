import type { Action } from '../action.js';

/** Card actions other than search and cardsInfo. */
export const cardActions: Action[] = [];

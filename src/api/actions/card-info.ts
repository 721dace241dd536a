import type { Action } from '../action.js';

/** cardsInfo: cards with their rendered question and answer. */
export const cardInfoActions: Action[] = [];

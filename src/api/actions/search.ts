import type { Action } from '../action.js';

/** Search: findCards, findNotes, cardsToNotes and guiBrowse (answering with findCards). */
export const searchActions: Action[] = [];

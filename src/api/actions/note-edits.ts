import type { Action } from '../action.js';

/** Actions that change or delete existing notes and their tags. */
export const noteEditActions: Action[] = [];

/**
 * Anki's windows, held in the server (ARCHITECTURE.md decision 5): the main window's screen
 * (deck browser, deck overview, reviewer), the card browser, the Add and Edit dialogs, and the
 * import prompt. The graphical actions act on this state with no page open; the web UI shows it
 * and acts on it too. Every change is announced, so an open page follows it.
 */
import { EventEmitter } from 'node:events';
import { PermissionPrompts } from './permissions.js';

export type MainScreen = 'deckBrowser' | 'overview' | 'review';

/** Browser columns Anki shows by default in cards mode, in its order; only these can sort. */
export const BROWSER_COLUMNS = ['noteFld', 'template', 'cardDue', 'deck'] as const;

export interface BrowserWindow {
  query: string;
  /** A column id of Anki's browser (`noteFld`, `cardDue`, …). */
  sort: { column: string; descending: boolean };
  /** The cards the search found, in the table's order. */
  cards: number[];
  selected: number[];
}

/** The Add dialog's note, not yet in the collection. */
export interface AddDraft {
  deckId: number;
  notetypeId: number;
  /** In the note type's field order. */
  fields: string[];
  tags: string[];
}

export interface ReviewerWindow {
  deckId: number;
  /** The card shown, or undefined when nothing is left to study ("Congratulations"). */
  cardId: number | undefined;
  side: 'question' | 'answer';
  /** When the card's timer started (ms since the epoch). */
  shownAtMs: number;
}

/** What an answer changed, so that guiUndo can put it back: the rows as they were before. */
export interface UndoEntry {
  cardId: number;
  cards: Record<string, unknown>[];
  decks: Record<string, unknown>[];
  revlogAbove: number;
}

export type WindowName = 'main' | 'browser' | 'add' | 'edit' | 'reviewer' | 'import';

/**
 * `change` names the window that changed; `collection` says a request wrote to the collection
 * (the windows show its data, so an open page refreshes what it shows).
 */
export class GuiWindows extends EventEmitter<{ change: [WindowName]; collection: [] }> {
  screen: MainScreen = 'deckBrowser';
  browser: BrowserWindow | undefined;
  add: AddDraft | undefined;
  editNoteId: number | undefined;
  reviewer: ReviewerWindow | undefined;
  /** The import prompt: the file asked for, or null when the user is to pick one. */
  importPath: string | null | undefined;
  readonly undo: UndoEntry[] = [];
  /** requestPermission's dialogs: server-wide, so a profile switch (reset) leaves them open. */
  readonly permissions = new PermissionPrompts();

  changed(window: WindowName): void {
    this.emit('change', window);
  }

  collectionChanged(): void {
    this.emit('collection');
  }

  /** Every window closed, as when a profile closes. */
  reset(): void {
    this.screen = 'deckBrowser';
    this.browser = undefined;
    this.add = undefined;
    this.editNoteId = undefined;
    this.reviewer = undefined;
    this.importPath = undefined;
    this.undo.length = 0;
    this.changed('main');
  }
}
